import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What this part of the page shows, for the message: "The span detail". */
  readonly what: string;
  /** When this changes (another span, another view) the part is tried again. */
  readonly resetKey?: unknown;
  readonly children: ReactNode;
}

interface State {
  readonly error: string | null;
  readonly resetKey: unknown;
}

/** Error messages come from hostile input too; a few hundred characters say what went wrong. */
const MAX_MESSAGE = 300;

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/**
 * Keeps a failure in one view or panel from unmounting the page: the loaded traces and the rest
 * of the page stay, and this part says what failed.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: describe(error) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.what} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <p>
          {this.props.what} could not be shown: {this.state.error}. The loaded traces are kept.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}

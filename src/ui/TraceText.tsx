import { boundText, cutNote, LABEL_MAX } from '../view-model/bounded-text.ts';
import { CopyButton } from './CopyButton.tsx';

interface Props {
  readonly value: string;
  readonly max?: number;
  /** Offer the whole value one Copy away when it is cut (where a button fits: not inside rows). */
  readonly copyLabel?: string;
  readonly className?: string;
}

/**
 * A piece of trace text: isolated from the page's own text direction (<bdi>), cut to a bounded
 * length with an ellipsis that says how much is left out, controls shown visibly.
 */
export function TraceText({ value, max = LABEL_MAX, copyLabel, className }: Props) {
  const { text, cut } = boundText(value, max);
  return (
    <>
      <bdi className={className === undefined ? 'trace-text' : `trace-text ${className}`} data-cut={cut || undefined}>
        {text}
        {cut > 0 && (
          <span className="trace-text__cut" title={cutNote(cut)}>
            …
          </span>
        )}
      </bdi>
      {cut > 0 && copyLabel !== undefined && <CopyButton text={value} label={copyLabel} />}
    </>
  );
}

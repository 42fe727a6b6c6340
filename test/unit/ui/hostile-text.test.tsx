// Trace text an attacker chose, where the page shows it: every piece is cut to a bounded length
// and isolated from the page's own text direction, and work on a value waits to be asked for.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { TimePanel } from '../../../src/ui/analysis/TimePanel.tsx';
import { SpanDetail } from '../../../src/ui/detail/SpanDetail.tsx';
import { TraceHeader } from '../../../src/ui/TraceHeader.tsx';
import { LABEL_MAX } from '../../../src/view-model/bounded-text.ts';
import { PRETTY_MAX_OUTPUT } from '../../../src/view-model/json-text.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';
import { renderWaterfall, row, stubLayout } from './waterfall-test-utils.tsx';

const TEN_MB = 10_000_000;
const DEPTH = 23_000;

stubLayout();
afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
  useTraceStore.setState({ selectedSpan: null });
});

function hostileTrace() {
  return makeTrace([
    { id: 'root', start: 0, dur: 1000, service: 's'.repeat(TEN_MB), name: 'n'.repeat(TEN_MB) },
    {
      id: 'evil',
      parent: 'root',
      start: 10,
      dur: 900,
      service: '\u202Eevil\u202C',
      name: 'GET \u202Etxt.exe',
      attrs: { deep: `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`, big: 'x'.repeat(TEN_MB) },
    },
  ]);
}

describe('a 10 MB service and name', () => {
  it('are cut in the bottleneck sentence, the header and the waterfall rows', () => {
    const trace = hostileTrace();
    render(<TimePanel trace={trace} />);
    render(<TraceHeader trace={trace} />);
    const sentence = screen.getByTestId('bottleneck').textContent!;
    expect(sentence.length).toBeLessThan(2 * LABEL_MAX + 200);
    // The summary opens folded to the bottleneck line; its service hops are inside.
    fireEvent.click(screen.getByTestId('time-panel-toggle'));
    const hops = screen.getByTestId('critical-path-services').textContent!;
    expect(hops).toContain(`${'s'.repeat(LABEL_MAX)}…`);
    expect(hops.length).toBeLessThan(4 * LABEL_MAX);
    expect(screen.getByTestId('trace-summary').textContent!.length).toBeLessThan(10 * LABEL_MAX);
    cleanup();
    renderWaterfall(trace);
    const rootRow = row('root');
    expect(rootRow.textContent!.length).toBeLessThan(4 * LABEL_MAX);
    expect(rootRow.getAttribute('aria-label')!.length).toBeLessThan(4 * LABEL_MAX);
  });

  it('the span detail shows it cut, with the whole value one Copy away', () => {
    const trace = hostileTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, 'root')} />);
    const name = screen.getByRole('heading', { level: 2 });
    expect(name.textContent).toBe(`${'n'.repeat(LABEL_MAX)}…Copy`);
    expect(within(name).getByRole('button', { name: /^Copy span name/ })).toBeTruthy();
  });

  it('an event named with 10 MB is cut in the span detail', () => {
    const trace = makeTrace([{ id: 'root', start: 0, dur: 1000, events: ['e'.repeat(TEN_MB)] }]);
    const { container } = render(<SpanDetail trace={trace} spanIndex={0} />);
    const eventName = container.querySelector('.event__name');
    expect(eventName?.textContent?.startsWith(`${'e'.repeat(LABEL_MAX)}…`)).toBe(true);
    expect(container.textContent!.length).toBeLessThan(10 * LABEL_MAX);
  });
});

describe('U+202E in trace text', () => {
  it('cannot reverse the page’s own sentence: the service is isolated and its control shown', () => {
    const trace = makeTrace([
      { id: 'a', start: 0, dur: 1000, service: '\u202Eevil', name: 'op' },
      { id: 'b', parent: 'a', start: 0, dur: 10, service: 'x', name: 'op' },
    ]);
    render(<TimePanel trace={trace} />);
    const sentence = screen.getByTestId('bottleneck');
    const service = sentence.querySelector('.time-panel__neck-service bdi');
    expect(service?.textContent).toBe('⟨U+202E⟩evil');
    expect(sentence.textContent).not.toContain('\u202E');
  });
});

describe('an attribute holding JSON nested 23,000 levels deep', () => {
  it('is not formatted when the span is selected, and is formatted within bounds when asked', () => {
    const trace = hostileTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, 'evil')} />);
    const deep = document.querySelector<HTMLElement>('[data-attr-key="deep"]')!;
    const text = () => within(deep).getByTestId('attr-value-text').textContent!;
    expect(text().startsWith('[[[[')).toBe(true);
    fireEvent.click(within(deep).getByRole('button', { name: 'Format JSON' }));
    expect(text().startsWith('[\n  [\n    [')).toBe(true);
    expect(text().length).toBeLessThanOrEqual(PRETTY_MAX_OUTPUT + 1);
  });
});

describe('"Show more" on a 10 MB attribute', () => {
  it('reveals the value in steps, saying how much is left', () => {
    const trace = hostileTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, 'evil')} />);
    const big = document.querySelector<HTMLElement>('[data-attr-key="big"]')!;
    const text = () => within(big).getByTestId('attr-value-text').textContent!;
    const folded = text().length;
    expect(folded).toBeLessThan(1000);
    fireEvent.click(within(big).getByRole('button', { name: /^Show more/ }));
    const first = text().length;
    expect(first).toBeGreaterThan(folded);
    expect(first).toBeLessThan(100_000);
    const more = within(big).getByRole('button', { name: /^Show more/ });
    expect(more.textContent).toBe(`Show more (${(TEN_MB - first + 1).toLocaleString('en-US')} more characters)`);
    fireEvent.click(more);
    expect(text().length).toBe(2 * (first - 1) + 1);
    fireEvent.click(within(big).getByRole('button', { name: 'Show less' }));
    expect(text().length).toBe(folded);
  });
});

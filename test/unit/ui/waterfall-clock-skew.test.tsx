import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SpanDetail } from '../../../src/ui/detail/SpanDetail.tsx';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';
import { renderWaterfall, row, stubLayout } from './waterfall-test-utils.tsx';

stubLayout();

const MS = 1_000_000;
const trace = makeTrace([
  { id: 'root', start: 40 * MS, dur: 100 * MS, service: 'frontend', name: 'GET /dispatch' },
  { id: 'early', parent: 'root', start: 8 * MS, dur: 20 * MS, service: 'driver', name: 'FindNearest' },
  { id: 'inside', parent: 'root', start: 50 * MS, dur: 10 * MS, service: 'redis', name: 'GetDriver' },
]);

describe('clock skew on a waterfall row', () => {
  it('marks a span that starts before its parent, with the amount and the parent in words', () => {
    renderWaterfall(trace);
    const mark = within(row('early')).getByTestId('clock-skew-mark');
    expect(mark.getAttribute('data-clock-skew')).toBe('starts 32 ms before GET /dispatch');
    expect(within(row('early')).getByRole('img', { name: 'Clock skew: starts 32 ms before GET /dispatch' })).toBe(mark);
    // The row's own accessible name says it too: the row's label hides its children from screen readers.
    expect(row('early').getAttribute('aria-label')).toContain('starts 32 ms before GET /dispatch');
  });

  it('leaves rows inside their parent and the root unmarked', () => {
    renderWaterfall(trace);
    expect(within(row('inside')).queryByTestId('clock-skew-mark')).toBeNull();
    expect(within(row('root')).queryByTestId('clock-skew-mark')).toBeNull();
  });

  it('says the skew in the span detail', () => {
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, 'early')} />);
    expect(screen.getByTestId('detail-clock-skew').textContent).toBe('starts 32 ms before GET /dispatch');
  });
});

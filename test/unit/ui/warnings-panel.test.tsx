import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedFile } from '../../../src/model/trace.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { WarningsPanel } from '../../../src/ui/WarningsPanel.tsx';
import { makeTrace } from '../../helpers/make-trace.ts';

/** A root and five children that end after it (one async pattern), and one orphan. */
function asyncTrace() {
  const children = [1, 2, 3, 4, 5].map((n) => ({
    id: `00000000000000c${n}`,
    parent: '00000000000000a1',
    start: n * 1000,
    dur: 20_000_000,
    name: `job ${n}`,
  }));
  return makeTrace([
    { id: '00000000000000a1', start: 0, dur: 10_000_000, name: 'request' },
    ...children,
    { id: '00000000000000d1', parent: '00000000000000ff', start: 0, dur: 1000, name: 'orphan' },
  ]);
}

afterEach(() => useTraceStore.setState({ selectedSpan: null }));

describe('WarningsPanel', () => {
  it('shows alike warnings as one line with a count, the rare one on its own, and the spans on demand', () => {
    const trace = asyncTrace();
    const file: LoadedFile = { fileName: 'a.json', format: 'otlp', traces: [trace], warnings: [], notes: [] };
    render(<WarningsPanel trace={trace} file={file} />);
    const panel = screen.getByTestId('warnings');
    expect(panel.querySelector('summary')!.textContent).toBe('6 warnings of 2 kinds');
    const skew = panel.querySelector('[data-warning-code="clock-skew"]')!;
    expect(skew.getAttribute('data-warning-group-size')).toBe('5');
    expect(skew.textContent).toContain('5×');
    expect(panel.querySelectorAll('[data-warning-code="missing-parent"]')).toHaveLength(1);
    expect(within(panel).queryByTestId('warning-members')).toBeNull();

    const toggle = within(skew as HTMLElement).getByRole('button', { name: 'Show the 5 spans' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const members = within(skew as HTMLElement).getByTestId('warning-members');
    expect(members.querySelectorAll('[data-warning-member]')).toHaveLength(5);
    fireEvent.click(within(members).getByRole('button', { name: /job 3/ }));
    expect(useTraceStore.getState().selectedSpan).toBe(trace.spans.findIndex((s) => s.name === 'job 3'));
    fireEvent.click(toggle);
    expect(within(panel).queryByTestId('warning-members')).toBeNull();
  });
});

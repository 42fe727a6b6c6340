import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoadedFile, Trace } from '../../../src/model/trace.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { MAX_PICKER_ROWS, TracePicker } from '../../../src/ui/TracePicker.tsx';
import { DEFAULT_EPOCH, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

/** Trace i: `spans` spans of service svc-<i % 3>, starting i seconds after the base, lasting `durMs`. */
function traceNo(i: number, durMs: number, spans = 1, error = false): Trace {
  const specs: SpanSpec[] = [
    { id: 'root', start: 0, dur: durMs * MS, service: `svc-${i % 3}`, name: `op ${i}`, error },
  ];
  for (let k = 1; k < spans; k++)
    specs.push({ id: `c${k}`, parent: 'root', start: 0, dur: MS, service: `svc-${i % 3}`, name: 'child' });
  return makeTrace(specs, {
    traceId: i.toString(16).padStart(32, '0'),
    epoch: { sec: DEFAULT_EPOCH.sec + i, nano: 0 },
  });
}

function load(traces: readonly Trace[]): void {
  const file: LoadedFile = { fileName: 'many.json', format: 'otlp', traces, warnings: [], notes: [] };
  act(() => useTraceStore.getState().finishLoad([file], []));
}

function rootsShown(): string[] {
  // Plain selectors: role queries over a thousand rows take seconds in jsdom.
  return Array.from(screen.getByTestId('trace-picker').querySelectorAll('tbody tr button'), (b) => b.textContent ?? '');
}

afterEach(() => {
  act(() => useTraceStore.setState({ files: [], current: null }));
  vi.restoreAllMocks();
});

function dots(): SVGCircleElement[] {
  return Array.from(screen.getByTestId('trace-scatter').querySelectorAll('circle'));
}

describe('TracePicker', () => {
  it('opens a long list unfolded, picks a trace from anywhere on its row, then folds to show the trace', () => {
    const traces = Array.from({ length: 30 }, (_, i) => traceNo(i, i + 1));
    load(traces);
    render(<TracePicker />);
    const details = screen.getByTestId('trace-picker').closest('details')!;
    expect(details.open).toBe(true);
    const row = screen.getByTestId('trace-picker').querySelector(`tr[data-trace-id="${traces[7].traceId}"]`)!;
    // The trace id column shows the id; a click on it (not on the root's button) picks the trace.
    const idCell = row.querySelector('code')!;
    expect(traces[7].traceId.startsWith(idCell.textContent!.replace('…', ''))).toBe(true);
    fireEvent.click(idCell);
    expect(useTraceStore.getState().current).toEqual({ file: 0, trace: 7 });
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toContain('show the list');
  });

  it('lists a few traces in file order, without a filter or an order to choose', () => {
    load([traceNo(0, 5), traceNo(1, 9), traceNo(2, 1)]);
    render(<TracePicker />);
    expect(rootsShown()).toEqual(['op 0', 'op 1', 'op 2']);
    expect(screen.queryByRole('searchbox', { name: 'Filter traces' })).toBeNull();
  });

  it('filters a long list by root operation, service or trace id, and says how many match', () => {
    load(Array.from({ length: 20 }, (_, i) => traceNo(i, i + 1)));
    render(<TracePicker />);
    const filter = screen.getByRole('searchbox', { name: 'Filter traces' });
    fireEvent.change(filter, { target: { value: 'OP 1' } });
    expect(rootsShown()).toEqual(['op 1', ...Array.from({ length: 10 }, (_, k) => `op ${10 + k}`)]);
    expect(screen.getByTestId('trace-picker-count').textContent).toBe('11 of 20 traces match');
    fireEvent.change(filter, { target: { value: 'svc-2' } });
    expect(rootsShown()).toEqual(['op 2', 'op 5', 'op 8', 'op 11', 'op 14', 'op 17']);
    fireEvent.change(filter, { target: { value: '13'.padStart(32, '0').slice(-6) } });
    expect(rootsShown()).toEqual(['op 19']);
    fireEvent.change(filter, { target: { value: 'nothing like it' } });
    expect(rootsShown()).toEqual([]);
    expect(screen.getByText(/No trace matches/).textContent).toContain('nothing like it');
  });

  it('clears the filter when other files are loaded, and keeps the chosen order', () => {
    load(Array.from({ length: 20 }, (_, i) => traceNo(i, i + 1)));
    render(<TracePicker />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter traces' }), { target: { value: 'op 3' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Order' }), { target: { value: 'longest' } });
    expect(rootsShown()).toEqual(['op 3']);
    load(Array.from({ length: 15 }, (_, i) => traceNo(i + 100, i + 1)));
    expect((screen.getByRole('searchbox', { name: 'Filter traces' }) as HTMLInputElement).value).toBe('');
    expect(rootsShown()).toEqual(Array.from({ length: 15 }, (_, i) => `op ${114 - i}`));
  });

  it('orders a long list as Jaeger UI orders search results; ties keep the file order', () => {
    const durations = [7, 3, 9, 3, 1, 12, 5, 3, 8, 2, 6, 4, 11];
    load(durations.map((d, i) => traceNo(i, d, 1 + (i % 4))));
    render(<TracePicker />);
    const order = screen.getByRole('combobox', { name: 'Order' });
    fireEvent.change(order, { target: { value: 'longest' } });
    expect(rootsShown().slice(0, 4)).toEqual(['op 5', 'op 12', 'op 2', 'op 8']);
    fireEvent.change(order, { target: { value: 'shortest' } });
    expect(rootsShown().slice(0, 5)).toEqual(['op 4', 'op 9', 'op 1', 'op 3', 'op 7']);
    fireEvent.change(order, { target: { value: 'recent' } });
    expect(rootsShown()[0]).toBe('op 12');
    expect(rootsShown().at(-1)).toBe('op 0');
    fireEvent.change(order, { target: { value: 'most-spans' } });
    expect(rootsShown().slice(0, 3)).toEqual(['op 3', 'op 7', 'op 11']);
    fireEvent.change(order, { target: { value: 'loaded' } });
    expect(rootsShown()).toEqual(durations.map((_, i) => `op ${i}`));
  });

  it(`draws at most ${MAX_PICKER_ROWS} rows of a longer list and says how to reach the others`, () => {
    const count = MAX_PICKER_ROWS + 200;
    load(Array.from({ length: count }, (_, i) => traceNo(i, 1 + (i % 50))));
    render(<TracePicker />);
    expect(rootsShown()).toHaveLength(MAX_PICKER_ROWS);
    expect(screen.getByText(/first 1,000 of 1,200 are shown/)).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Order' }), { target: { value: 'recent' } });
    expect(rootsShown()[0]).toBe(`op ${count - 1}`);
    fireEvent.click(screen.getByTestId('trace-picker').querySelector('tbody tr button')!);
    expect(useTraceStore.getState().current).toEqual({ file: 0, trace: count - 1 });
  });

  it('plots a long list, duration against start, and opens the trace whose dot is clicked', () => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    load(Array.from({ length: 20 }, (_, i) => traceNo(i, i === 7 ? 500 : 10 + i, 1 + (i % 4), i % 5 === 0)));
    render(<TracePicker />);
    expect(dots()).toHaveLength(20);
    const longest = traceNo(7, 500).traceId;
    const top = dots().reduce((a, b) => (Number(b.getAttribute('cy')) < Number(a.getAttribute('cy')) ? b : a));
    expect(top.getAttribute('data-trace-id')).toBe(longest);
    expect(top.querySelector('title')?.textContent).toContain('500 ms (500,000,000 ns) · 4 spans · 0 errors');
    expect(dots().filter((d) => d.classList.contains('has-errors'))).toHaveLength(4);
    fireEvent.click(top);
    expect(useTraceStore.getState().current).toEqual({ file: 0, trace: 7 });
    expect(dots().at(-1)?.classList.contains('is-current')).toBe(true);
    // The dots are the traces the filter keeps (the open one drawn last).
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter traces' }), { target: { value: 'svc-1' } });
    expect(
      dots()
        .map((d) => d.getAttribute('data-trace-id'))
        .sort(),
    ).toEqual([1, 4, 7, 10, 13, 16, 19].map((i) => traceNo(i, 1).traceId));
  });

  it('plots nothing for a short list', () => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    load([traceNo(0, 5), traceNo(1, 9)]);
    render(<TracePicker />);
    expect(screen.queryByTestId('trace-scatter')).toBeNull();
  });
});

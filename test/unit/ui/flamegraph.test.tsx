// The flamegraph's interactions with the drawing layer left out (jsdom has no canvas): boxes
// are found by their layout positions, exactly where the canvas would draw them.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { layoutTimeFlame } from '../../../src/view-model/flame-layout.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { NO_FILTERS, useViewStore } from '../../../src/state/view-store.ts';
import { AXIS_HEIGHT, FLAME_ROW_HEIGHT } from '../../../src/ui/flamegraph/constants.ts';
import { Flamegraph } from '../../../src/ui/flamegraph/Flamegraph.tsx';
import { indexOf, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';

const WIDTH = 1000;
const HEIGHT = 400;

const specs: SpanSpec[] = [
  { id: 'root', start: 0, dur: 1000, service: 'api', name: 'GET /checkout' },
  { id: 'auth', parent: 'root', start: 0, dur: 200, service: 'auth', name: 'verify' },
  { id: 'db', parent: 'root', start: 300, dur: 600, service: 'db', name: 'query', error: true },
  { id: 'db2', parent: 'db', start: 400, dur: 100, service: 'db', name: 'fetch' },
];

let trace: Trace;

beforeAll(() => {
  // jsdom lays nothing out: give every element the size the flamegraph would have on screen.
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(WIDTH);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(HEIGHT);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  trace = makeTrace(specs);
});

afterAll(() => vi.restoreAllMocks());

beforeEach(() => {
  useTraceStore.setState({ selectedSpan: null });
  useViewStore.setState({ view: 'flamegraph', zoom: null, search: '', filters: NO_FILTERS });
});

/** Canvas point of the middle of a span's box in the time-ordered chart at full zoom. */
function pointOf(id: string): { clientX: number; clientY: number } {
  const boxes = layoutTimeFlame(trace);
  const i = indexOf(trace, id);
  const mid = (boxes.start[i] + boxes.end[i]) / 2;
  return {
    clientX: (mid / boxes.extent) * WIDTH,
    clientY: AXIS_HEIGHT + boxes.row[i] * FLAME_ROW_HEIGHT + FLAME_ROW_HEIGHT / 2,
  };
}

function click(el: HTMLElement, at: { clientX: number; clientY: number }) {
  fireEvent.pointerDown(el, { ...at, button: 0, pointerId: 1 });
  fireEvent.pointerUp(el, { ...at, button: 0, pointerId: 1 });
}

function renderTime() {
  render(<Flamegraph trace={trace} />);
  fireEvent.click(screen.getByRole('button', { name: 'Time order' }));
  return screen.getByTestId('flamegraph');
}

describe('time-ordered flame chart', () => {
  it('selects the span that was clicked and exposes it on the container', () => {
    const surface = renderTime();
    click(surface, pointOf('db'));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'db'));
    expect(surface.getAttribute('data-selected-span-id')).toBe('db');
    click(surface, pointOf('db2'));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'db2'));
  });

  it('shows a text tooltip for the hovered span and announces it', () => {
    const surface = renderTime();
    fireEvent.pointerMove(surface, pointOf('db'));
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toContain('db');
    expect(tip.textContent).toContain('query');
    expect(tip.textContent).toContain('Duration600 ns');
    expect(tip.textContent).toContain('Self time500 ns');
    expect(tip.textContent).toContain('Share of trace60%');
    expect(tip.textContent).toContain('Starts at+300 ns');
    expect(tip.textContent).toContain('Statuserror');
    expect(surface.getAttribute('data-selected-span-id')).toBe('db');
    expect(screen.getByTestId('flamegraph-live').textContent).toMatch(/^db: query, 600 ns/);
    fireEvent.pointerLeave(surface);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('moves the selection to parent, child and siblings with the arrow keys', () => {
    const surface = renderTime();
    surface.focus();
    const selected = () => useTraceStore.getState().selectedSpan;
    fireEvent.keyDown(surface, { key: 'ArrowDown' });
    expect(selected()).toBe(indexOf(trace, 'root'));
    fireEvent.keyDown(surface, { key: 'ArrowDown' });
    expect(selected()).toBe(indexOf(trace, 'auth'));
    fireEvent.keyDown(surface, { key: 'ArrowRight' });
    expect(selected()).toBe(indexOf(trace, 'db'));
    fireEvent.keyDown(surface, { key: 'ArrowDown' });
    expect(selected()).toBe(indexOf(trace, 'db2'));
    fireEvent.keyDown(surface, { key: 'ArrowUp' });
    fireEvent.keyDown(surface, { key: 'ArrowLeft' });
    expect(selected()).toBe(indexOf(trace, 'auth'));
    expect(screen.getByTestId('flamegraph-live').textContent).toMatch(/^Selected: auth: verify/);
    // What hovering would show is shown for the keyboard's box too.
    expect(screen.getByRole('tooltip').textContent).toContain('Nameverify');
    fireEvent.keyDown(surface, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
    expect(surface.tabIndex).toBe(0);
  });

  it('zooms, pans and resets from the keyboard through the shared zoom', () => {
    const surface = renderTime();
    surface.focus();
    fireEvent.keyDown(surface, { key: '+' });
    const zoomed = useViewStore.getState().zoom!;
    expect(zoomed.endNs - zoomed.startNs).toBeCloseTo(700);
    fireEvent.keyDown(surface, { key: 'd' });
    const panned = useViewStore.getState().zoom!;
    expect(panned.startNs).toBeGreaterThan(zoomed.startNs);
    expect(panned.endNs - panned.startNs).toBeCloseTo(700);
    fireEvent.keyDown(surface, { key: '0' });
    expect(useViewStore.getState().zoom).toBeNull();
  });

  it('zooms with the wheel around the pointer, and pans by dragging without selecting', () => {
    const surface = renderTime();
    // The pointer at 25% of the width is time 250: it must stay under the pointer.
    fireEvent.wheel(surface, { deltaY: -300, clientX: 250, clientY: 50 });
    const z = useViewStore.getState().zoom!;
    expect(z.endNs - z.startNs).toBeLessThan(1000);
    expect(z.startNs + 0.25 * (z.endNs - z.startNs)).toBeCloseTo(250);
    const at = pointOf('db');
    fireEvent.pointerDown(surface, { ...at, button: 0, pointerId: 1 });
    fireEvent.pointerMove(surface, { clientX: at.clientX + 100, clientY: at.clientY, pointerId: 1 });
    fireEvent.pointerUp(surface, { clientX: at.clientX + 100, clientY: at.clientY, button: 0, pointerId: 1 });
    const dragged = useViewStore.getState().zoom!;
    expect(dragged.startNs).toBeLessThan(z.startNs);
    expect(useTraceStore.getState().selectedSpan).toBeNull();
  });

  it('zooms to a span on double-click', () => {
    const surface = renderTime();
    fireEvent.doubleClick(surface, pointOf('db2'));
    const z = useViewStore.getState().zoom!;
    expect(z.startNs).toBeLessThanOrEqual(400);
    expect(z.endNs).toBeGreaterThanOrEqual(500);
    expect(z.endNs - z.startNs).toBeLessThan(150);
  });

  it('pans a selection made elsewhere into view when it opens', () => {
    useViewStore.setState({ zoom: { startNs: 0, endNs: 100 } });
    useTraceStore.setState({ selectedSpan: indexOf(trace, 'db2') });
    const surface = renderTime();
    const z = useViewStore.getState().zoom!;
    expect(z.endNs - z.startNs).toBeCloseTo(100);
    expect(z.startNs).toBeLessThanOrEqual(500);
    expect(z.endNs).toBeGreaterThanOrEqual(400);
    expect(surface.getAttribute('data-selected-span-id')).toBe('db2');
  });
});

describe('aggregated flamegraph', () => {
  const repeated: SpanSpec[] = [{ id: 'root', start: 0, dur: 10_000, service: 'api', name: 'batch' }];
  for (let k = 0; k < 50; k++)
    repeated.push({ id: `q${k}`, parent: 'root', start: k * 100, dur: 60, service: 'db', name: 'query' });

  it('merges repeated calls into one box whose click shows those spans in the waterfall', () => {
    const big = makeTrace(repeated);
    render(<Flamegraph trace={big} />);
    fireEvent.click(screen.getByRole('button', { name: 'Aggregated' }));
    const surface = screen.getByTestId('flamegraph');
    expect(surface.getAttribute('data-row-count')).toBe('2');
    // Row 1 holds one box, "db: query" x50 (3,000 ns of 10,000 ns): its middle is at 15% of the width.
    const at = { clientX: 0.15 * WIDTH, clientY: AXIS_HEIGHT + FLAME_ROW_HEIGHT * 1.5 };
    fireEvent.pointerMove(surface, at);
    const tip = screen.getByRole('tooltip').textContent!;
    expect(tip).toContain('Count50');
    expect(tip).toContain('Total3 µs');
    expect(tip).toContain('Self total3 µs');
    click(surface, at);
    const { filters, view } = useViewStore.getState();
    expect(view).toBe('waterfall');
    expect(filters.spanSet?.label).toBe('api: batch › db: query');
    expect([...filters.spanSet!.indexes].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, k) => indexOf(big, `q${k}`)).sort((a, b) => a - b),
    );
  });

  it('reaches every box from the keyboard and applies the filter with Enter', () => {
    const big = makeTrace(repeated);
    render(<Flamegraph trace={big} />);
    fireEvent.click(screen.getByRole('button', { name: 'Aggregated' }));
    const surface = screen.getByTestId('flamegraph');
    fireEvent.keyDown(surface, { key: 'ArrowDown' });
    fireEvent.keyDown(surface, { key: 'ArrowDown' });
    expect(screen.getByTestId('flamegraph-live').textContent).toMatch(/^Selected: db: query, 50 spans/);
    expect(screen.getByRole('tooltip').textContent).toContain('Count50');
    act(() => void fireEvent.keyDown(surface, { key: 'Enter' }));
    expect(useViewStore.getState().filters.spanSet?.indexes.length).toBe(50);
  });
});

describe('Flamegraph search and shortcuts, as in the waterfall', () => {
  it('has a search box on the shared search text; / focuses it, n steps through matches, ? lists the shortcuts', () => {
    render(<Flamegraph trace={trace} />);
    const box = screen.getByRole('searchbox', { name: 'Search spans' });
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: 'db' } });
    expect(useViewStore.getState().search).toBe('db');
    expect(screen.getByTestId('match-count').textContent).toBe('2 matches');
    (box as HTMLInputElement).blur();
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'db'));
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'db2'));
    fireEvent.keyDown(document.body, { key: '?' });
    expect(screen.getByTestId('shortcuts-dialog').textContent).toContain('Zoom to the box');
  });
});

describe('Flamegraph filters, as in the waterfall', () => {
  it("offers the waterfall's filters on the same view state, and dims what they leave out", () => {
    const flame = renderTime();
    expect(screen.queryByTestId('flame-filtered')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Errors only' }));
    expect(useViewStore.getState().filters.errorsOnly).toBe(true);
    expect(screen.getByTestId('flame-filtered').textContent).toBe('1 of 4 spans pass the filters; the rest are dimmed');
    // Dimmed, not hidden: the chart keeps every box where it was, and a dimmed box still answers.
    expect(flame.getAttribute('data-row-count')).toBe('3');
    fireEvent.pointerMove(flame, pointOf('auth'));
    expect(screen.getByRole('tooltip').textContent).toContain('verify');
    expect(screen.getByRole('tooltip').textContent).toContain('Dimmedleft out by the search or filters');
    fireEvent.pointerMove(flame, pointOf('db'));
    expect(screen.getByRole('tooltip').textContent).not.toContain('Dimmed');
    fireEvent.change(screen.getByTestId('min-duration'), { target: { value: '500ns' } });
    expect(useViewStore.getState().filters.minDurationNs).toBe(500);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Errors only' }));
    expect(screen.getByTestId('flame-filtered').textContent).toContain('2 of 4 spans');
  });
});

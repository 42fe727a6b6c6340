import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';
import { renderWaterfall, row, rowIds, stubLayout } from './waterfall-test-utils.tsx';

stubLayout();

// r ─┬─ a ─┬─ a1
//    │     └─ a2 ── a2x
//    └─ b ─── b1
const trace = makeTrace([
  { id: 'r', start: 0, dur: 100 },
  { id: 'a', parent: 'r', start: 10, dur: 40 },
  { id: 'a1', parent: 'a', start: 15, dur: 5 },
  { id: 'a2', parent: 'a', start: 25, dur: 20 },
  { id: 'a2x', parent: 'a2', start: 30, dur: 10 },
  { id: 'b', parent: 'r', start: 60, dur: 30 },
  { id: 'b1', parent: 'b', start: 65, dur: 5 },
]);
const toggle = (id: string, init?: { altKey?: boolean; shiftKey?: boolean }) =>
  fireEvent.click(within(row(id)).getByTestId('span-toggle'), init);
const button = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

describe('collapsing and expanding', () => {
  it('collapses and expands one span with its toggle, without selecting it', () => {
    renderWaterfall(trace);
    toggle('a');
    expect(rowIds()).toEqual(['r', 'a', 'b', 'b1']);
    expect(row('a').getAttribute('aria-expanded')).toBe('false');
    expect(row('a').getAttribute('aria-selected')).toBe('false');
    toggle('a');
    expect(rowIds()).toEqual(['r', 'a', 'a1', 'a2', 'a2x', 'b', 'b1']);
    expect(row('a').getAttribute('aria-expanded')).toBe('true');
  });

  it('alt+click collapses the whole subtree, so expanding again opens one level', () => {
    renderWaterfall(trace);
    toggle('a', { altKey: true });
    expect(rowIds()).toEqual(['r', 'a', 'b', 'b1']);
    toggle('a');
    expect(rowIds()).toEqual(['r', 'a', 'a1', 'a2', 'b', 'b1']);
    expect(row('a2').getAttribute('aria-expanded')).toBe('false');
  });

  it('shift+click expands the whole subtree', () => {
    renderWaterfall(trace);
    button('Collapse all');
    expect(rowIds()).toEqual(['r']);
    toggle('r', { shiftKey: true });
    expect(rowIds()).toEqual(['r', 'a', 'a1', 'a2', 'a2x', 'b', 'b1']);
  });

  it('toolbar buttons collapse and expand all, or one level at a time', () => {
    renderWaterfall(trace);
    button('Collapse all');
    expect(rowIds()).toEqual(['r']);
    button('Expand one level');
    expect(rowIds()).toEqual(['r', 'a', 'b']);
    button('Expand one level');
    expect(rowIds()).toEqual(['r', 'a', 'a1', 'a2', 'b', 'b1']);
    button('Expand all');
    expect(rowIds()).toEqual(['r', 'a', 'a1', 'a2', 'a2x', 'b', 'b1']);
    button('Collapse one level');
    expect(rowIds()).toEqual(['r', 'a', 'a1', 'a2', 'b', 'b1']);
    button('Collapse one level');
    expect(rowIds()).toEqual(['r', 'a', 'b']);
  });

  it('opens a large trace with a readable first screen, and expand all shows every span', () => {
    const specs: SpanSpec[] = [{ id: 'root', start: 0, dur: 1e6 }];
    for (let g = 0; g < 50; g++) {
      specs.push({ id: `g${g}`, parent: 'root', start: g, dur: 100 });
      for (let k = 0; k < 60; k++) specs.push({ id: `g${g}k${k}`, parent: `g${g}`, start: g + 1, dur: 10 });
    }
    renderWaterfall(makeTrace(specs));
    const list = screen.getByTestId('waterfall-rows');
    const initial = Number(list.getAttribute('data-row-count'));
    expect(initial).toBeGreaterThan(50);
    expect(initial).toBeLessThanOrEqual(500);
    expect(screen.getByTestId('rows-shown').textContent).toBe(`${initial} of 3,051 spans shown`);
    button('Expand all');
    expect(list.getAttribute('data-row-count')).toBe('3051');
  });
});

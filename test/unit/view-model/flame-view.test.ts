import { describe, expect, it } from 'vitest';
import { navigate } from '../../../src/view-model/flame-nav.ts';
import { clampRange, fitBox, panBy, revealBox, revealRow, zoomAt } from '../../../src/view-model/flame-view.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

describe('viewport', () => {
  it('zooms around the anchor point, keeping it in place', () => {
    const r = zoomAt({ start: 0, end: 1000 }, 1000, 0.5, 0.25);
    expect(r).toEqual({ start: 125, end: 625 });
    // The point at 25% of the width (250) is still at 25%.
    expect((250 - r.start) / (r.end - r.start)).toBeCloseTo(0.25);
  });

  it('never zooms out past the whole extent or pans outside it', () => {
    expect(zoomAt({ start: 100, end: 200 }, 1000, 100, 0.5)).toEqual({ start: 0, end: 1000 });
    expect(panBy({ start: 800, end: 900 }, 1000, 500)).toEqual({ start: 900, end: 1000 });
    expect(panBy({ start: 100, end: 200 }, 1000, -500)).toEqual({ start: 0, end: 100 });
    expect(clampRange({ start: 5, end: 5 }, 1e9).end).toBeGreaterThan(5);
  });

  it('fits a box with a margin, and reveals one off screen with the least movement', () => {
    expect(fitBox(100, 200, 1000)).toEqual({ start: 95, end: 205 });
    const range = { start: 0, end: 100 };
    expect(revealBox(range, 1000, 50, 150)).toBe(range);
    const moved = revealBox(range, 1000, 300, 310);
    expect(moved.end - moved.start).toBe(100);
    expect(moved.start).toBeLessThanOrEqual(300);
    expect(moved.end).toBeGreaterThanOrEqual(310);
    expect(revealRow(0, 20, 18, 180)).toBe(21 * 18 - 180);
    expect(revealRow(400, 2, 18, 180)).toBe(36);
  });
});

describe('navigate', () => {
  const trace = makeTrace([
    { id: 'root', start: 0, dur: 100 },
    { id: 'a', parent: 'root', start: 0, dur: 10 },
    { id: 'b', parent: 'root', start: 20, dur: 10 },
    { id: 'b1', parent: 'b', start: 21, dur: 1 },
    { id: 'other', start: 200, dur: 5 },
  ]);
  const at = (id: string) => indexOf(trace, id);

  it('moves to parent, first child and siblings in time order', () => {
    expect(navigate(trace.tree, at('b1'), 'parent')).toBe(at('b'));
    expect(navigate(trace.tree, at('root'), 'child')).toBe(at('a'));
    expect(navigate(trace.tree, at('a'), 'next')).toBe(at('b'));
    expect(navigate(trace.tree, at('b'), 'prev')).toBe(at('a'));
    expect(navigate(trace.tree, at('root'), 'next')).toBe(at('other'));
    expect(navigate(trace.tree, at('other'), 'prev')).toBe(at('root'));
  });

  it('stays put at the edges and starts from the first root', () => {
    expect(navigate(trace.tree, at('root'), 'parent')).toBe(at('root'));
    expect(navigate(trace.tree, at('b1'), 'child')).toBe(at('b1'));
    expect(navigate(trace.tree, at('b'), 'next')).toBe(at('b'));
    expect(navigate(trace.tree, -1, 'child')).toBe(at('root'));
  });
});

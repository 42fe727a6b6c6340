import { describe, expect, it } from 'vitest';
import { aggregateFlame } from '../../../src/view-model/flame-aggregate.ts';
import { FramePlan, planFrame, type FrameView } from '../../../src/view-model/flame-frame.ts';
import { FLAG_DIM, FLAG_ERROR, FLAG_MATCH } from '../../../src/view-model/flame-highlight.ts';
import { hitTest } from '../../../src/view-model/flame-hit.ts';
import { layoutTimeFlame } from '../../../src/view-model/flame-layout.ts';
import { selfTimesNs } from '../../../src/analysis/self-time.ts';
import { indexOf, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';

const ROW = 20;

function view(x0: number, x1: number, width: number, extra: Partial<FrameView> = {}): FrameView {
  return { x0, x1, width, height: 200, scrollTop: 0, rowHeight: ROW, offsetY: 0, ...extra };
}

/** Every filled rectangle of a plan, with its bucket and whether it is dimmed. */
function fills(plan: FramePlan): { bucket: number; dim: boolean; x: number; y: number; w: number }[] {
  const out: { bucket: number; dim: boolean; x: number; y: number; w: number }[] = [];
  plan.fills.forEach((list, k) => {
    for (let r = 0; r < list.length; r++) {
      out.push({
        bucket: k >> 1,
        dim: (k & 1) === 1,
        x: list.data[r * 4],
        y: list.data[r * 4 + 1],
        w: list.data[r * 4 + 2],
      });
    }
  });
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}

const simple: SpanSpec[] = [
  { id: 'root', start: 0, dur: 1000 },
  { id: 'a', parent: 'root', start: 0, dur: 400 },
  { id: 'b', parent: 'root', start: 500, dur: 500 },
];

describe('planFrame', () => {
  it('maps time to pixels and rows to y', () => {
    const trace = makeTrace(simple);
    const boxes = layoutTimeFlame(trace);
    const plan = new FramePlan(1);
    planFrame(boxes, new Uint8Array(3), new Uint8Array(3), view(0, 1000, 100), plan);
    const rects = fills(plan);
    expect(rects.map((r) => [r.x, r.y])).toEqual([
      [0, 0],
      [0, 20],
      [50, 20],
    ]);
    // Wide boxes keep a one-pixel gap so touching neighbours stay apart.
    expect(rects[1].w).toBe(39);
    expect(plan.labelRects.length).toBe(3);
  });

  it('culls boxes outside the time range and rows outside the height', () => {
    const trace = makeTrace(simple);
    const boxes = layoutTimeFlame(trace);
    const plan = new FramePlan(1);
    planFrame(boxes, new Uint8Array(3), new Uint8Array(3), view(600, 900, 300), plan);
    // root and b cross the window; a (0..400) does not.
    expect(plan.boxesDrawn).toBe(2);
    planFrame(boxes, new Uint8Array(3), new Uint8Array(3), view(0, 1000, 100, { height: 20 }), plan);
    expect(plan.boxesDrawn).toBe(1);
    planFrame(boxes, new Uint8Array(3), new Uint8Array(3), view(0, 1000, 100, { scrollTop: 20, height: 20 }), plan);
    expect(fills(plan).map((r) => r.y)).toEqual([0, 0]);
  });

  it('merges sub-pixel spans into one mark per pixel column, never dropping them', () => {
    const specs: SpanSpec[] = [{ id: 'root', start: 0, dur: 1_000_000 }];
    // 1,000 spans of 10 ns within the first 10,000 ns: at 1 px per 10,000 ns they all fall in column 0.
    for (let k = 0; k < 1000; k++) specs.push({ id: `t${k}`, parent: 'root', start: k * 10, dur: 10 });
    specs.push({ id: 'far', parent: 'root', start: 500_000, dur: 10 });
    const trace = makeTrace(specs);
    const boxes = layoutTimeFlame(trace);
    const plan = new FramePlan(1);
    const n = trace.spans.length;
    planFrame(boxes, new Uint8Array(n), new Uint8Array(n), view(0, 1_000_000, 100), plan);
    expect(plan.marks).toBe(2);
    expect(plan.markedBoxes).toBe(1001);
    const row1 = fills(plan).filter((r) => r.y === ROW);
    expect(row1.map((r) => [r.x, r.w])).toEqual([
      [0, 1],
      [50, 1],
    ]);
  });

  it('gives a merged mark the marks of every span in it, and its color from an undimmed one', () => {
    const specs: SpanSpec[] = [{ id: 'root', start: 0, dur: 1_000_000 }];
    for (let k = 0; k < 10; k++)
      specs.push({ id: `t${k}`, parent: 'root', start: k * 10, dur: 10, service: k === 6 ? 'b' : 'a' });
    const trace = makeTrace(specs);
    const boxes = layoutTimeFlame(trace);
    const n = trace.spans.length;
    const flags = new Uint8Array(n).fill(FLAG_DIM);
    flags[indexOf(trace, 'root')] = 0;
    flags[indexOf(trace, 't3')] = FLAG_DIM | FLAG_ERROR;
    flags[indexOf(trace, 't6')] = FLAG_MATCH;
    const bucketOf = new Uint8Array(n);
    bucketOf[indexOf(trace, 't6')] = 1;
    const plan = new FramePlan(2);
    planFrame(boxes, bucketOf, flags, view(0, 1_000_000, 100), plan);
    const mark = fills(plan).find((r) => r.y === ROW)!;
    expect(mark).toMatchObject({ bucket: 1, dim: false, w: 1 });
    expect(plan.error.length).toBe(1);
    expect(plan.match.length).toBe(1);
  });

  it('draws a connector up to the parent for a span pushed below concurrent siblings', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 1000 },
      { id: 'a', parent: 'root', start: 0, dur: 600 },
      { id: 'b', parent: 'root', start: 100, dur: 600 },
    ]);
    const boxes = layoutTimeFlame(trace);
    expect(boxes.row[indexOf(trace, 'b')]).toBe(2);
    const plan = new FramePlan(1);
    planFrame(boxes, new Uint8Array(3), new Uint8Array(3), view(0, 1000, 100), plan);
    expect(plan.connectors.length).toBe(1);
    // From the bottom of the root's row (y 20) down to b's row (y 40), at b's left edge (x 10).
    expect(Array.from(plan.connectors.data.subarray(0, 4))).toEqual([10, 20, 1, 20]);
  });

  it('washes out the part of a widened aggregated box beyond its own total', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 100 },
      { id: 'a', parent: 'root', start: 0, dur: 100 },
      { id: 'b', parent: 'root', start: 0, dur: 100 },
    ]);
    const agg = aggregateFlame(trace, selfTimesNs(trace));
    const plan = new FramePlan(1);
    planFrame(agg.boxes, new Uint8Array(3), new Uint8Array(3), view(0, 200, 200), plan);
    // The root's total is 100 of its 200 wide box: x 100 to its right edge (less the gap) is washed.
    expect(plan.beyond.length).toBe(1);
    expect(Array.from(plan.beyond.data.subarray(0, 3))).toEqual([100, 0, 99]);
  });

  it('reuses its buffers: a second frame allocates no new storage', () => {
    const trace = makeTrace(simple);
    const boxes = layoutTimeFlame(trace);
    const plan = new FramePlan(1);
    planFrame(boxes, new Uint8Array(3), new Uint8Array(3), view(0, 1000, 100), plan);
    const storage = plan.fills[0].data;
    planFrame(boxes, new Uint8Array(3), new Uint8Array(3), view(100, 900, 100), plan);
    expect(plan.fills[0].data).toBe(storage);
  });
});

describe('hitTest', () => {
  it('maps a point to the span drawn there', () => {
    const trace = makeTrace(simple);
    const boxes = layoutTimeFlame(trace);
    const v = view(0, 1000, 100, { offsetY: 10 });
    expect(hitTest(boxes, v, 10, 15)).toBe(indexOf(trace, 'root'));
    expect(hitTest(boxes, v, 10, 35)).toBe(indexOf(trace, 'a'));
    expect(hitTest(boxes, v, 60, 35)).toBe(indexOf(trace, 'b'));
    // The gap between a and b, the axis, and below the last row hit nothing.
    expect(hitTest(boxes, v, 45, 35)).toBe(-1);
    expect(hitTest(boxes, v, 10, 5)).toBe(-1);
    expect(hitTest(boxes, v, 10, 55)).toBe(-1);
  });

  it('follows zoom and scroll', () => {
    const trace = makeTrace(simple);
    const boxes = layoutTimeFlame(trace);
    expect(hitTest(boxes, view(500, 1000, 100, { scrollTop: 20 }), 5, 5)).toBe(indexOf(trace, 'b'));
  });

  it('hits a sub-pixel span by its one-pixel mark, with a little slack', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 1_000_000 },
      { id: 'tiny', parent: 'root', start: 500_000, dur: 10 },
    ]);
    const boxes = layoutTimeFlame(trace);
    const v = view(0, 1_000_000, 100);
    expect(hitTest(boxes, v, 50.5, 25)).toBe(indexOf(trace, 'tiny'));
    expect(hitTest(boxes, v, 52, 25)).toBe(indexOf(trace, 'tiny'));
    expect(hitTest(boxes, v, 56, 25)).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import { firstEndingFrom } from '../../../src/view-model/flame-boxes.ts';
import { layoutTimeFlame } from '../../../src/view-model/flame-layout.ts';
import { indexOf, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';

function rowIds(trace: ReturnType<typeof makeTrace>, boxes: ReturnType<typeof layoutTimeFlame>, r: number): string[] {
  return Array.from(boxes.order.subarray(boxes.rowStart[r], boxes.rowStart[r + 1]), (i) => trace.spans[i].spanId);
}

describe('layoutTimeFlame', () => {
  it('places a sequential trace at x = time and row = depth', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 100 },
      { id: 'a', parent: 'root', start: 10, dur: 30 },
      { id: 'a1', parent: 'a', start: 15, dur: 5 },
      { id: 'b', parent: 'root', start: 50, dur: 40 },
    ]);
    const boxes = layoutTimeFlame(trace);
    for (const s of trace.spans) {
      expect(boxes.start[s.index]).toBe(s.startNs);
      expect(boxes.end[s.index]).toBe(s.startNs + s.durationNs);
      expect(boxes.row[s.index]).toBe(trace.tree.depth[s.index]);
    }
    expect(boxes.rowCount).toBe(3);
    expect(boxes.extent).toBe(100);
    expect(rowIds(trace, boxes, 1)).toEqual(['a', 'b']);
  });

  it('moves concurrent siblings to rows of their own so no span is drawn over another', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 100 },
      { id: 'a', parent: 'root', start: 0, dur: 60 },
      { id: 'a1', parent: 'a', start: 5, dur: 50 },
      { id: 'b', parent: 'root', start: 10, dur: 60 },
      { id: 'b1', parent: 'b', start: 20, dur: 10 },
      { id: 'c', parent: 'root', start: 70, dur: 20 },
    ]);
    const boxes = layoutTimeFlame(trace);
    const row = (id: string) => boxes.row[indexOf(trace, id)];
    expect(row('a')).toBe(1);
    // b overlaps a (row 1) and a1 (row 2): it goes below both, its child below it.
    expect(row('b')).toBe(3);
    expect(row('b1')).toBe(4);
    // c starts after a ended: back on the row under its parent.
    expect(row('c')).toBe(1);
    for (let r = 0; r < boxes.rowCount; r++) {
      for (let k = boxes.rowStart[r] + 1; k < boxes.rowStart[r + 1]; k++) {
        expect(boxes.start[boxes.order[k]]).toBeGreaterThanOrEqual(boxes.end[boxes.order[k - 1]]);
      }
    }
    // Every span is below its parent.
    for (const s of trace.spans) {
      const p = trace.tree.parent[s.index];
      if (p !== -1) expect(boxes.row[s.index]).toBeGreaterThan(boxes.row[p]);
    }
  });

  // A layout quadratic in the fan-out would run for minutes here, far past the test's timeout;
  // no timing threshold of its own (the machines are noisy).
  it('lays out a fan-out of 20,000 concurrent children, one row each', () => {
    const specs: SpanSpec[] = [{ id: 'root', start: 0, dur: 1_000_000 }];
    for (let k = 0; k < 20_000; k++) specs.push({ id: `c${k}`, parent: 'root', start: k, dur: 500_000 });
    const trace = makeTrace(specs);
    const boxes = layoutTimeFlame(trace);
    expect(boxes.rowCount).toBe(20_001);
  });

  it('keeps zero-length spans findable at the very start of the view', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 0 },
      { id: 'child', parent: 'root', start: 0, dur: 0 },
    ]);
    const boxes = layoutTimeFlame(trace);
    expect(boxes.rowCount).toBe(2);
    expect(firstEndingFrom(boxes, 1, 0)).toBe(boxes.rowStart[1]);
  });
});

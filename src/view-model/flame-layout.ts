// Layout of the time-ordered flame chart (icicle): x is time since the trace start, y is depth.
//
// A span goes on the row below its parent unless something already placed there overlaps it
// in time (concurrent siblings, or a child that outlives its parent through clock skew); then
// it takes the next free row further down, so no span is ever drawn over another. For the
// usual sequential trace every span ends up exactly on row = depth.
//
// Spans are placed in tree preorder, and a row only accepts a span starting at or after the
// end of everything already on it, so each row's spans come out in start order and never
// overlap. Finding the first free row uses a min-segment tree over the rows' ends, which keeps
// a fan-out of 100,000 concurrent children at O(n log n) instead of O(n²).
import type { Trace } from '../model/trace.ts';
import { boxesByRow, type FlameBoxes } from './flame-boxes.ts';
import { spanEndNs } from '../analysis/self-time.ts';

/** Rows' "ends so far", able to answer "first row at or below r that is free from time t". */
class RowEnds {
  private readonly size: number;
  /** Implicit binary tree: leaves at [size, 2 size), each inner node the min of its children. */
  private readonly min: Float64Array;

  constructor(rows: number) {
    let size = 1;
    while (size < rows) size *= 2;
    this.size = size;
    this.min = new Float64Array(2 * size).fill(-Infinity);
  }

  set(row: number, end: number): void {
    let i = row + this.size;
    this.min[i] = end;
    for (i >>= 1; i >= 1; i >>= 1) this.min[i] = Math.min(this.min[2 * i], this.min[2 * i + 1]);
  }

  /** First row >= from whose end is <= t; the caller sizes the tree so that one always exists. */
  firstFree(from: number, t: number): number {
    const min = this.min;
    let i = from + this.size;
    while (min[i] > t) {
      // Step to the subtree just right of i: climb while i is a right child, then go right.
      while ((i & 1) === 1) i >>= 1;
      if (i === 0) throw new RangeError('no free row');
      i++;
    }
    while (i < this.size) {
      i *= 2;
      if (min[i] > t) i++;
    }
    return i - this.size;
  }
}

/** Boxes indexed by span index: box i is span i. */
export function layoutTimeFlame(trace: Trace): FlameBoxes {
  const { spans, tree } = trace;
  const n = spans.length;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const row = new Int32Array(n);
  let extent = Math.max(0, trace.durationNs);
  for (let i = 0; i < n; i++) {
    start[i] = spans[i].startNs;
    end[i] = spanEndNs(spans[i].startNs, spans[i].durationNs);
    if (end[i] > extent) extent = end[i];
  }

  // At most one new row per span, plus one spare so firstFree always finds an empty row.
  const rowEnds = new RowEnds(n + 1);
  let rowCount = 0;
  for (let k = 0; k < n; k++) {
    const i = tree.preorder[k];
    const p = tree.parent[i];
    const r = rowEnds.firstFree(p === -1 ? 0 : row[p] + 1, start[i]);
    row[i] = r;
    rowEnds.set(r, end[i]);
    if (r + 1 > rowCount) rowCount = r + 1;
  }
  const parentRow = new Int32Array(n);
  for (let i = 0; i < n; i++) parentRow[i] = tree.parent[i] === -1 ? -1 : row[tree.parent[i]];
  return { ...boxesByRow(start, end, row, rowCount, tree.preorder, extent), parentRow };
}

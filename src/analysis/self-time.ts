// Self time: the part of a span's duration during which none of its children was running.
import type { Trace } from '../model/trace.ts';

/** A span's length: a negative or NaN duration (bad input) counts as zero. */
export function spanLengthNs(durationNs: number): number {
  return durationNs > 0 ? durationNs : 0;
}

export function spanEndNs(startNs: number, durationNs: number): number {
  return startNs + spanLengthNs(durationNs);
}

/**
 * Self time of every span in nanoseconds, indexed by span index: its duration minus the union
 * of its children's intervals clipped to it. Overlapping children are counted once, and time a
 * child spends outside its parent (clock skew, async work) is not taken from the parent.
 */
export function selfTimesNs(trace: Trace): Float64Array {
  const { spans, tree } = trace;
  const self = new Float64Array(spans.length);
  for (let p = 0; p < spans.length; p++) {
    const parentStart = spans[p].startNs;
    const parentEnd = spanEndNs(parentStart, spans[p].durationNs);
    let covered = 0;
    let runStart = 0;
    let runEnd = -Infinity;
    // Children come in start order, and clipping to a fixed start keeps that order, so one sweep
    // merges them into disjoint runs.
    for (let c = tree.firstChild[p]; c !== -1; c = tree.nextSibling[c]) {
      const childStart = Math.max(spans[c].startNs, parentStart);
      const childEnd = Math.min(spanEndNs(spans[c].startNs, spans[c].durationNs), parentEnd);
      if (childEnd <= childStart) continue;
      if (childStart > runEnd) {
        if (runEnd > runStart) covered += runEnd - runStart;
        runStart = childStart;
        runEnd = childEnd;
      } else if (childEnd > runEnd) {
        runEnd = childEnd;
      }
    }
    if (runEnd > runStart) covered += runEnd - runStart;
    self[p] = parentEnd - parentStart - covered;
  }
  return self;
}

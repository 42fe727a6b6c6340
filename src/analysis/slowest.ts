// The spans that took the most time, by self time or by duration, for the "slowest spans" list.
import type { Trace } from '../model/trace.ts';
import { spanLengthNs } from './self-time.ts';

export type SlowestBy = 'self' | 'duration';

export interface SlowSpan {
  readonly spanIndex: number;
  readonly valueNs: number;
  /** valueNs as a fraction of the trace duration (0 when the trace has no duration). */
  readonly share: number;
}

/**
 * The top `n` spans by self time or duration, largest first; ties go to the earlier span, then
 * the lower index, so the list is stable. A bounded min-heap keeps this O(spans · log n).
 */
export function slowestSpans(trace: Trace, selfNs: Float64Array, n: number, by: SlowestBy): SlowSpan[] {
  const { spans } = trace;
  const limit = Math.max(0, Math.min(Math.floor(n), spans.length));
  if (limit === 0) return [];
  const value = (i: number): number => (by === 'self' ? selfNs[i] : spanLengthNs(spans[i].durationNs));
  // True when span a ranks below span b in the final list.
  const ranksBelow = (a: number, b: number): boolean => {
    const va = value(a);
    const vb = value(b);
    if (va !== vb) return va < vb;
    if (spans[a].startNs !== spans[b].startNs) return spans[a].startNs > spans[b].startNs;
    return a > b;
  };

  // heap[0] is the lowest-ranked span kept so far.
  const heap = new Int32Array(limit);
  let size = 0;
  const siftDown = (from: number): void => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) return;
      const right = left + 1;
      const lower = right < size && ranksBelow(heap[right], heap[left]) ? right : left;
      if (!ranksBelow(heap[lower], heap[i])) return;
      const t = heap[i];
      heap[i] = heap[lower];
      heap[lower] = t;
      i = lower;
    }
  };
  for (let i = 0; i < spans.length; i++) {
    if (size < limit) {
      let at = size++;
      heap[at] = i;
      while (at > 0) {
        const up = (at - 1) >> 1;
        if (!ranksBelow(heap[at], heap[up])) break;
        const t = heap[at];
        heap[at] = heap[up];
        heap[up] = t;
        at = up;
      }
    } else if (ranksBelow(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }

  const ranked = Array.from(heap).sort((a, b) => (ranksBelow(a, b) ? 1 : ranksBelow(b, a) ? -1 : 0));
  const total = trace.durationNs;
  return ranked.map((spanIndex) => {
    const valueNs = value(spanIndex);
    return { spanIndex, valueNs, share: total > 0 ? valueNs / total : 0 };
  });
}

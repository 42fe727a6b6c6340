// The parts of a span's interval during which at least one child was running: the waterfall
// draws them lighter so that what remains of the bar is the span's self time.
import type { Trace } from '../model/trace.ts';
import { spanEndNs } from '../analysis/self-time.ts';

const cache = new WeakMap<Trace, Map<number, Float64Array>>();

/**
 * Disjoint [start, end) runs, in time order, as a flat array [s0, e0, s1, e1, ...] of times
 * relative to the trace start. Children are clipped to the span, as self time counts them.
 */
export function childCoverage(trace: Trace, span: number): Float64Array {
  let perTrace = cache.get(trace);
  if (!perTrace) {
    perTrace = new Map();
    cache.set(trace, perTrace);
  }
  const cached = perTrace.get(span);
  if (cached) return cached;

  const { spans, tree } = trace;
  const from = spans[span].startNs;
  const to = spanEndNs(from, spans[span].durationNs);
  const runs: number[] = [];
  // Children come in start order; clipping to a fixed start keeps that order.
  for (let c = tree.firstChild[span]; c !== -1; c = tree.nextSibling[c]) {
    const start = Math.max(spans[c].startNs, from);
    const end = Math.min(spanEndNs(spans[c].startNs, spans[c].durationNs), to);
    if (end <= start) continue;
    const last = runs.length - 1;
    if (last > 0 && start <= runs[last]) {
      if (end > runs[last]) runs[last] = end;
    } else {
      runs.push(start, end);
    }
  }
  const result = Float64Array.from(runs);
  perTrace.set(span, result);
  return result;
}

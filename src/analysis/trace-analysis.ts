// What every view asks of a trace once it is open: self times, critical paths, the slowest
// spans. Worked out together, in the worker for loaded files (see worker/packed-analysis.ts).
import type { Trace } from '../model/trace.ts';
import { traceCriticalPaths, type TraceCriticalPaths } from './critical-path.ts';
import { selfTimesNs } from './self-time.ts';
import { slowestSpans, type SlowSpan } from './slowest.ts';

export interface TraceAnalysis {
  readonly selfNs: Float64Array;
  readonly paths: TraceCriticalPaths;
  /** 1 for spans with time on the main critical path. */
  readonly onCriticalPath: Uint8Array;
  readonly slowestBySelf: readonly SlowSpan[];
  /** 1 for the slowest spans by self time whose self time stands out (SLOW_MARK_SHARE of the trace). */
  readonly isSlowest: Uint8Array;
}

const SLOWEST_COUNT = 10;
/**
 * Of the slowest spans, only those whose self time is at least this share of the trace are
 * marked slow: in a small trace every span is among the ten slowest, and a mark on all of them
 * says nothing.
 */
export const SLOW_MARK_SHARE = 0.1;

/** The analysis of a trace with at least one span. */
export function computeTraceAnalysis(trace: Trace): TraceAnalysis {
  const selfNs = selfTimesNs(trace);
  const paths = traceCriticalPaths(trace);
  const onCriticalPath = new Uint8Array(trace.spans.length);
  for (const s of paths.main.sections) onCriticalPath[s.spanIndex] = 1;
  const slowestBySelf = slowestSpans(trace, selfNs, SLOWEST_COUNT, 'self');
  const isSlowest = new Uint8Array(trace.spans.length);
  for (const s of slowestBySelf) if (s.share >= SLOW_MARK_SHARE) isSlowest[s.spanIndex] = 1;
  return { selfNs, paths, onCriticalPath, slowestBySelf, isSlowest };
}

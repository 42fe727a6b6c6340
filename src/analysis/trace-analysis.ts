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
  /** 1 for the slowest spans by self time. */
  readonly isSlowest: Uint8Array;
}

const SLOWEST_COUNT = 10;

/** The analysis of a trace with at least one span. */
export function computeTraceAnalysis(trace: Trace): TraceAnalysis {
  const selfNs = selfTimesNs(trace);
  const paths = traceCriticalPaths(trace);
  const onCriticalPath = new Uint8Array(trace.spans.length);
  for (const s of paths.main.sections) onCriticalPath[s.spanIndex] = 1;
  const slowestBySelf = slowestSpans(trace, selfNs, SLOWEST_COUNT, 'self');
  const isSlowest = new Uint8Array(trace.spans.length);
  for (const s of slowestBySelf) isSlowest[s.spanIndex] = 1;
  return { selfNs, paths, onCriticalPath, slowestBySelf, isSlowest };
}

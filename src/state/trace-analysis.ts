// Analysis results per trace, computed once and shared by every view.
import { traceCriticalPaths } from '../analysis/critical-path.ts';
import { selfTimesNs } from '../analysis/self-time.ts';
import { slowestSpans } from '../analysis/slowest.ts';
import type { Trace } from '../model/trace.ts';

export interface TraceAnalysis {
  readonly selfNs: Float64Array;
  readonly paths: ReturnType<typeof traceCriticalPaths>;
  /** 1 for spans with time on the main critical path. */
  readonly onCriticalPath: Uint8Array;
  readonly slowestBySelf: ReturnType<typeof slowestSpans>;
  /** 1 for the slowest spans by self time. */
  readonly isSlowest: Uint8Array;
}

const SLOWEST_COUNT = 10;
const cache = new WeakMap<Trace, TraceAnalysis>();

export function analyzeTrace(trace: Trace): TraceAnalysis {
  const cached = cache.get(trace);
  if (cached) return cached;
  const selfNs = selfTimesNs(trace);
  const paths = traceCriticalPaths(trace);
  const onCriticalPath = new Uint8Array(trace.spans.length);
  for (const s of paths.main.sections) onCriticalPath[s.spanIndex] = 1;
  const slowestBySelf = slowestSpans(trace, selfNs, SLOWEST_COUNT, 'self');
  const isSlowest = new Uint8Array(trace.spans.length);
  for (const s of slowestBySelf) isSlowest[s.spanIndex] = 1;
  const analysis = { selfNs, paths, onCriticalPath, slowestBySelf, isSlowest };
  cache.set(trace, analysis);
  return analysis;
}

// Analysis results per trace, computed once and shared by every view; the worker's results for
// the traces it read are handed in before any view asks.
import { computeTraceAnalysis, type TraceAnalysis } from '../analysis/trace-analysis.ts';
import type { Trace } from '../model/trace.ts';

export type { TraceAnalysis } from '../analysis/trace-analysis.ts';

const cache = new WeakMap<Trace, TraceAnalysis>();

export function analyzeTrace(trace: Trace): TraceAnalysis {
  let analysis = cache.get(trace);
  if (analysis === undefined) {
    analysis = computeTraceAnalysis(trace);
    cache.set(trace, analysis);
  }
  return analysis;
}

/** Takes an analysis worked out elsewhere (the worker) for this very trace. */
export function provideTraceAnalysis(trace: Trace, analysis: TraceAnalysis): void {
  cache.set(trace, analysis);
}

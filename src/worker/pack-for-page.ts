// What the worker posts for each trace: its packed spans, and for a large trace the analysis
// every view starts from, which costs less here than on the page's spans.
import { descendantErrors } from '../analysis/subtree-errors.ts';
import { computeTraceAnalysis } from '../analysis/trace-analysis.ts';
import type { Trace } from '../model/trace.ts';
import { packAnalysis, type PackedAnalysis } from './packed-analysis.ts';
import type { PackedTrace } from './packed-trace.ts';
import { packTrace } from './pack-trace.ts';

/**
 * Traces from this size on come with their analysis. A smaller one costs the page a few
 * milliseconds when it is opened, and a file of thousands of small traces should not wait
 * for the analyses of traces nobody opens.
 */
export const ANALYSED_IN_WORKER_FROM_SPANS = 2_000;

/**
 * Traces from this size on let go of their parsed spans as they are packed (see PackOptions),
 * which needs their analysis worked out first; below it, what they hold is a few megabytes.
 */
export const LET_GO_FROM_SPANS = 50_000;

/** `mayLetGo`: a large trace's span list is emptied as it is packed (LET_GO_FROM_SPANS). */
export function packTraceForPage(trace: Trace, mayLetGo = false): PackedTrace {
  const analysed = trace.spans.length >= ANALYSED_IN_WORKER_FROM_SPANS;
  const letGoOfSpans = mayLetGo && trace.spans.length >= LET_GO_FROM_SPANS;
  const before = analysed && letGoOfSpans ? analysisOf(trace) : undefined;
  const packed = packTrace(trace, { letGoOfSpans });
  const analysis = analysed && !letGoOfSpans ? analysisOf(trace) : before;
  return analysis === undefined ? packed : { ...packed, analysis };
}

function analysisOf(trace: Trace): PackedAnalysis | undefined {
  try {
    return packAnalysis(computeTraceAnalysis(trace), descendantErrors(trace));
  } catch {
    // The page then works it out itself: a fault shows in the view that needs it rather than
    // as a file that fails to load.
    return undefined;
  }
}

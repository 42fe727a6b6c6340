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

/** `letGoOfSpans`: the trace's span list is emptied as it is packed (see PackOptions). */
export function packTraceForPage(trace: Trace, letGoOfSpans = false): PackedTrace {
  // Worked out before packing, which may let go of the spans.
  const analysis = trace.spans.length < ANALYSED_IN_WORKER_FROM_SPANS ? undefined : analysisOf(trace);
  const packed = packTrace(trace, { letGoOfSpans });
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

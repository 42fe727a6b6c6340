// What the worker posts for each trace: its packed spans, and for a large trace the analysis
// every view starts from, which costs less here than on the page's spans.
import { descendantErrors } from '../analysis/subtree-errors.ts';
import { computeTraceAnalysis } from '../analysis/trace-analysis.ts';
import type { Trace } from '../model/trace.ts';
import { ANALYSED_IN_WORKER_FROM_SPANS, packAnalysis } from './packed-analysis.ts';
import type { PackedTrace } from './packed-trace.ts';
import { packTrace } from './pack-trace.ts';

export function packTraceForPage(trace: Trace): PackedTrace {
  const packed = packTrace(trace);
  if (trace.spans.length < ANALYSED_IN_WORKER_FROM_SPANS) return packed;
  try {
    return { ...packed, analysis: packAnalysis(computeTraceAnalysis(trace), descendantErrors(trace)) };
  } catch {
    // The page then works it out itself: a fault shows in the view that needs it rather than
    // as a file that fails to load.
    return packed;
  }
}

// The trace's model-call summary for the header, worked out once per trace on the main critical
// path. Large traces are left to "Where the time went", which sums them on request.
import { genAiSummary, type GenAiSummary, mayHaveGenAi } from '../analysis/genai.ts';
import type { Trace } from '../model/trace.ts';
import { analyzeTrace } from '../state/analysis-cache.ts';
import { GENAI_AT_OPEN_MAX_SPANS } from './analysis/GenAiUsage.tsx';

const summaries = new WeakMap<Trace, GenAiSummary | null>();

export function headerGenAiSummary(trace: Trace): GenAiSummary | undefined {
  if (trace.spans.length === 0 || trace.spans.length > GENAI_AT_OPEN_MAX_SPANS || !mayHaveGenAi(trace))
    return undefined;
  let summary = summaries.get(trace);
  if (summary === undefined) {
    summary = genAiSummary(trace, analyzeTrace(trace).paths.main.sections) ?? null;
    summaries.set(trace, summary);
  }
  return summary ?? undefined;
}

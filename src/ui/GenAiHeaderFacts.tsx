// The trace header's line about its model calls: tokens, cost, the wait for first tokens on the
// critical path, and what went wrong in plain words (each names a span to select).
import type { GenAiSummary } from '../analysis/genai.ts';
import type { Trace } from '../model/trace.ts';
import { analyzeTrace } from '../state/analysis-cache.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { formatDuration } from '../view-model/duration.ts';
import { formatCost } from './detail/GenAiDetail.tsx';

export function GenAiHeaderFacts({ trace, summary }: { trace: Trace; summary: GenAiSummary }) {
  if (summary.calls === 0 && summary.failures.length === 0) return null;
  let criticalTotalNs = 0;
  for (const s of analyzeTrace(trace).paths.main.sections) criticalTotalNs += s.endNs - s.startNs;
  const waitShare =
    criticalTotalNs > 0 && summary.firstTokenCriticalNs > 0
      ? Math.round((summary.firstTokenCriticalNs / criticalTotalNs) * 100)
      : undefined;
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    <div className="trace-header__genai" data-testid="trace-genai">
      {summary.calls > 0 && (
        <p>
          <span data-testid="trace-tokens">
            {count(summary.inputTokens)} input and {count(summary.outputTokens)} output tokens
          </span>{' '}
          in {summary.calls === 1 ? 'one model call' : `${summary.calls} model calls`}
          {summary.cost !== undefined && <span data-testid="trace-cost"> · cost {formatCost(summary.cost)}</span>}
          {waitShare !== undefined && (
            <span data-testid="trace-first-token-share">
              {' '}
              · first-token wait: {formatDuration(summary.firstTokenCriticalNs)} of the critical path ({waitShare}%)
            </span>
          )}
        </p>
      )}
      {summary.failures.length > 0 && (
        <ul className="trace-header__genai-failures" aria-label="GenAI problems">
          {summary.failures.map((f) => (
            <li key={f.kind} data-failure={f.kind}>
              <button
                type="button"
                className="link-button"
                onClick={() => useTraceStore.getState().selectSpan(f.firstSpan)}
                title={`Select ${trace.spans[f.firstSpan].name}`}
              >
                ⚠ {f.text.charAt(0).toUpperCase() + f.text.slice(1)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

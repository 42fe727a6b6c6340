import { useMemo, useState } from 'react';
import type { CriticalSection } from '../../analysis/critical-path.ts';
import { genAiSummary, mayHaveGenAi, type GenAiSummary, type ModelUsage } from '../../analysis/genai.ts';
import type { Trace } from '../../model/trace.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { formatCount, formatDuration, formatExactNs, plural } from '../../view-model/duration.ts';

/**
 * Up to this many spans the model calls are summed up when the trace opens; beyond, on request:
 * it reads every span's attributes, which a 100,000-span trace otherwise never needs at once.
 */
export const GENAI_AT_OPEN_MAX_SPANS = 20_000;

/** Token counts as reported: a count only some calls report says so, and one none report is left out. */
function tokensText(usage: ModelUsage): string {
  const part = (tokens: number, reporting: number, label: string) =>
    reporting === 0
      ? undefined
      : `${formatCount(tokens)} ${label}${reporting < usage.calls ? ` (${reporting} of ${usage.calls} calls report it)` : ''}`;
  const parts = [
    part(usage.inputTokens, usage.callsWithInputTokens, 'in'),
    part(usage.outputTokens, usage.callsWithOutputTokens, 'out'),
  ].filter(Boolean);
  return parts.length === 0 ? 'no token counts' : `tokens ${parts.join(' / ')}`;
}

function Summary({
  trace,
  summary,
  criticalTotalNs,
}: {
  trace: Trace;
  summary: GenAiSummary;
  criticalTotalNs: number;
}) {
  const share = criticalTotalNs > 0 ? Math.round((summary.criticalNs / criticalTotalNs) * 100) : 0;
  const extras = [
    summary.toolCalls > 0 && plural(summary.toolCalls, 'tool call', 'tool calls'),
    summary.agentRuns > 0 && plural(summary.agentRuns, 'agent run', 'agent runs'),
  ].filter(Boolean);
  return (
    <>
      <p className="tp-genai__line">
        {plural(summary.calls, 'model call', 'model calls')}
        {summary.calls > 0 && (
          <span title={`${formatExactNs(summary.busyNs)}: while at least one model call ran`}>
            {' '}
            · running {formatDuration(summary.busyNs)} of {formatDuration(trace.durationNs)}
          </span>
        )}
        {summary.criticalNs > 0 && (
          <span title={`${formatExactNs(summary.criticalNs)} of ${formatExactNs(criticalTotalNs)}`}>
            {' '}
            · {formatDuration(summary.criticalNs)} of the critical path ({share}%)
          </span>
        )}
        {extras.length > 0 && <span className="muted"> · {extras.join(' · ')}</span>}
      </p>
      {summary.models.length > 0 && (
        <ul className="tp-genai__models">
          {summary.models.map((usage) => (
            <li
              key={usage.model}
              data-model={usage.model}
              data-calls={usage.calls}
              data-input-tokens={usage.inputTokens}
              data-output-tokens={usage.outputTokens}
            >
              <button
                type="button"
                className="link-button"
                title={`Select its longest call: ${trace.spans[usage.longestSpan].name}`}
                onClick={() => useTraceStore.getState().selectSpan(usage.longestSpan)}
              >
                {usage.model}
              </button>{' '}
              <span title={formatExactNs(usage.durationNs)}>
                {plural(usage.calls, 'call', 'calls')} · {formatDuration(usage.durationNs)}
              </span>{' '}
              · <span className="muted">{tokensText(usage)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Model calls of an AI pipeline: how many, of which models, their time and tokens. Nothing for other traces. */
export function GenAiUsage({
  trace,
  sections,
  criticalTotalNs,
}: {
  trace: Trace;
  sections: readonly CriticalSection[];
  criticalTotalNs: number;
}) {
  const possible = useMemo(() => mayHaveGenAi(trace), [trace]);
  const atOpen = trace.spans.length <= GENAI_AT_OPEN_MAX_SPANS;
  const [asked, setAsked] = useState<Trace | null>(null);
  const wanted = possible && (atOpen || asked === trace);
  const summary = useMemo(() => (wanted ? genAiSummary(trace, sections) : undefined), [wanted, trace, sections]);
  if (!possible || (atOpen && summary === undefined)) return null;
  return (
    <div
      className="tp-block tp-block--wide tp-genai"
      data-testid="genai-summary"
      data-calls={summary?.calls}
      data-critical-ns={summary && Math.round(summary.criticalNs)}
    >
      <h3>Model calls</h3>
      {summary ? (
        <Summary trace={trace} summary={summary} criticalTotalNs={criticalTotalNs} />
      ) : wanted ? (
        <p className="muted">No model, tool or agent spans in this trace.</p>
      ) : (
        <button type="button" className="link-button" onClick={() => setAsked(trace)}>
          Sum up model calls and tokens (reads all {formatCount(trace.spans.length)} spans)
        </button>
      )}
    </div>
  );
}

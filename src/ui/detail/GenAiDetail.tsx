// The GenAI section of the span detail: what the model was asked and answered, the tools it
// called and the documents it was given, above the raw attributes. Every value is untrusted
// text: markdown in a message is shown as written, never as HTML.
import { useMemo } from 'react';
import { type GenAiMessage, type GenAiSpan, type GenAiToolCall, readGenAiSpan } from '../../analysis/genai-span.ts';
import { llmSpanRequesting, newTurns, previousLlmSpan, toolSpanForCall } from '../../analysis/genai-trace.ts';
import type { Trace } from '../../model/trace.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { formatDuration } from '../../view-model/duration.ts';
import { GENAI_KIND_LABELS } from '../../view-model/genai-labels.ts';
import { prettyJson } from '../../view-model/json-text.ts';
import { FoldedText } from './FoldedText.tsx';

/** Longer JSON is shown as written: re-indenting it would cost more than it helps. */
const PRETTY_LIMIT = 100_000;

function pretty(text: string): string {
  return text.length <= PRETTY_LIMIT ? (prettyJson(text) ?? text) : text;
}

const count = (n: number) => n.toLocaleString('en-US');

function TokenFacts({ genai, durationNs }: { genai: GenAiSpan; durationNs: number }) {
  const { tokens } = genai;
  const parts = [
    tokens.input !== undefined && `${count(tokens.input)} in`,
    tokens.output !== undefined && `${count(tokens.output)} out`,
    tokens.cached !== undefined && `${count(tokens.cached)} cached`,
    tokens.reasoning !== undefined && `${count(tokens.reasoning)} reasoning`,
    tokens.total !== undefined && `${count(tokens.total)} total`,
  ].filter((p): p is string => typeof p === 'string');
  const ttft = genai.timeToFirstTokenNs;
  // Output tokens over the time spent producing them: after the first token when that is known.
  const streamingNs = ttft !== undefined && ttft < durationNs ? durationNs - ttft : durationNs;
  const rate = tokens.output !== undefined && streamingNs > 0 ? tokens.output / (streamingNs / 1e9) : undefined;
  return (
    <dl className="detail-facts genai-facts">
      {genai.model !== undefined && (
        <div>
          <dt>Model</dt>
          <dd data-testid="genai-model">
            {genai.model}
            {genai.requestedModel !== undefined && <span className="muted"> (asked for {genai.requestedModel})</span>}
          </dd>
        </div>
      )}
      {genai.provider !== undefined && (
        <div>
          <dt>Provider</dt>
          <dd>{genai.provider}</dd>
        </div>
      )}
      {parts.length > 0 && (
        <div>
          <dt>Tokens</dt>
          <dd data-testid="genai-tokens" data-input-tokens={tokens.input} data-output-tokens={tokens.output}>
            {parts.join(' · ')}
          </dd>
        </div>
      )}
      {genai.cost?.total !== undefined && (
        <div>
          <dt>Cost</dt>
          <dd>
            {formatCost(genai.cost.total)}
            {genai.cost.input !== undefined && genai.cost.output !== undefined && (
              <span className="muted">
                {' '}
                ({formatCost(genai.cost.input)} in, {formatCost(genai.cost.output)} out)
              </span>
            )}
          </dd>
        </div>
      )}
      {ttft !== undefined && (
        <div>
          <dt>First token</dt>
          <dd data-testid="genai-ttft">after {formatDuration(ttft)}</dd>
        </div>
      )}
      {genai.queueNs !== undefined && (
        <div>
          <dt>Queued</dt>
          <dd>{formatDuration(genai.queueNs)}</dd>
        </div>
      )}
      {rate !== undefined && (
        <div>
          <dt>Output rate</dt>
          <dd
            title={ttft !== undefined ? 'Output tokens per second after the first token' : 'Output tokens per second'}
          >
            {rate.toFixed(rate < 10 ? 1 : 0)} tokens/s
          </dd>
        </div>
      )}
      {genai.finishReasons.length > 0 && (
        <div>
          <dt>Finish reason</dt>
          <dd>
            {genai.finishReasons.map((r) => (
              <span key={r} className={isCutShort(r) ? 'genai-finish genai-finish--cut' : 'genai-finish'}>
                {r}
                {isCutShort(r) &&
                  (r === 'length' || r === 'max_tokens'
                    ? ' (cut off at the token limit)'
                    : ' (stopped by a content filter)')}{' '}
              </span>
            ))}
          </dd>
        </div>
      )}
      {genai.sessionId !== undefined && (
        <div>
          <dt>Session</dt>
          <dd>
            <code>{genai.sessionId}</code>
          </dd>
        </div>
      )}
    </dl>
  );
}

function isCutShort(reason: string): boolean {
  const r = reason.toLowerCase();
  return r === 'length' || r === 'max_tokens' || r === 'content_filter' || r === 'content-filter';
}

/** Costs are small: keep four significant digits ($0.002341). */
export function formatCost(cost: number): string {
  return `$${cost >= 1 ? cost.toFixed(2) : Number(cost.toPrecision(4)).toString()}`;
}

function ToolCallView({ trace, call }: { trace: Trace; call: GenAiToolCall }) {
  const toolSpan = call.id === undefined ? undefined : toolSpanForCall(trace, call.id);
  const result = toolSpan === undefined ? undefined : readGenAiSpan(trace.spans[toolSpan])?.toolRun?.result;
  return (
    <li className="genai-tool-call" data-call-id={call.id}>
      <div className="genai-tool-call__head">
        <span className="genai-kind genai-kind--tool">tool call</span> <strong>{call.name}</strong>
        {call.id !== undefined && <code className="muted"> {call.id}</code>}
        {toolSpan !== undefined && (
          <>
            {' '}
            <button
              type="button"
              className="link-button"
              onClick={() => useTraceStore.getState().selectSpan(toolSpan)}
              data-testid="genai-tool-span-link"
              title={`Select the span that ran this call: ${trace.spans[toolSpan].name}`}
            >
              go to tool span
            </button>
          </>
        )}
      </div>
      {call.arguments !== '' && <FoldedText className="genai-code" text={pretty(call.arguments)} />}
      {result !== undefined && (
        <>
          <div className="muted">Result</div>
          <FoldedText className="genai-code" text={pretty(result)} />
        </>
      )}
    </li>
  );
}

function Turn({ trace, message, isNew }: { trace: Trace; message: GenAiMessage; isNew: boolean | undefined }) {
  const role = message.role.toLowerCase();
  return (
    <li
      className={`genai-turn genai-turn--${/^[a-z]+$/.test(role) ? role : 'other'}${isNew ? ' genai-turn--new' : ''}`}
      data-role={role}
      data-new={isNew === undefined ? undefined : String(isNew)}
    >
      <div className="genai-turn__role">
        {message.role}
        {message.toolCallId !== undefined && <code className="muted"> {message.toolCallId}</code>}
        {isNew && <span className="genai-turn__new">new since the previous call</span>}
      </div>
      {message.content !== '' && <FoldedText className="genai-turn__content" text={message.content} />}
      {message.toolCalls.length > 0 && (
        <ul className="genai-tool-calls">
          {message.toolCalls.map((call, i) => (
            <ToolCallView key={i} trace={trace} call={call} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Transcript({ trace, spanIndex, genai }: { trace: Trace; spanIndex: number; genai: GenAiSpan }) {
  const fresh = useMemo(() => {
    if (genai.kind !== 'llm' || genai.input.length === 0) return undefined;
    const previous = previousLlmSpan(trace, spanIndex);
    const before = previous === undefined ? undefined : readGenAiSpan(trace.spans[previous]);
    return before === undefined || before.input.length === 0 ? undefined : newTurns(before, genai);
  }, [trace, spanIndex, genai]);
  const oldCount = fresh?.filter((f) => !f).length ?? 0;
  return (
    <section className="genai-transcript" data-testid="genai-transcript">
      <h4>Conversation</h4>
      {fresh !== undefined && oldCount > 0 && (
        <p className="muted" data-testid="genai-new-turns">
          {fresh.length - oldCount} of {fresh.length} input turns are new since the previous model call; {oldCount}{' '}
          repeat what it was given or answered.
        </p>
      )}
      <ol className="genai-turns">
        {genai.input.map((m, i) => (
          <Turn key={`in${i}`} trace={trace} message={m} isNew={fresh?.[i]} />
        ))}
        {genai.output.map((m, i) => (
          <Turn key={`out${i}`} trace={trace} message={m} isNew={undefined} />
        ))}
      </ol>
    </section>
  );
}

function Documents({ genai }: { genai: GenAiSpan }) {
  return (
    <section className="genai-documents">
      <h4>Retrieved documents ({genai.documents.length})</h4>
      <ol data-testid="genai-documents">
        {genai.documents.map((d, i) => (
          <li key={i} className="genai-document" data-document-id={d.id}>
            <div className="genai-document__head">
              {d.score !== undefined && <span className="genai-document__score">score {d.score.toFixed(3)}</span>}{' '}
              {d.id !== undefined && <code>{d.id}</code>}
            </div>
            {d.content !== '' && <FoldedText text={d.content} />}
            {d.metadata !== undefined && <FoldedText className="genai-code muted" text={pretty(d.metadata)} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ToolRun({ trace, spanIndex, genai }: { trace: Trace; spanIndex: number; genai: GenAiSpan }) {
  const run = genai.toolRun!;
  const requestedBy = useMemo(
    () => (run.id === undefined ? undefined : llmSpanRequesting(trace, spanIndex, run.id)),
    [trace, spanIndex, run.id],
  );
  return (
    <section className="genai-tool-run">
      <h4>
        Tool {run.name !== undefined && <strong>{run.name}</strong>}
        {run.id !== undefined && <code className="muted"> {run.id}</code>}
        {requestedBy !== undefined && (
          <>
            {' '}
            <button
              type="button"
              className="link-button"
              onClick={() => useTraceStore.getState().selectSpan(requestedBy)}
              data-testid="genai-requested-by"
              title={`Select the model call that asked for it: ${trace.spans[requestedBy].name}`}
            >
              asked for by {trace.spans[requestedBy].name}
            </button>
          </>
        )}
      </h4>
      {run.arguments !== undefined && (
        <>
          <div className="muted">Arguments</div>
          <FoldedText className="genai-code" text={pretty(run.arguments)} />
        </>
      )}
      {run.result !== undefined && (
        <>
          <div className="muted">Result</div>
          <FoldedText className="genai-code" text={pretty(run.result)} />
        </>
      )}
    </section>
  );
}

/** The GenAI section for one span, or nothing when the span is no GenAI step. */
export function GenAiDetail({ trace, spanIndex }: { trace: Trace; spanIndex: number }) {
  const span = trace.spans[spanIndex];
  const genai = useMemo(() => readGenAiSpan(span), [span]);
  if (genai === undefined) return null;
  const label = GENAI_KIND_LABELS[genai.kind];
  const hasConversation = genai.input.length > 0 || genai.output.length > 0;
  return (
    <details className="detail-section genai-detail" open data-testid="genai-detail" data-genai-kind={genai.kind}>
      <summary>
        GenAI: <span className={`genai-kind genai-kind--${genai.kind}`}>{label.name}</span>
      </summary>
      <TokenFacts genai={genai} durationNs={span.durationNs} />
      {genai.notes.map((n) => (
        <p key={n} className="muted genai-note">
          {n}
        </p>
      ))}
      {genai.parameters.length > 0 && (
        <details className="genai-parameters">
          <summary>Request parameters ({genai.parameters.length})</summary>
          <dl className="detail-facts">
            {genai.parameters.map((p, i) => (
              <div key={i}>
                <dt>{p.key}</dt>
                <dd>{p.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {hasConversation && <Transcript trace={trace} spanIndex={spanIndex} genai={genai} />}
      {genai.toolRun !== undefined && <ToolRun trace={trace} spanIndex={spanIndex} genai={genai} />}
      {!hasConversation && genai.inputText !== undefined && (
        <section>
          <h4>Input</h4>
          <FoldedText text={pretty(genai.inputText)} />
        </section>
      )}
      {!hasConversation && genai.outputText !== undefined && (
        <section>
          <h4>Output</h4>
          <FoldedText text={pretty(genai.outputText)} />
        </section>
      )}
      {genai.documents.length > 0 && <Documents genai={genai} />}
      {genai.toolDefinitions.length > 0 && (
        <details className="genai-tool-definitions">
          <summary>Tools offered to the model ({genai.toolDefinitions.length})</summary>
          <ul>
            {genai.toolDefinitions.map((t, i) => (
              <li key={i}>
                <strong>{t.name}</strong>
                {t.description !== undefined && <span className="muted">: {t.description}</span>}
                {t.parameters !== undefined && <FoldedText className="genai-code" text={pretty(t.parameters)} />}
              </li>
            ))}
          </ul>
        </details>
      )}
    </details>
  );
}

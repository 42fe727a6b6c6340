// What one GenAI span needs from the rest of its trace: the model call before it (to tell which
// turns of a growing agent prompt are new) and the tool span that ran each tool call. Built once
// per trace, in one pass over the spans, when a GenAI span is first shown.
import type { Trace } from '../model/trace.ts';
import { genAiKindOf } from './genai-kind.ts';
import { type GenAiMessage, type GenAiSpan, readGenAiSpan } from './genai-span.ts';
import { attributeValueText } from './attribute-text.ts';

interface GenAiTraceIndex {
  /** LLM call spans (every span that reports one), by start time. */
  readonly llmSpans: readonly number[];
  readonly toolSpanByCallId: ReadonlyMap<string, number>;
}

const CALL_ID_KEYS = new Set(['gen_ai.tool.call.id', 'ai.toolCall.id', 'tool_call.id']);
const indexes = new WeakMap<Trace, GenAiTraceIndex>();

function indexOf(trace: Trace): GenAiTraceIndex {
  let index = indexes.get(trace);
  if (index !== undefined) return index;
  const llmSpans: number[] = [];
  const toolSpanByCallId = new Map<string, number>();
  for (const span of trace.spans) {
    const kind = genAiKindOf(span.attributes);
    if (kind === 'llm') llmSpans.push(span.index);
    else if (kind === 'tool')
      for (const a of span.attributes)
        if (CALL_ID_KEYS.has(a.key)) {
          const id = attributeValueText(a.value).trim();
          if (id !== '' && !toolSpanByCallId.has(id)) toolSpanByCallId.set(id, span.index);
        }
  }
  llmSpans.sort((a, b) => trace.spans[a].startNs - trace.spans[b].startNs || a - b);
  index = { llmSpans, toolSpanByCallId };
  indexes.set(trace, index);
  return index;
}

/** The tool span that ran the call with this id, if the trace has it. */
export function toolSpanForCall(trace: Trace, callId: string): number | undefined {
  return indexOf(trace).toolSpanByCallId.get(callId);
}

/**
 * The LLM call whose answer asked for the tool call with this id: the latest one that started
 * before the tool span. Reads the calls' messages, latest first, only when a tool span is shown.
 */
export function llmSpanRequesting(trace: Trace, toolSpan: number, callId: string): number | undefined {
  const { llmSpans } = indexOf(trace);
  const start = trace.spans[toolSpan].startNs;
  for (let k = llmSpans.length - 1; k >= 0; k--) {
    const i = llmSpans[k];
    if (trace.spans[i].startNs > start) continue;
    const genai = readGenAiSpan(trace.spans[i]);
    if (genai?.output.some((m) => m.toolCalls.some((c) => c.id === callId))) return i;
  }
  return undefined;
}

function isAncestor(trace: Trace, ancestor: number, of: number): boolean {
  for (let i = trace.tree.parent[of]; i !== -1; i = trace.tree.parent[i]) if (i === ancestor) return true;
  return false;
}

/**
 * The LLM call that started last before this one and is not this same call seen by an
 * enclosing or enclosed span (a client, gateway and server report one call three times).
 */
export function previousLlmSpan(trace: Trace, spanIndex: number): number | undefined {
  const { llmSpans } = indexOf(trace);
  const start = trace.spans[spanIndex].startNs;
  let found: number | undefined;
  for (const i of llmSpans) {
    if (trace.spans[i].startNs >= start) break;
    if (i === spanIndex || isAncestor(trace, i, spanIndex) || isAncestor(trace, spanIndex, i)) continue;
    if (found === undefined || !isAncestor(trace, found, i)) found = i;
  }
  return found;
}

function turnKey(m: GenAiMessage): string {
  return `${m.role}\u0000${m.content}\u0000${m.toolCalls.map((c) => c.id ?? c.name).join(',')}\u0000${m.toolCallId ?? ''}`;
}

/**
 * For each input turn of `current`, whether it is new since `previous`: turns the previous call
 * was given or answered are not. Counted as a multiset, so a repeated question is new again.
 */
export function newTurns(previous: GenAiSpan, current: GenAiSpan): boolean[] {
  const seen = new Map<string, number>();
  for (const m of [...previous.input, ...previous.output]) {
    const key = turnKey(m);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return current.input.map((m) => {
    const key = turnKey(m);
    const left = seen.get(key) ?? 0;
    if (left === 0) return true;
    seen.set(key, left - 1);
    return false;
  });
}

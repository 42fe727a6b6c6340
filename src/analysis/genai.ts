// What the model calls of an AI pipeline cost: how many, of which model, how long, how many
// tokens, and how much of the critical path they hold. Read from the OpenTelemetry GenAI
// conventions (gen_ai.*), their older names, OpenInference's (llm.*, openinference.span.kind)
// and the Vercel AI SDK's (ai.*).
import type { Attribute, Trace } from '../model/trace.ts';
import { attributeValueText } from './attribute-text.ts';
import type { CriticalSection } from './critical-path.ts';
import { spanEndNs } from './self-time.ts';

export interface ModelUsage {
  readonly model: string;
  readonly calls: number;
  readonly durationNs: number;
  /** Summed over the calls that report them; `callsWith...` say how many did. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly callsWithInputTokens: number;
  readonly callsWithOutputTokens: number;
  /** The longest call, to select. */
  readonly longestSpan: number;
}

export interface GenAiSummary {
  /** Model calls, counted once however many spans (client, gateway, server) report the same call. */
  readonly calls: number;
  /** By model, most time first. */
  readonly models: readonly ModelUsage[];
  readonly toolCalls: number;
  readonly agentRuns: number;
  /** How long at least one model call was running (parallel calls counted once). */
  readonly busyNs: number;
  /** Critical-path time spent inside model calls. */
  readonly criticalNs: number;
}

const MODEL_OPERATIONS = new Set(['chat', 'text_completion', 'generate_content', 'embeddings']);
/** Operations of the GenAI conventions that are not model calls, though their spans may name a model. */
const OTHER_OPERATIONS = new Set([
  'execute_tool',
  'invoke_agent',
  'create_agent',
  'invoke_workflow',
  'execute_task',
  'retrieval',
]);
const MODEL_KINDS = new Set(['LLM', 'EMBEDDING']);
const MODEL_KEYS = ['gen_ai.response.model', 'gen_ai.request.model', 'llm.model_name', 'ai.model.id'];
const INPUT_TOKEN_KEYS = [
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.prompt_tokens',
  'llm.usage.prompt_tokens',
  'llm.token_count.prompt',
  'ai.usage.inputTokens',
  'ai.usage.promptTokens',
];
const OUTPUT_TOKEN_KEYS = [
  'gen_ai.usage.output_tokens',
  'gen_ai.usage.completion_tokens',
  'llm.usage.completion_tokens',
  'llm.token_count.completion',
  'ai.usage.outputTokens',
  'ai.usage.completionTokens',
];
const VERCEL_TOOL_KEY = 'ai.toolCall.name';
const WANTED = new Set([
  'gen_ai.operation.name',
  'openinference.span.kind',
  VERCEL_TOOL_KEY,
  ...MODEL_KEYS,
  ...INPUT_TOKEN_KEYS,
  ...OUTPUT_TOKEN_KEYS,
]);
const UNKNOWN_MODEL = 'model not named';

type Role = 'model' | 'tool' | 'agent' | undefined;

const traceWords = new WeakMap<Trace, readonly string[]>();

/**
 * Tells which words (span names, services, attribute keys...) a trace uses, when they are known
 * without reading every span: the worker sends them with each trace.
 */
export function provideTraceWords(trace: Trace, words: readonly string[]): void {
  traceWords.set(trace, words);
}

/** False when the trace surely has no GenAI attributes, so that nobody reads its spans to find out. */
export function mayHaveGenAi(trace: Trace): boolean {
  const words = traceWords.get(trace);
  return (
    words === undefined ||
    words.some(
      (w) => w.startsWith('gen_ai.') || w.startsWith('llm.') || w.startsWith('ai.') || w === 'openinference.span.kind',
    )
  );
}

interface SpanFacts {
  readonly role: Role;
  readonly model: string | undefined;
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
}

function textValues(attributes: readonly Attribute[]): Map<string, string> | undefined {
  let values: Map<string, string> | undefined;
  for (const a of attributes) {
    if (!WANTED.has(a.key) || values?.has(a.key)) continue;
    const type = a.value.type;
    if (type === 'array' || type === 'map' || type === 'empty') continue;
    const text = attributeValueText(a.value).trim();
    if (text === '') continue;
    values ??= new Map();
    values.set(a.key, text);
  }
  return values;
}

function firstText(values: Map<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const text = values.get(key);
    if (text !== undefined) return text;
  }
  return undefined;
}

function tokenCount(values: Map<string, string>, keys: readonly string[]): number | undefined {
  const text = firstText(values, keys);
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function factsOf(attributes: readonly Attribute[]): SpanFacts | undefined {
  const values = textValues(attributes);
  if (values === undefined) return undefined;
  const operation = values.get('gen_ai.operation.name')?.toLowerCase();
  const kind = values.get('openinference.span.kind')?.toUpperCase();
  const model = firstText(values, MODEL_KEYS);
  const inputTokens = tokenCount(values, INPUT_TOKEN_KEYS);
  const outputTokens = tokenCount(values, OUTPUT_TOKEN_KEYS);
  let role: Role;
  if ((operation !== undefined && MODEL_OPERATIONS.has(operation)) || (kind !== undefined && MODEL_KINDS.has(kind)))
    role = 'model';
  else if (operation === 'execute_tool' || kind === 'TOOL' || values.has(VERCEL_TOOL_KEY)) role = 'tool';
  else if (operation === 'invoke_agent' || operation === 'create_agent' || kind === 'AGENT') role = 'agent';
  // A span that names a model or counts tokens, and says it is nothing else, is a call: older
  // instrumentations name no operation, and others name their own ("acompletion").
  else if (!(operation !== undefined && OTHER_OPERATIONS.has(operation)) && kind === undefined) {
    if (model !== undefined || inputTokens !== undefined || outputTokens !== undefined) role = 'model';
  }
  return { role, model, inputTokens, outputTokens };
}

interface CallInProgress {
  readonly span: number;
  model: string | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}

/**
 * The trace's model calls, or undefined when it has no GenAI spans. A model call reported by
 * several nested spans (an orchestrator's client span, a gateway's, the inference server's) is
 * one call: the outermost span's, which takes the model name and token counts of the spans
 * inside it when it lacks them.
 */
export function genAiSummary(trace: Trace, criticalSections: readonly CriticalSection[]): GenAiSummary | undefined {
  const { spans, tree } = trace;
  const n = spans.length;
  /** For each span, the outermost model call it is inside (itself included), or -1. */
  const callOf = new Int32Array(n).fill(-1);
  const calls = new Map<number, CallInProgress>();
  let toolCalls = 0;
  let agentRuns = 0;
  for (let k = 0; k < n; k++) {
    const i = tree.preorder[k];
    const parent = tree.parent[i];
    const enclosing = parent === -1 ? -1 : callOf[parent];
    callOf[i] = enclosing;
    const facts = factsOf(spans[i].attributes);
    if (facts === undefined) continue;
    if (facts.role === 'tool') toolCalls++;
    else if (facts.role === 'agent') agentRuns++;
    if (facts.role === 'model' && enclosing === -1) {
      callOf[i] = i;
      calls.set(i, { span: i, model: facts.model, inputTokens: facts.inputTokens, outputTokens: facts.outputTokens });
    } else if (enclosing !== -1) {
      const call = calls.get(enclosing)!;
      call.model ??= facts.model;
      call.inputTokens ??= facts.inputTokens;
      call.outputTokens ??= facts.outputTokens;
    }
  }
  if (calls.size === 0 && toolCalls === 0 && agentRuns === 0) return undefined;

  const byModel = new Map<string, { -readonly [K in keyof ModelUsage]: ModelUsage[K] }>();
  for (const call of calls.values()) {
    const model = call.model ?? UNKNOWN_MODEL;
    const durationNs = spans[call.span].durationNs;
    let usage = byModel.get(model);
    if (usage === undefined) {
      usage = {
        model,
        calls: 0,
        durationNs: 0,
        inputTokens: 0,
        outputTokens: 0,
        callsWithInputTokens: 0,
        callsWithOutputTokens: 0,
        longestSpan: call.span,
      };
      byModel.set(model, usage);
    }
    usage.calls++;
    usage.durationNs += durationNs;
    if (call.inputTokens !== undefined) {
      usage.callsWithInputTokens++;
      usage.inputTokens += call.inputTokens;
    }
    if (call.outputTokens !== undefined) {
      usage.callsWithOutputTokens++;
      usage.outputTokens += call.outputTokens;
    }
    if (durationNs > spans[usage.longestSpan].durationNs) usage.longestSpan = call.span;
  }
  let criticalNs = 0;
  for (const section of criticalSections)
    if (callOf[section.spanIndex] !== -1) criticalNs += section.endNs - section.startNs;
  const models = [...byModel.values()].sort((a, b) => b.durationNs - a.durationNs || a.model.localeCompare(b.model));
  return { calls: calls.size, models, toolCalls, agentRuns, busyNs: busyNs(trace, [...calls.keys()]), criticalNs };
}

/** The length of the union of the spans' intervals. */
function busyNs(trace: Trace, spanIndexes: readonly number[]): number {
  const intervals = spanIndexes.map(
    (i) => [trace.spans[i].startNs, spanEndNs(trace.spans[i].startNs, trace.spans[i].durationNs)] as const,
  );
  intervals.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let from = -Infinity;
  let to = -Infinity;
  for (const [start, end] of intervals) {
    if (start > to) {
      if (to > from) total += to - from;
      from = start;
      to = end;
    } else if (end > to) to = end;
  }
  if (to > from) total += to - from;
  return total;
}

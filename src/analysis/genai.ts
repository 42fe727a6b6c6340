// What the model calls of an AI pipeline cost: how many, of which model, how long, how many
// tokens, and how much of the critical path they hold. Read from the OpenTelemetry GenAI
// conventions (gen_ai.*), their older names, OpenInference's (llm.*, openinference.span.kind)
// and the Vercel AI SDK's (ai.*).
import type { Attribute, Span, Trace } from '../model/trace.ts';
import { attributeValueText } from './attribute-text.ts';
import type { CriticalSection } from './critical-path.ts';
import {
  CLASSIFIER_KEYS,
  classifyGenAi,
  countOf,
  firstText,
  INPUT_TOKEN_KEYS,
  isModelCallKind,
  MODEL_KEYS,
  OUTPUT_TOKEN_KEYS,
  scalarValues,
} from './genai-kind.ts';
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
  /** Over all calls, each counted once (as `models` counts them). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Summed over the calls that state a cost; undefined when none does. */
  readonly cost?: number;
  /** Critical-path time inside model calls before their first token, where that time is known. */
  readonly firstTokenCriticalNs: number;
  /** What went wrong or was cut short, in plain words, with a span to select. */
  readonly failures: readonly GenAiFailure[];
}

export interface GenAiFailure {
  readonly kind: 'length' | 'content_filter' | 'rate-limited' | 'retried';
  /** How many spans show it. */
  readonly count: number;
  readonly firstSpan: number;
  readonly text: string;
}

const FAILURE_WORDS: Readonly<Record<GenAiFailure['kind'], (n: number) => string>> = {
  length: (n) =>
    `${n === 1 ? 'an answer was' : `${n} answers were`} cut off at the token limit (finish reason "length")`,
  content_filter: (n) =>
    `${n === 1 ? 'an answer was' : `${n} answers were`} stopped by a content filter (finish reason "content_filter")`,
  'rate-limited': (n) => `rate limited: HTTP 429 on ${n === 1 ? 'a span' : `${n} spans`}`,
  retried: (n) => `${n === 1 ? 'a request was' : `${n} requests were`} retried`,
};

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

/** False when the trace surely uses no word that `test` accepts; true when its words are unknown. */
export function mayUseWord(trace: Trace, test: (word: string) => boolean): boolean {
  const words = traceWords.get(trace);
  return words === undefined || words.some(test);
}

/** False when the trace surely has no GenAI attributes, so that nobody reads its spans to find out. */
export function mayHaveGenAi(trace: Trace): boolean {
  return mayUseWord(
    trace,
    (w) => w.startsWith('gen_ai.') || w.startsWith('llm.') || w.startsWith('ai.') || w === 'openinference.span.kind',
  );
}

interface SpanFacts {
  readonly role: Role;
  readonly model: string | undefined;
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  readonly cost: number | undefined;
  /** Time to first token as the span's attributes state it. */
  readonly firstTokenAfterNs: number | undefined;
}

const COST_KEYS = ['llm.cost.total', 'gen_ai.usage.cost', 'gen_ai.usage.total_cost'];
const PART_COST_KEYS = ['llm.cost.prompt', 'llm.cost.completion'];
const TTFT_SECONDS_KEYS = ['gen_ai.server.time_to_first_token', 'gen_ai.latency.time_to_first_token'];
const TTFT_MS_KEYS = ['ai.response.msToFirstChunk', 'ai.stream.msToFirstChunk'];
const FINISH_REASON_KEYS = new Set(['gen_ai.response.finish_reasons', 'ai.response.finishReason', 'llm.finish_reason']);
const WANTED = new Set([...CLASSIFIER_KEYS, ...COST_KEYS, ...PART_COST_KEYS, ...TTFT_SECONDS_KEYS, ...TTFT_MS_KEYS]);

function factsOf(attributes: readonly Attribute[]): SpanFacts | undefined {
  const values = scalarValues(attributes, WANTED);
  if (values === undefined) return undefined;
  const kind = classifyGenAi(values);
  const role: Role = isModelCallKind(kind)
    ? 'model'
    : kind === 'tool'
      ? 'tool'
      : kind === 'agent'
        ? 'agent'
        : undefined;
  let cost = countOf(values, COST_KEYS);
  if (cost === undefined) {
    const parts = PART_COST_KEYS.map((k) => countOf(values, [k]));
    if (parts.some((p) => p !== undefined)) cost = parts.reduce<number>((sum, p) => sum + (p ?? 0), 0);
  }
  const ttftSeconds = countOf(values, TTFT_SECONDS_KEYS);
  const ttftMs = countOf(values, TTFT_MS_KEYS);
  return {
    role,
    model: firstText(values, MODEL_KEYS),
    inputTokens: countOf(values, INPUT_TOKEN_KEYS),
    outputTokens: countOf(values, OUTPUT_TOKEN_KEYS),
    cost,
    firstTokenAfterNs: ttftSeconds !== undefined ? ttftSeconds * 1e9 : ttftMs !== undefined ? ttftMs * 1e6 : undefined,
  };
}

/** When the span saw its first token, from its own gen_ai.first_token event or its TTFT attributes. */
function firstTokenAt(span: Span, facts: SpanFacts): number | undefined {
  for (const event of span.events)
    if (event.name === 'gen_ai.first_token' && event.timeNs >= span.startNs) return event.timeNs;
  return facts.firstTokenAfterNs === undefined ? undefined : span.startNs + facts.firstTokenAfterNs;
}

/** Finish reasons that mean the answer was cut short: the model hit its limit or a filter. */
function cutShortReasons(attributes: readonly Attribute[]): string[] {
  const out: string[] = [];
  for (const a of attributes) {
    if (!FINISH_REASON_KEYS.has(a.key)) continue;
    const texts = a.value.type === 'array' ? a.value.value.map(attributeValueText) : [attributeValueText(a.value)];
    for (const t of texts) {
      const reason = t.replace(/[[\]'"\s]/g, '').toLowerCase();
      for (const r of reason.split(','))
        if (r === 'length' || r === 'max_tokens' || r === 'content_filter' || r === 'content-filter')
          out.push(r === 'max_tokens' ? 'length' : r.replace('-', '_'));
    }
  }
  return out;
}

const STATUS_KEYS = new Set(['http.status_code', 'http.response.status_code']);

/** HTTP 429 and retries on one span, from the HTTP conventions and keys that count retries. */
function trafficSignals(attributes: readonly Attribute[]): { rateLimited: boolean; retries: number } {
  let rateLimited = false;
  let retries = 0;
  for (const a of attributes) {
    if (STATUS_KEYS.has(a.key)) {
      if (attributeValueText(a.value).trim() === '429') rateLimited = true;
      continue;
    }
    const key = a.key.toLowerCase();
    // A retry counter, not a setting such as ai.settings.maxRetries.
    if (!(key.includes('retr') || key.includes('resend_count')) || key.includes('max')) continue;
    const n = Number(attributeValueText(a.value));
    if (Number.isInteger(n) && n > 0) retries = Math.max(retries, key.endsWith('attempts') ? n - 1 : n);
  }
  return { rateLimited, retries };
}

interface CallInProgress {
  readonly span: number;
  model: string | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  cost: number | undefined;
  firstTokenAtNs: number | undefined;
  readonly cutShort: Set<string>;
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
  const retrying = new Uint8Array(n);
  const insideRetry = new Uint8Array(n);
  const failureCounts = new Map<GenAiFailure['kind'], { count: number; firstSpan: number }>();
  const note = (kind: GenAiFailure['kind'], span: number) => {
    const seen = failureCounts.get(kind);
    if (seen === undefined) failureCounts.set(kind, { count: 1, firstSpan: span });
    else seen.count++;
  };
  for (let k = 0; k < n; k++) {
    const i = tree.preorder[k];
    const parent = tree.parent[i];
    const enclosing = parent === -1 ? -1 : callOf[parent];
    callOf[i] = enclosing;
    const attributes = spans[i].attributes;
    const traffic = trafficSignals(attributes);
    if (traffic.rateLimited) note('rate-limited', i);
    // A retry shows on the step that retried and on the request it resent: one retry.
    insideRetry[i] = parent !== -1 && (insideRetry[parent] === 1 || retrying[parent] === 1) ? 1 : 0;
    if (traffic.retries > 0) {
      retrying[i] = 1;
      if (insideRetry[i] === 0) note('retried', i);
    }
    const facts = factsOf(attributes);
    if (facts === undefined) continue;
    if (facts.role === 'tool') toolCalls++;
    else if (facts.role === 'agent') agentRuns++;
    if (facts.role === 'model' || enclosing !== -1) {
      // A call reported by several spans is cut short once.
      const cut = new Set(cutShortReasons(attributes));
      const call = enclosing === -1 ? undefined : calls.get(enclosing)!;
      for (const reason of cut)
        if (call === undefined || !call.cutShort.has(reason)) {
          note(reason as 'length' | 'content_filter', enclosing === -1 ? i : enclosing);
          call?.cutShort.add(reason);
        }
      if (facts.role === 'model' && enclosing === -1) {
        callOf[i] = i;
        calls.set(i, {
          span: i,
          model: facts.model,
          inputTokens: facts.inputTokens,
          outputTokens: facts.outputTokens,
          cost: facts.cost,
          firstTokenAtNs: firstTokenAt(spans[i], facts),
          cutShort: cut,
        });
      } else if (call !== undefined) {
        call.model ??= facts.model;
        call.inputTokens ??= facts.inputTokens;
        call.outputTokens ??= facts.outputTokens;
        call.cost ??= facts.cost;
        call.firstTokenAtNs ??= firstTokenAt(spans[i], facts);
      }
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
  let inputTokens = 0;
  let outputTokens = 0;
  let cost: number | undefined;
  for (const call of calls.values()) {
    inputTokens += call.inputTokens ?? 0;
    outputTokens += call.outputTokens ?? 0;
    if (call.cost !== undefined) cost = (cost ?? 0) + call.cost;
  }
  let criticalNs = 0;
  let firstTokenCriticalNs = 0;
  for (const section of criticalSections) {
    const callSpan = callOf[section.spanIndex];
    if (callSpan === -1) continue;
    criticalNs += section.endNs - section.startNs;
    const firstToken = calls.get(callSpan)?.firstTokenAtNs;
    if (firstToken !== undefined)
      firstTokenCriticalNs += Math.max(0, Math.min(section.endNs, firstToken) - section.startNs);
  }
  const models = [...byModel.values()].sort((a, b) => b.durationNs - a.durationNs || a.model.localeCompare(b.model));
  const failures = [...failureCounts].map(([kind, { count, firstSpan }]) => ({
    kind,
    count,
    firstSpan,
    text: FAILURE_WORDS[kind](count),
  }));
  return {
    calls: calls.size,
    models,
    toolCalls,
    agentRuns,
    busyNs: busyNs(trace, [...calls.keys()]),
    criticalNs,
    inputTokens,
    outputTokens,
    ...(cost !== undefined && { cost }),
    firstTokenCriticalNs,
    failures,
  };
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

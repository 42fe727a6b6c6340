// Words for GenAI steps on rows and in the detail pane: a short badge per kind, the model name
// without its organisation prefix (so it fits a name column), token counts as people read them.
import {
  type GenAiKind,
  classifyGenAi,
  CLASSIFIER_KEYS,
  countOf,
  firstText,
  INPUT_TOKEN_KEYS,
  MODEL_KEYS,
  OUTPUT_TOKEN_KEYS,
  scalarValues,
} from '../analysis/genai-kind.ts';
import type { Span } from '../model/trace.ts';

export const GENAI_KIND_LABELS: Readonly<Record<GenAiKind, { badge: string; name: string }>> = {
  llm: { badge: 'LLM', name: 'LLM call' },
  embedding: { badge: 'embed', name: 'embedding' },
  retriever: { badge: 'retrieve', name: 'retriever' },
  reranker: { badge: 'rerank', name: 'reranker' },
  tool: { badge: 'tool', name: 'tool call' },
  agent: { badge: 'agent', name: 'agent' },
  chain: { badge: 'chain', name: 'chain' },
  guardrail: { badge: 'guard', name: 'guardrail' },
  evaluator: { badge: 'eval', name: 'evaluator' },
};

/** Bar colours by kind, mid-tones that read on light and dark backgrounds. */
export const GENAI_KIND_COLORS: Readonly<Record<GenAiKind, string>> = {
  llm: '#5b6ee1',
  embedding: '#2a9d8f',
  retriever: '#43a047',
  reranker: '#7cb342',
  tool: '#ef8c1a',
  agent: '#8e5bd6',
  chain: '#8d8d99',
  guardrail: '#d81b60',
  evaluator: '#c2185b',
};
/** Spans that are no GenAI step, when bars are coloured by kind. */
export const NOT_GENAI_COLOR = '#b7bcc6';

/** "meta-llama/Llama-3.1-8B-Instruct" reads as "Llama-3.1-8B-Instruct" in a narrow column. */
export function shortModelName(model: string): string {
  const slash = model.lastIndexOf('/');
  return slash >= 0 && slash < model.length - 1 ? model.slice(slash + 1) : model;
}

/** 950, 6.2k, 1.3M: a token count for a row. */
export function compactCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1e6) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(1)}M`;
}

export interface GenAiRowFacts {
  readonly kind: GenAiKind;
  readonly model?: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** When the first token came (ns since the trace start), for an LLM call that reports it. */
  readonly firstTokenAtNs?: number;
}

const TTFT_SECONDS = ['gen_ai.server.time_to_first_token', 'gen_ai.latency.time_to_first_token'];
const TTFT_MS = ['ai.response.msToFirstChunk', 'ai.stream.msToFirstChunk'];
const ROW_KEYS: ReadonlySet<string> = new Set([...CLASSIFIER_KEYS, ...TTFT_SECONDS, ...TTFT_MS]);

function firstTokenAt(span: Span, values: ReadonlyMap<string, string>): number | undefined {
  for (const event of span.events)
    if (event.name === 'gen_ai.first_token' && event.timeNs >= span.startNs) return event.timeNs;
  const seconds = countOf(values, TTFT_SECONDS);
  if (seconds !== undefined) return span.startNs + seconds * 1e9;
  const ms = countOf(values, TTFT_MS);
  return ms === undefined ? undefined : span.startNs + ms * 1e6;
}

/** What a row shows of a GenAI span, read from the few keys the classifier reads. */
export function genAiRowFacts(span: Span): GenAiRowFacts | undefined {
  const values = scalarValues(span.attributes, ROW_KEYS);
  if (values === undefined) return undefined;
  const kind = classifyGenAi(values);
  if (kind === undefined) return undefined;
  const model = firstText(values, MODEL_KEYS);
  const inputTokens = countOf(values, INPUT_TOKEN_KEYS);
  const outputTokens = countOf(values, OUTPUT_TOKEN_KEYS);
  const firstToken = kind === 'llm' ? firstTokenAt(span, values) : undefined;
  return {
    kind,
    ...(model !== undefined && { model }),
    ...(inputTokens !== undefined && { inputTokens }),
    ...(outputTokens !== undefined && { outputTokens }),
    ...(firstToken !== undefined && firstToken <= span.startNs + span.durationNs && { firstTokenAtNs: firstToken }),
  };
}

/** A flame box's label: "LLM Llama-3.1-8B-Instruct · chat" for a GenAI step, the name otherwise. */
export function genAiLabel(facts: GenAiRowFacts | undefined, name: string): string {
  if (facts === undefined) return name;
  const badge = GENAI_KIND_LABELS[facts.kind].badge;
  return facts.model === undefined ? `${badge} · ${name}` : `${badge} ${shortModelName(facts.model)} · ${name}`;
}

/** "6.2k → 264 tokens", or undefined when the span counts none. */
export function tokensText(inputTokens: number | undefined, outputTokens: number | undefined): string | undefined {
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  if (outputTokens === undefined) return `${compactCount(inputTokens!)} tokens in`;
  if (inputTokens === undefined) return `${compactCount(outputTokens)} tokens out`;
  return `${compactCount(inputTokens)} → ${compactCount(outputTokens)} tokens`;
}

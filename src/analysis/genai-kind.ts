// What kind of GenAI step a span is, from its attributes: the one classifier every view uses
// (model-call summary, span detail, row badges). Precedence, first match wins:
//   1. OpenInference's `openinference.span.kind` (a span kind chosen by the instrumentation);
//   2. the OpenTelemetry GenAI `gen_ai.operation.name`;
//   3. the Vercel AI SDK's `ai.operationId` (ai.generateText.doGenerate, ai.toolCall, ...);
//   4. keys that only one kind carries: a tool name (`gen_ai.tool.name`, `ai.toolCall.name`,
//      `tool.name`) makes a tool; a model name or token count makes a model call (an
//      embedding when the model is named by `embedding.model_name`).
import type { Attribute } from '../model/trace.ts';
import { attributeValueText } from './attribute-text.ts';

export type GenAiKind =
  | 'llm'
  | 'embedding'
  | 'retriever'
  | 'reranker'
  | 'tool'
  | 'agent'
  | 'chain'
  | 'guardrail'
  | 'evaluator';

/** Kinds whose span is a call to a model (what the model-call summary counts). */
export function isModelCallKind(kind: GenAiKind | undefined): boolean {
  return kind === 'llm' || kind === 'embedding';
}

const OPENINFERENCE_KINDS: Readonly<Record<string, GenAiKind>> = {
  LLM: 'llm',
  EMBEDDING: 'embedding',
  RETRIEVER: 'retriever',
  RERANKER: 'reranker',
  TOOL: 'tool',
  AGENT: 'agent',
  CHAIN: 'chain',
  GUARDRAIL: 'guardrail',
  EVALUATOR: 'evaluator',
};

const OPERATION_KINDS: Readonly<Record<string, GenAiKind>> = {
  chat: 'llm',
  text_completion: 'llm',
  generate_content: 'llm',
  completion: 'llm',
  embeddings: 'embedding',
  embedding: 'embedding',
  execute_tool: 'tool',
  invoke_agent: 'agent',
  create_agent: 'agent',
  invoke_workflow: 'chain',
  execute_task: 'chain',
  retrieval: 'retriever',
  rerank: 'reranker',
};

/** Vercel AI SDK operation ids: the do* spans are the provider calls; the outer ones orchestrate. */
function vercelKind(operationId: string): GenAiKind | undefined {
  if (operationId === 'ai.toolCall') return 'tool';
  if (/^ai\.embed(Many)?\.doEmbed$/.test(operationId)) return 'embedding';
  if (/^ai\.embed(Many)?$/.test(operationId)) return 'chain';
  if (/\.do(Generate|Stream)$/.test(operationId)) return 'llm';
  if (/^ai\.(generate|stream)(Text|Object)$/.test(operationId)) return 'chain';
  return undefined;
}

export const MODEL_KEYS = [
  'gen_ai.response.model',
  'gen_ai.request.model',
  'llm.model_name',
  'embedding.model_name',
  'ai.response.model',
  'ai.model.id',
];
export const INPUT_TOKEN_KEYS = [
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.prompt_tokens',
  'llm.usage.prompt_tokens',
  'llm.token_count.prompt',
  'ai.usage.inputTokens',
  'ai.usage.promptTokens',
  'ai.usage.tokens',
];
export const OUTPUT_TOKEN_KEYS = [
  'gen_ai.usage.output_tokens',
  'gen_ai.usage.completion_tokens',
  'llm.usage.completion_tokens',
  'llm.token_count.completion',
  'ai.usage.outputTokens',
  'ai.usage.completionTokens',
];
export const TOOL_NAME_KEYS = ['gen_ai.tool.name', 'ai.toolCall.name', 'tool.name'];
const KIND_KEYS = ['openinference.span.kind', 'gen_ai.operation.name', 'ai.operationId'];

/** The keys `classifyGenAi` reads; a reader collects their scalar values first. */
export const CLASSIFIER_KEYS: ReadonlySet<string> = new Set([
  ...KIND_KEYS,
  ...MODEL_KEYS,
  ...INPUT_TOKEN_KEYS,
  ...OUTPUT_TOKEN_KEYS,
  ...TOOL_NAME_KEYS,
]);

/** Scalar attribute values as trimmed text, first occurrence of each wanted key; undefined when none. */
export function scalarValues(
  attributes: readonly Attribute[],
  wanted: ReadonlySet<string>,
): Map<string, string> | undefined {
  let values: Map<string, string> | undefined;
  for (const a of attributes) {
    if (!wanted.has(a.key) || values?.has(a.key)) continue;
    const type = a.value.type;
    if (type === 'array' || type === 'map' || type === 'empty') continue;
    const text = attributeValueText(a.value).trim();
    if (text === '') continue;
    values ??= new Map();
    values.set(a.key, text);
  }
  return values;
}

export function firstText(values: ReadonlyMap<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const text = values.get(key);
    if (text !== undefined) return text;
  }
  return undefined;
}

export function countOf(values: ReadonlyMap<string, string>, keys: readonly string[]): number | undefined {
  const text = firstText(values, keys);
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The kind of GenAI step, from values collected for CLASSIFIER_KEYS; undefined when it is none. */
export function classifyGenAi(values: ReadonlyMap<string, string>): GenAiKind | undefined {
  const declared = values.get('openinference.span.kind')?.toUpperCase();
  // Own keys only: trace data may say "__proto__" or "constructor".
  if (declared !== undefined && Object.hasOwn(OPENINFERENCE_KINDS, declared)) return OPENINFERENCE_KINDS[declared];
  const operation = values.get('gen_ai.operation.name')?.toLowerCase();
  if (operation !== undefined && Object.hasOwn(OPERATION_KINDS, operation)) return OPERATION_KINDS[operation];
  const operationId = values.get('ai.operationId');
  const vercel = operationId === undefined ? undefined : vercelKind(operationId);
  if (vercel !== undefined) return vercel;
  // An operation the conventions name but that is none of the above (a custom step) is not
  // guessed from a model name it may carry; an unknown name ("acompletion") still may be.
  if (declared !== undefined) return undefined;
  if (firstText(values, TOOL_NAME_KEYS) !== undefined) return 'tool';
  const model = firstText(values, MODEL_KEYS);
  if (
    model !== undefined ||
    countOf(values, INPUT_TOKEN_KEYS) !== undefined ||
    countOf(values, OUTPUT_TOKEN_KEYS) !== undefined
  )
    return values.has('embedding.model_name') && !values.has('llm.model_name') ? 'embedding' : 'llm';
  return undefined;
}

/** The kind of one span's GenAI step, or undefined. */
export function genAiKindOf(attributes: readonly Attribute[]): GenAiKind | undefined {
  const values = scalarValues(attributes, CLASSIFIER_KEYS);
  return values === undefined ? undefined : classifyGenAi(values);
}

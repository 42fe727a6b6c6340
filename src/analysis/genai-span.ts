// One span's GenAI step as the views show it: what kind of step, which model, the tokens, the
// cost, the time to first token, the conversation, the tool calls and the retrieved documents.
// Read on demand for one span (the detail pane) or a visible row, never for the whole trace.
//
// Where several attribute families say the same thing on one span, the first that says it wins:
//   kind:      see genai-kind.ts (OpenInference span kind, gen_ai.operation.name, ai.operationId, keys);
//   model:     gen_ai.response.model, gen_ai.request.model, llm.model_name, embedding.model_name,
//              ai.response.model, ai.model.id (the model that answered before the one asked for);
//   messages:  gen_ai.input.messages / gen_ai.output.messages (current OpenTelemetry) and
//              gen_ai.system_instructions, then the same keys on an event, then the older
//              per-message events (gen_ai.user.message, gen_ai.choice...), then the flattened
//              gen_ai.prompt.N.* / gen_ai.completion.N.*, then OpenInference llm.input_messages.N.*,
//              then the AI SDK's ai.prompt.messages / ai.prompt and ai.response.text, then plain
//              gen_ai.prompt / gen_ai.completion (also on gen_ai.content.* events). Families are
//              not merged: they repeat the same conversation;
//   time to first token: a gen_ai.first_token event (the span's own clock), then
//              gen_ai.server.time_to_first_token, gen_ai.latency.time_to_first_token (seconds),
//              ai.response.msToFirstChunk / ai.stream.msToFirstChunk (milliseconds);
//   cost:      llm.cost.total, gen_ai.usage.cost, else llm.cost.prompt + llm.cost.completion.
import type { Attribute, AttributeValue, Span } from '../model/trace.ts';
import { attributeValueText } from './attribute-text.ts';
import {
  CLASSIFIER_KEYS,
  classifyGenAi,
  type GenAiKind,
  INPUT_TOKEN_KEYS,
  MODEL_KEYS,
  OUTPUT_TOKEN_KEYS,
  TOOL_NAME_KEYS,
} from './genai-kind.ts';
import {
  documentsOf,
  type GenAiDocument,
  type GenAiMessage,
  type GenAiToolCall,
  jsonText,
  messageOf,
  messagesOf,
  parseJson,
} from './genai-messages.ts';

export type { GenAiDocument, GenAiMessage, GenAiToolCall } from './genai-messages.ts';
export type { GenAiKind } from './genai-kind.ts';

export interface GenAiTokens {
  readonly input?: number;
  readonly output?: number;
  readonly cached?: number;
  readonly reasoning?: number;
  readonly total?: number;
}

export interface GenAiCost {
  readonly total?: number;
  readonly input?: number;
  readonly output?: number;
}

/** A tool span's own call: what it was asked and what it answered. */
export interface GenAiToolRun {
  readonly id?: string;
  readonly name?: string;
  readonly arguments?: string;
  readonly result?: string;
}

export interface GenAiToolDefinition {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: string;
}

export interface GenAiParameter {
  readonly key: string;
  readonly value: string;
}

export interface GenAiSpan {
  readonly kind: GenAiKind;
  readonly model?: string;
  /** The model asked for, when the one that answered is another. */
  readonly requestedModel?: string;
  readonly provider?: string;
  readonly tokens: GenAiTokens;
  readonly cost?: GenAiCost;
  /** Nanoseconds from the span start to the first token. */
  readonly timeToFirstTokenNs?: number;
  /** How long the request waited in the server's queue (gen_ai.latency.time_in_queue). */
  readonly queueNs?: number;
  readonly finishReasons: readonly string[];
  readonly parameters: readonly GenAiParameter[];
  /** System instructions, then the input turns. */
  readonly input: readonly GenAiMessage[];
  readonly output: readonly GenAiMessage[];
  readonly toolRun?: GenAiToolRun;
  readonly toolDefinitions: readonly GenAiToolDefinition[];
  readonly documents: readonly GenAiDocument[];
  readonly sessionId?: string;
  /** Plain input and output of a step that has no conversation (OpenInference input.value / output.value). */
  readonly inputText?: string;
  readonly outputText?: string;
  /** What could not be read as intended, in plain words (e.g. malformed JSON shown as text). */
  readonly notes: readonly string[];
}

type Values = ReadonlyMap<string, AttributeValue>;

function valuesOf(attributes: readonly Attribute[]): Map<string, AttributeValue> {
  const values = new Map<string, AttributeValue>();
  for (const a of attributes) if (!values.has(a.key)) values.set(a.key, a.value);
  return values;
}

function text(values: Values, key: string): string | undefined {
  const v = values.get(key);
  if (v === undefined || v.type === 'empty') return undefined;
  const t = v.type === 'string' ? v.value : attributeValueText(v);
  return t.trim() === '' ? undefined : t;
}

function firstOf(values: Values, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const t = text(values, key);
    if (t !== undefined) return t.trim();
  }
  return undefined;
}

function numberOf(values: Values, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const t = text(values, key);
    if (t === undefined) continue;
    const n = Number(t);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  return undefined;
}

/** A list attribute as texts: a real array, a JSON array in a string, or Python's "['stop']" repr. */
function listOf(values: Values, key: string): string[] {
  const v = values.get(key);
  if (v === undefined) return [];
  if (v.type === 'array') return v.value.map((item) => attributeValueText(item)).filter((t) => t !== '');
  const t = text(values, key)?.trim();
  if (t === undefined) return [];
  if (t.startsWith('[')) {
    const parsed = parseJson(t.replace(/'/g, '"'));
    if (parsed.ok && Array.isArray(parsed.value)) return parsed.value.map(jsonText).filter((s) => s !== '');
  }
  return [t];
}

/** Attributes `prefix.N.rest` grouped by N (in order), each group keyed by `rest` minus `infix`. */
function indexed(attributes: readonly Attribute[], prefix: string, infix = ''): Map<string, AttributeValue>[] {
  const groups = new Map<number, Map<string, AttributeValue>>();
  for (const a of attributes) {
    if (!a.key.startsWith(prefix)) continue;
    const rest = a.key.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot <= 0) continue;
    const n = Number(rest.slice(0, dot));
    if (!Number.isInteger(n) || n < 0) continue;
    let field = rest.slice(dot + 1);
    if (infix !== '' && field.startsWith(infix)) field = field.slice(infix.length);
    let group = groups.get(n);
    if (group === undefined) groups.set(n, (group = new Map()));
    if (!group.has(field)) group.set(field, a.value);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

/** Tool calls of a flattened message: `tool_calls.M.(tool_call.)(function.)name|arguments|id`. */
function flatToolCalls(group: Values): GenAiToolCall[] {
  const calls = indexed(
    [...group].map(([key, value]) => ({ key, value })),
    'tool_calls.',
    'tool_call.',
  );
  return calls.map((call) => {
    const id = firstOf(call, ['id']);
    return {
      ...(id !== undefined && { id }),
      name: firstOf(call, ['function.name', 'name']) ?? '(unnamed tool)',
      arguments: text(call, 'function.arguments') ?? text(call, 'arguments') ?? '',
    };
  });
}

function flatMessages(groups: readonly Values[], defaultRole: string): GenAiMessage[] {
  return groups.map((group) => {
    const parts = indexed(
      [...group].map(([key, value]) => ({ key, value })),
      'contents.',
      'message_content.',
    );
    const content =
      text(group, 'content') ??
      parts
        .map((p) => text(p, 'text'))
        .filter((t) => t !== undefined)
        .join('\n');
    const toolCallId = firstOf(group, ['tool_call_id']);
    const finishReason = firstOf(group, ['finish_reason']);
    return {
      role: firstOf(group, ['role']) ?? defaultRole,
      content,
      toolCalls: flatToolCalls(group),
      ...(toolCallId !== undefined && { toolCallId }),
      ...(finishReason !== undefined && { finishReason }),
    };
  });
}

interface Reading {
  readonly notes: string[];
}

/** Messages from a JSON attribute; malformed JSON becomes one message of its raw text and a note. */
function jsonMessages(values: Values, key: string, role: string, reading: Reading): GenAiMessage[] | undefined {
  const raw = text(values, key);
  if (raw === undefined) return undefined;
  const parsed = parseJson(raw);
  if (!parsed.ok) {
    reading.notes.push(`${key} is not valid JSON; shown as text.`);
    return [{ role, content: raw, toolCalls: [] }];
  }
  if (typeof parsed.value === 'string') return [{ role, content: parsed.value, toolCalls: [] }];
  const messages = messagesOf(parsed.value, role);
  if (messages === undefined) return [{ role, content: raw, toolCalls: [] }];
  return messages;
}

/** Text that may be JSON messages or plain words (gen_ai.prompt, gen_ai.completion, ai.prompt). */
function looseMessages(raw: string | undefined, role: string): GenAiMessage[] | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const parsed = parseJson(trimmed);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) {
      const wrapper = parsed.value as Record<string, unknown>;
      // The AI SDK's ai.prompt: {system?, prompt?} or {system?, messages}.
      if (!('role' in wrapper) && ('prompt' in wrapper || 'system' in wrapper)) {
        const out: GenAiMessage[] = [];
        if (typeof wrapper.system === 'string') out.push({ role: 'system', content: wrapper.system, toolCalls: [] });
        if (Array.isArray(wrapper.messages)) out.push(...wrapper.messages.map((m) => messageOf(m, role)));
        else if (wrapper.prompt !== undefined) out.push({ role, content: jsonText(wrapper.prompt), toolCalls: [] });
        return out;
      }
    }
    if (parsed.ok) {
      const messages = messagesOf(parsed.value, role);
      if (messages !== undefined) return messages;
    }
  }
  return [{ role, content: raw, toolCalls: [] }];
}

function systemInstructions(values: Values, reading: Reading): GenAiMessage[] {
  const raw = text(values, 'gen_ai.system_instructions');
  if (raw === undefined) return [];
  const parsed = parseJson(raw);
  if (!parsed.ok) {
    if (raw.trim().startsWith('[') || raw.trim().startsWith('{'))
      reading.notes.push('gen_ai.system_instructions is not valid JSON; shown as text.');
    return [{ role: 'system', content: raw, toolCalls: [] }];
  }
  const message = messageOf({ role: 'system', parts: parsed.value }, 'system');
  return [message];
}

const EVENT_ROLES: Readonly<Record<string, string>> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

/** The older conventions: one event per input message and one gen_ai.choice per output. */
function eventMessages(span: Span): { input: GenAiMessage[]; output: GenAiMessage[] } {
  const input: GenAiMessage[] = [];
  const output: GenAiMessage[] = [];
  for (const event of span.events) {
    // Own keys only: an event may be named "__proto__".
    const role = Object.hasOwn(EVENT_ROLES, event.name) ? EVENT_ROLES[event.name] : undefined;
    if (role === undefined && event.name !== 'gen_ai.choice') continue;
    const values = valuesOf(event.attributes);
    if (role !== undefined) {
      const content = text(values, 'content') ?? text(values, 'gen_ai.event.content') ?? '';
      const parsedContent = parseJson(content);
      const fromJson =
        parsedContent.ok && typeof parsedContent.value === 'object' && parsedContent.value !== null
          ? messageOf(parsedContent.value, role)
          : undefined;
      const listed = text(values, 'tool_calls');
      const parsedCalls = listed === undefined ? undefined : parseJson(listed);
      const toolCalls =
        parsedCalls?.ok && Array.isArray(parsedCalls.value)
          ? messageOf({ role, tool_calls: parsedCalls.value }, role).toolCalls
          : (fromJson?.toolCalls ?? []);
      const id = firstOf(values, ['id', 'tool_call_id']);
      input.push({
        role: firstOf(values, ['role']) ?? role,
        content: fromJson?.content ?? content,
        toolCalls,
        ...(role === 'tool' && id !== undefined && { toolCallId: id }),
      });
    } else {
      const raw = text(values, 'message') ?? text(values, 'gen_ai.event.content');
      const parsed = raw === undefined ? undefined : parseJson(raw);
      const base = parsed?.ok ? messageOf(parsed.value, 'assistant') : messageOf({ content: raw ?? '' }, 'assistant');
      const finishReason = firstOf(values, ['finish_reason']) ?? base.finishReason;
      output.push({ ...base, ...(finishReason !== undefined && { finishReason }) });
    }
  }
  return { input, output };
}

function conversation(span: Span, values: Values, reading: Reading): { input: GenAiMessage[]; output: GenAiMessage[] } {
  const system = systemInstructions(values, reading);
  let input = jsonMessages(values, 'gen_ai.input.messages', 'user', reading);
  let output = jsonMessages(values, 'gen_ai.output.messages', 'assistant', reading);
  if (input === undefined && output === undefined) {
    for (const event of span.events) {
      if (!event.attributes.some((a) => a.key === 'gen_ai.input.messages' || a.key === 'gen_ai.output.messages'))
        continue;
      const ev = valuesOf(event.attributes);
      input = jsonMessages(ev, 'gen_ai.input.messages', 'user', reading);
      output = jsonMessages(ev, 'gen_ai.output.messages', 'assistant', reading);
      system.push(...systemInstructions(ev, reading));
      break;
    }
  }
  if (input === undefined && output === undefined) {
    const events = eventMessages(span);
    if (events.input.length > 0 || events.output.length > 0) ({ input, output } = events);
  }
  if (input === undefined && output === undefined) {
    const prompts = indexed(span.attributes, 'gen_ai.prompt.');
    const completions = indexed(span.attributes, 'gen_ai.completion.');
    if (prompts.length > 0 || completions.length > 0) {
      input = flatMessages(prompts, 'user');
      output = flatMessages(completions, 'assistant');
    }
  }
  if (input === undefined && output === undefined) {
    const inMessages = indexed(span.attributes, 'llm.input_messages.', 'message.');
    const outMessages = indexed(span.attributes, 'llm.output_messages.', 'message.');
    if (inMessages.length > 0 || outMessages.length > 0) {
      input = flatMessages(inMessages, 'user');
      output = flatMessages(outMessages, 'assistant');
    }
  }
  if (input === undefined && output === undefined) {
    input =
      jsonMessages(values, 'ai.prompt.messages', 'user', reading) ?? looseMessages(text(values, 'ai.prompt'), 'user');
    const responseText = text(values, 'ai.response.text') ?? text(values, 'ai.response.object');
    const toolCalls = vercelToolCalls(values, reading);
    if (responseText !== undefined || toolCalls.length > 0)
      output = [{ role: 'assistant', content: responseText ?? '', toolCalls }];
  }
  if (input === undefined && output === undefined) {
    let prompt = text(values, 'gen_ai.prompt');
    let completion = text(values, 'gen_ai.completion');
    for (const event of span.events) {
      if (event.name === 'gen_ai.content.prompt') prompt ??= text(valuesOf(event.attributes), 'gen_ai.prompt');
      if (event.name === 'gen_ai.content.completion')
        completion ??= text(valuesOf(event.attributes), 'gen_ai.completion');
    }
    input = looseMessages(prompt, 'user');
    output = looseMessages(completion, 'assistant');
  }
  return { input: [...system, ...(input ?? [])], output: output ?? [] };
}

function vercelToolCalls(values: Values, reading: Reading): GenAiToolCall[] {
  const raw = text(values, 'ai.response.toolCalls');
  if (raw === undefined) return [];
  const parsed = parseJson(raw);
  if (!parsed.ok || !Array.isArray(parsed.value)) {
    reading.notes.push('ai.response.toolCalls is not a JSON list; not shown as calls.');
    return [];
  }
  return [...messageOf({ role: 'assistant', content: parsed.value.map(withToolCallType) }, 'assistant').toolCalls];
}

function withToolCallType(call: unknown): unknown {
  return typeof call === 'object' && call !== null ? { type: 'tool-call', ...call } : call;
}

function documents(span: Span, values: Values, reading: Reading): GenAiDocument[] {
  const flat = indexed(span.attributes, 'retrieval.documents.', 'document.');
  const reranked = flat.length > 0 ? flat : indexed(span.attributes, 'reranker.output_documents.', 'document.');
  let docs: GenAiDocument[] = reranked.map((d) => {
    const id = firstOf(d, ['id']);
    const score = numberOf(d, ['score']);
    const metadata = text(d, 'metadata');
    return {
      ...(id !== undefined && { id }),
      content: text(d, 'content') ?? '',
      ...(score !== undefined && { score }),
      ...(metadata !== undefined && { metadata }),
    };
  });
  if (docs.length === 0) {
    const raw = text(values, 'gen_ai.retrieval.documents');
    if (raw !== undefined) {
      const parsed = parseJson(raw);
      const list = parsed.ok ? documentsOf(parsed.value) : undefined;
      if (list === undefined) reading.notes.push('gen_ai.retrieval.documents is not a JSON list; see the attributes.');
      docs = list ?? [];
    }
  }
  // Ranked by score when every document has one; otherwise in the order the retriever returned.
  if (docs.length > 1 && docs.every((d) => d.score !== undefined))
    docs = [...docs].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  return docs;
}

function toolDefinitions(span: Span, values: Values): GenAiToolDefinition[] {
  const raws: unknown[] = [];
  const otel = text(values, 'gen_ai.tool.definitions');
  if (otel !== undefined) {
    const parsed = parseJson(otel);
    if (parsed.ok && Array.isArray(parsed.value)) raws.push(...parsed.value);
  }
  for (const group of indexed(span.attributes, 'llm.tools.', 'tool.')) {
    const schema = text(group, 'json_schema');
    const parsed = schema === undefined ? undefined : parseJson(schema);
    if (parsed?.ok) raws.push(parsed.value);
  }
  for (const item of listOf(values, 'ai.prompt.tools')) {
    const parsed = parseJson(item);
    if (parsed.ok) raws.push(parsed.value);
  }
  const out: GenAiToolDefinition[] = [];
  for (const raw of raws) {
    if (typeof raw !== 'object' || raw === null) continue;
    const outer = raw as Record<string, unknown>;
    const def = (typeof outer.function === 'object' && outer.function !== null ? outer.function : outer) as Record<
      string,
      unknown
    >;
    if (typeof def.name !== 'string') continue;
    const params = def.parameters ?? def.inputSchema ?? def.input_schema;
    out.push({
      name: def.name,
      ...(typeof def.description === 'string' && { description: def.description }),
      ...(params !== undefined && { parameters: jsonText(params) }),
    });
  }
  return out;
}

function parameters(span: Span, values: Values): GenAiParameter[] {
  const out: GenAiParameter[] = [];
  for (const a of span.attributes) {
    const isRequest = a.key.startsWith('gen_ai.request.') && a.key !== 'gen_ai.request.model';
    if (isRequest || a.key.startsWith('ai.settings.'))
      out.push({
        key: a.key.slice(a.key.indexOf('.', a.key.indexOf('.') + 1) + 1),
        value: attributeValueText(a.value),
      });
  }
  const invocation = text(values, 'llm.invocation_parameters');
  if (invocation !== undefined) {
    const parsed = parseJson(invocation);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value))
      for (const [key, value] of Object.entries(parsed.value)) out.push({ key, value: jsonText(value) });
  }
  return out;
}

const SECOND_NS = 1e9;

function timeToFirstTokenNs(span: Span, values: Values): number | undefined {
  for (const event of span.events)
    if (event.name === 'gen_ai.first_token' || event.name === 'gen_ai.content.first_token') {
      const ns = event.timeNs - span.startNs;
      if (ns >= 0) return ns;
    }
  const seconds = numberOf(values, ['gen_ai.server.time_to_first_token', 'gen_ai.latency.time_to_first_token']);
  if (seconds !== undefined) return seconds * SECOND_NS;
  const ms = numberOf(values, ['ai.response.msToFirstChunk', 'ai.stream.msToFirstChunk']);
  return ms === undefined ? undefined : ms * 1e6;
}

function costOf(values: Values): GenAiCost | undefined {
  const input = numberOf(values, ['llm.cost.prompt', 'gen_ai.usage.input_cost']);
  const output = numberOf(values, ['llm.cost.completion', 'gen_ai.usage.output_cost']);
  const total =
    numberOf(values, ['llm.cost.total', 'gen_ai.usage.cost', 'gen_ai.usage.total_cost']) ??
    (input !== undefined || output !== undefined ? (input ?? 0) + (output ?? 0) : undefined);
  if (total === undefined) return undefined;
  return { total, ...(input !== undefined && { input }), ...(output !== undefined && { output }) };
}

function toolRun(values: Values): GenAiToolRun | undefined {
  const name = firstOf(values, TOOL_NAME_KEYS);
  const id = firstOf(values, ['gen_ai.tool.call.id', 'ai.toolCall.id', 'tool_call.id']);
  const args = firstOf(values, [
    'gen_ai.tool.call.arguments',
    'gen_ai.tool.input',
    'ai.toolCall.args',
    'ai.toolCall.input',
    'input.value',
  ]);
  const result = firstOf(values, [
    'gen_ai.tool.call.result',
    'gen_ai.tool.output',
    'ai.toolCall.result',
    'ai.toolCall.output',
    'output.value',
  ]);
  if (name === undefined && id === undefined && args === undefined && result === undefined) return undefined;
  return {
    ...(id !== undefined && { id }),
    ...(name !== undefined && { name }),
    ...(args !== undefined && { arguments: args }),
    ...(result !== undefined && { result }),
  };
}

const PROVIDER_KEYS = ['gen_ai.provider.name', 'gen_ai.system', 'llm.provider', 'llm.system', 'ai.model.provider'];
export const SESSION_KEYS: readonly string[] = [
  'session.id',
  'gen_ai.conversation.id',
  'ai.telemetry.metadata.sessionId',
];

/** The session (conversation) a span belongs to, from any attribute family. */
export function sessionIdOf(attributes: readonly Attribute[]): string | undefined {
  for (const key of SESSION_KEYS) {
    const a = attributes.find((x) => x.key === key);
    if (a === undefined) continue;
    const t = attributeValueText(a.value).trim();
    if (t !== '') return t;
  }
  return undefined;
}

/** The span's GenAI step, or undefined when it is not one. */
export function readGenAiSpan(span: Span): GenAiSpan | undefined {
  const values = valuesOf(span.attributes);
  const classifierValues = new Map<string, string>();
  for (const key of CLASSIFIER_KEYS) {
    const t = text(values, key)?.trim();
    if (t !== undefined && t !== '' && values.get(key)?.type !== 'array') classifierValues.set(key, t);
  }
  const kind = classifyGenAi(classifierValues);
  if (kind === undefined) return undefined;
  const reading: Reading = { notes: [] };
  const model = firstOf(values, MODEL_KEYS);
  const requested = firstOf(values, ['gen_ai.request.model', 'ai.model.id']);
  const { input, output } = conversation(span, values, reading);
  const finishReasons = [
    ...listOf(values, 'gen_ai.response.finish_reasons'),
    ...listOf(values, 'ai.response.finishReason'),
    ...listOf(values, 'llm.finish_reason'),
  ];
  for (const m of output) if (m.finishReason !== undefined) finishReasons.push(m.finishReason);
  const provider = firstOf(values, PROVIDER_KEYS);
  const cost = costOf(values);
  const ttft = timeToFirstTokenNs(span, values);
  const queueSeconds = numberOf(values, ['gen_ai.latency.time_in_queue']);
  const sessionId = sessionIdOf(span.attributes);
  const tool = kind === 'tool' ? toolRun(values) : undefined;
  const inputText = tool === undefined ? text(values, 'input.value') : undefined;
  const outputText = tool === undefined ? text(values, 'output.value') : undefined;
  const tokens: GenAiTokens = {
    input: numberOf(values, INPUT_TOKEN_KEYS),
    output: numberOf(values, OUTPUT_TOKEN_KEYS),
    cached: numberOf(values, [
      'gen_ai.usage.cache_read.input_tokens',
      'gen_ai.usage.cache_read_input_tokens',
      'llm.token_count.prompt_details.cache_read',
      'ai.usage.cachedInputTokens',
    ]),
    reasoning: numberOf(values, [
      'gen_ai.usage.reasoning.output_tokens',
      'gen_ai.usage.reasoning_tokens',
      'llm.token_count.completion_details.reasoning',
      'ai.usage.reasoningTokens',
    ]),
    total: numberOf(values, [
      'gen_ai.usage.total_tokens',
      'llm.token_count.total',
      'llm.usage.total_tokens',
      'ai.usage.totalTokens',
    ]),
  };
  return {
    kind,
    ...(model !== undefined && { model }),
    ...(requested !== undefined && requested !== model && { requestedModel: requested }),
    ...(provider !== undefined && { provider }),
    tokens: Object.fromEntries(Object.entries(tokens).filter(([, v]) => v !== undefined)),
    ...(cost !== undefined && { cost }),
    ...(ttft !== undefined && { timeToFirstTokenNs: ttft }),
    ...(queueSeconds !== undefined && { queueNs: queueSeconds * SECOND_NS }),
    finishReasons: [...new Set(finishReasons)],
    parameters: parameters(span, values),
    input,
    output,
    ...(tool !== undefined && { toolRun: tool }),
    toolDefinitions: toolDefinitions(span, values),
    documents: documents(span, values, reading),
    ...(sessionId !== undefined && { sessionId }),
    ...(inputText !== undefined && { inputText }),
    ...(outputText !== undefined && { outputText }),
    notes: reading.notes,
  };
}

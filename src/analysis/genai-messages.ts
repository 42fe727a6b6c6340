// Conversation turns, tool calls and documents from the JSON shapes GenAI instrumentations
// write: the OpenTelemetry GenAI parts ({role, parts: [{type: 'text' | 'tool_call' |
// 'tool_call_response', ...}]}), the older OpenAI-like messages ({role, content, tool_calls}),
// and the Vercel AI SDK's ({role, content: [{type: 'text' | 'tool-call' | 'tool-result'}]}).
// Everything is narrowed from unknown: a shape that is not understood becomes text, never an error.

export interface GenAiToolCall {
  readonly id?: string;
  readonly name: string;
  /** As the model wrote them (usually JSON). */
  readonly arguments: string;
}

export interface GenAiMessage {
  /** system, user, assistant, tool, or whatever the producer wrote. */
  readonly role: string;
  readonly content: string;
  readonly toolCalls: readonly GenAiToolCall[];
  /** For a tool result: the call it answers. */
  readonly toolCallId?: string;
  readonly finishReason?: string;
}

export interface GenAiDocument {
  readonly id?: string;
  readonly content: string;
  readonly score?: number;
  readonly metadata?: string;
}

type Json = unknown;

export function parseJson(text: string): { ok: true; value: Json } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as text: strings as they are, anything else as compact JSON. */
export function jsonText(value: Json): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

function optionalText(value: Json): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function toolCallOf(part: Record<string, Json>): GenAiToolCall {
  const fn = isRecord(part.function) ? part.function : undefined;
  const id = optionalText(part.id) ?? optionalText(part.toolCallId) ?? optionalText(part.tool_call_id);
  const name = optionalText(part.name) ?? optionalText(part.toolName) ?? optionalText(fn?.name) ?? '(unnamed tool)';
  const args = part.arguments ?? part.args ?? part.input ?? fn?.arguments;
  return { ...(id !== undefined && { id }), name, arguments: jsonText(args) };
}

/** Message content in any of the known shapes: a string, or a list of parts. */
function contentOf(raw: Json, into: { text: string[]; toolCalls: GenAiToolCall[]; toolCallId?: string }): void {
  if (raw === undefined || raw === null) return;
  if (typeof raw === 'string') {
    into.text.push(raw);
    return;
  }
  if (!Array.isArray(raw)) {
    into.text.push(jsonText(raw));
    return;
  }
  for (const part of raw) {
    if (typeof part === 'string') {
      into.text.push(part);
      continue;
    }
    if (!isRecord(part)) continue;
    const type = typeof part.type === 'string' ? part.type : 'text';
    if (type === 'tool_call' || type === 'tool-call' || type === 'function_call') into.toolCalls.push(toolCallOf(part));
    else if (type === 'tool_call_response' || type === 'tool-result' || type === 'function_call_output') {
      into.toolCallId ??= optionalText(part.id) ?? optionalText(part.toolCallId) ?? optionalText(part.call_id);
      into.text.push(jsonText(part.response ?? part.result ?? part.output));
    } else if (typeof part.content === 'string') into.text.push(part.content);
    else if (typeof part.text === 'string') into.text.push(part.text);
    else into.text.push(jsonText(part));
  }
}

/** One message object in any of the known shapes; `role` is used when it names none. */
export function messageOf(raw: Json, role: string): GenAiMessage {
  if (!isRecord(raw)) return { role, content: jsonText(raw), toolCalls: [] };
  const into: { text: string[]; toolCalls: GenAiToolCall[]; toolCallId?: string } = { text: [], toolCalls: [] };
  contentOf(raw.parts ?? raw.content, into);
  if (Array.isArray(raw.tool_calls))
    for (const call of raw.tool_calls) if (isRecord(call)) into.toolCalls.push(toolCallOf(call));
  const toolCallId = optionalText(raw.tool_call_id) ?? optionalText(raw.toolCallId) ?? into.toolCallId;
  const finishReason = optionalText(raw.finish_reason) ?? optionalText(raw.finishReason);
  return {
    role: optionalText(raw.role) ?? role,
    content: into.text.join('\n'),
    toolCalls: into.toolCalls,
    ...(toolCallId !== undefined && { toolCallId }),
    ...(finishReason !== undefined && { finishReason }),
  };
}

/** A list of messages (or one message, or a {messages} wrapper); undefined when the JSON is none of them. */
export function messagesOf(value: Json, role: string): GenAiMessage[] | undefined {
  if (Array.isArray(value)) return value.map((m) => messageOf(m, role));
  if (isRecord(value)) {
    if (Array.isArray(value.messages)) return value.messages.map((m) => messageOf(m, role));
    if ('role' in value || 'parts' in value || 'content' in value) return [messageOf(value, role)];
  }
  return undefined;
}

/** Parses a documents attribute: a JSON list of {id, content|text|page_content, score, metadata, title}. */
export function documentsOf(value: Json): GenAiDocument[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((raw) => {
    if (!isRecord(raw)) return { content: jsonText(raw) };
    const id = optionalText(raw.id) ?? optionalText(raw.document_id) ?? optionalText(raw.title);
    const content = jsonText(raw.content ?? raw.text ?? raw.page_content ?? raw.snippet ?? '');
    const score = typeof raw.score === 'number' ? raw.score : Number.NaN;
    const metadata = raw.metadata === undefined ? undefined : jsonText(raw.metadata);
    return {
      ...(id !== undefined && { id }),
      content,
      ...(Number.isFinite(score) && { score }),
      ...(metadata !== undefined && { metadata }),
    };
  });
}

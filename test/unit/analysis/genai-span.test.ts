import { describe, expect, it } from 'vitest';
import { readGenAiSpan } from '../../../src/analysis/genai-span.ts';
import type { Span, SpanEvent } from '../../../src/model/trace.ts';
import { type AttrInput, attrValue, makeTrace } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

function spanWith(attrs: Record<string, AttrInput>, events: SpanEvent[] = []): Span {
  const trace = makeTrace([{ id: 's', start: 0, dur: 2_000 * MS, attrs }]);
  return { ...trace.spans[0], events };
}

function event(name: string, timeNs: number, attrs: Record<string, AttrInput> = {}): SpanEvent {
  return { name, timeNs, attributes: Object.entries(attrs).map(([key, value]) => ({ key, value: attrValue(value) })) };
}

const read = (attrs: Record<string, AttrInput>, events: SpanEvent[] = []) => readGenAiSpan(spanWith(attrs, events))!;

describe('readGenAiSpan: kinds', () => {
  it('names the kind from OpenInference, the GenAI operation, the AI SDK operation id, or the keys a span carries', () => {
    expect(read({ 'openinference.span.kind': 'RERANKER' }).kind).toBe('reranker');
    expect(read({ 'openinference.span.kind': 'GUARDRAIL' }).kind).toBe('guardrail');
    expect(read({ 'openinference.span.kind': 'EVALUATOR' }).kind).toBe('evaluator');
    expect(read({ 'gen_ai.operation.name': 'retrieval' }).kind).toBe('retriever');
    expect(read({ 'gen_ai.operation.name': 'invoke_agent' }).kind).toBe('agent');
    expect(read({ 'ai.operationId': 'ai.generateText.doGenerate', 'ai.model.id': 'gpt-4o-mini' }).kind).toBe('llm');
    expect(read({ 'ai.operationId': 'ai.embed.doEmbed', 'ai.model.id': 'text-embedding-3-small' }).kind).toBe(
      'embedding',
    );
    // A tool span named only by its tool: a tool call.
    expect(read({ 'gen_ai.tool.name': 'get_pod_metrics' }).kind).toBe('tool');
    expect(read({ 'embedding.model_name': 'bge-small' })).toMatchObject({ kind: 'embedding', model: 'bge-small' });
    expect(readGenAiSpan(spanWith({ 'http.route': '/x' }))).toBeUndefined();
  });

  it('takes no kind or role from names that are Object properties ("constructor", "__proto__")', () => {
    expect(readGenAiSpan(spanWith({ 'gen_ai.operation.name': 'constructor' }))).toBeUndefined();
    expect(readGenAiSpan(spanWith({ 'openinference.span.kind': '__proto__' }))).toBeUndefined();
    const llm = read({ 'gen_ai.request.model': 'm' }, [event('__proto__', 0), event('constructor', 0)]);
    for (const message of [...llm.input, ...llm.output]) expect(typeof message.role).toBe('string');
  });

  it('lets the OpenInference span kind win over a GenAI operation on the same span', () => {
    expect(read({ 'openinference.span.kind': 'CHAIN', 'gen_ai.operation.name': 'chat' }).kind).toBe('chain');
  });
});

describe('readGenAiSpan: model, provider, tokens, cost, time to first token', () => {
  it('prefers the model that answered, keeps the one asked for, and reads the AI SDK model id', () => {
    const s = read({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.provider.name': 'openai',
      'gen_ai.system': 'older-name',
    });
    expect(s).toMatchObject({ model: 'gpt-4o-2024-08-06', requestedModel: 'gpt-4o', provider: 'openai' });
    expect(read({ 'ai.model.id': 'claude-3-5', 'ai.model.provider': 'anthropic.messages' })).toMatchObject({
      model: 'claude-3-5',
      provider: 'anthropic.messages',
    });
  });

  it('reads tokens in, out, cached, reasoning and total from each family, and the cost of OpenInference', () => {
    expect(
      read({
        'openinference.span.kind': 'LLM',
        'llm.token_count.prompt': 1200,
        'llm.token_count.completion': 80,
        'llm.token_count.prompt_details.cache_read': 1024,
        'llm.token_count.completion_details.reasoning': 40,
        'llm.token_count.total': 1280,
        'llm.cost.prompt': 0.0012,
        'llm.cost.completion': 0.0008,
      }),
    ).toMatchObject({
      tokens: { input: 1200, output: 80, cached: 1024, reasoning: 40, total: 1280 },
      cost: { total: 0.002, input: 0.0012, output: 0.0008 },
    });
    expect(
      read({
        'ai.operationId': 'ai.streamText.doStream',
        'ai.usage.inputTokens': '15',
        'ai.usage.outputTokens': '112',
        'ai.usage.cachedInputTokens': '0',
        'ai.usage.totalTokens': '127',
      }).tokens,
    ).toEqual({ input: 15, output: 112, cached: 0, total: 127 });
    expect(read({ 'gen_ai.operation.name': 'chat', 'gen_ai.usage.prompt_tokens': 9 }).tokens).toEqual({ input: 9 });
  });

  it('takes time to first token from the first-token event before attributes in seconds or milliseconds', () => {
    const first = event('gen_ai.first_token', 0);
    const span = spanWith({ 'gen_ai.operation.name': 'chat', 'gen_ai.server.time_to_first_token': 0.5 });
    const withEvent = readGenAiSpan({ ...span, events: [{ ...first, timeNs: span.startNs + 300 * MS }] })!;
    expect(withEvent.timeToFirstTokenNs).toBe(300 * MS);
    expect(readGenAiSpan(span)!.timeToFirstTokenNs).toBe(500 * MS);
    expect(
      read({ 'gen_ai.operation.name': 'chat', 'gen_ai.latency.time_to_first_token': 0.25 }).timeToFirstTokenNs,
    ).toBe(250 * MS);
    expect(
      read({ 'ai.operationId': 'ai.streamText.doStream', 'ai.response.msToFirstChunk': '426.5' }).timeToFirstTokenNs,
    ).toBe(426.5 * MS);
  });

  it('reads finish reasons from an array, a Python-style list string and the AI SDK, and the request parameters', () => {
    const s = read({
      'gen_ai.operation.name': 'chat',
      'gen_ai.response.finish_reasons': { type: 'array', value: [{ type: 'string', value: 'length' }] },
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 1024,
    });
    expect(s.finishReasons).toEqual(['length']);
    expect(s.parameters).toEqual([
      { key: 'temperature', value: '0.2' },
      { key: 'max_tokens', value: '1024' },
    ]);
    expect(
      read({ 'gen_ai.operation.name': 'chat', 'gen_ai.response.finish_reasons': "['stop']" }).finishReasons,
    ).toEqual(['stop']);
    expect(
      read({ 'ai.operationId': 'ai.generateText.doGenerate', 'ai.response.finishReason': 'content-filter' })
        .finishReasons,
    ).toEqual(['content-filter']);
  });
});

describe('readGenAiSpan: server latencies', () => {
  it('reads the time a request waited in the inference server queue, in seconds', () => {
    expect(read({ 'gen_ai.operation.name': 'chat', 'gen_ai.latency.time_in_queue': 0.03 }).queueNs).toBeCloseTo(
      30 * MS,
    );
  });
});

describe('readGenAiSpan: the conversation', () => {
  it('reads the current OpenTelemetry messages with parts, system instructions and tool calls', () => {
    const s = read({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be terse.' }]),
      'gen_ai.input.messages': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
        },
        { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'rainy, 57°F' }] },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        { role: 'assistant', parts: [{ type: 'text', content: 'Rainy.' }], finish_reason: 'stop' },
      ]),
    });
    expect(s.input.map((m) => [m.role, m.content])).toEqual([
      ['system', 'Be terse.'],
      ['user', 'Weather in Paris?'],
      ['assistant', ''],
      ['tool', 'rainy, 57°F'],
    ]);
    expect(s.input[2].toolCalls).toEqual([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(s.input[3].toolCallId).toBe('call_1');
    expect(s.output).toEqual([{ role: 'assistant', content: 'Rainy.', toolCalls: [], finishReason: 'stop' }]);
    expect(s.finishReasons).toEqual(['stop']);
  });

  it('reads the older per-message events and gen_ai.choice', () => {
    const s = read({ 'gen_ai.operation.name': 'chat' }, [
      event('gen_ai.system.message', 0, { content: 'You are a bot.' }),
      event('gen_ai.user.message', 0, { content: 'Hi' }),
      event('gen_ai.choice', 0, { message: JSON.stringify({ content: 'Hello!' }), finish_reason: 'stop', index: 0 }),
    ]);
    expect(s.input.map((m) => [m.role, m.content])).toEqual([
      ['system', 'You are a bot.'],
      ['user', 'Hi'],
    ]);
    expect(s.output).toMatchObject([{ role: 'assistant', content: 'Hello!', finishReason: 'stop' }]);
  });

  it('reads the flattened gen_ai.prompt.N / gen_ai.completion.N keys with their tool calls', () => {
    const s = read({
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4',
      'gen_ai.prompt.0.role': 'system',
      'gen_ai.prompt.0.content': 'Sys',
      'gen_ai.prompt.1.role': 'user',
      'gen_ai.prompt.1.content': 'Q',
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.finish_reason': 'tool_calls',
      'gen_ai.completion.0.tool_calls.0.id': 'c9',
      'gen_ai.completion.0.tool_calls.0.name': 'lookup',
      'gen_ai.completion.0.tool_calls.0.arguments': '{"q":1}',
    });
    expect(s.input.map((m) => m.content)).toEqual(['Sys', 'Q']);
    expect(s.output[0].toolCalls).toEqual([{ id: 'c9', name: 'lookup', arguments: '{"q":1}' }]);
    expect(s.finishReasons).toEqual(['tool_calls']);
  });

  it("reads OpenInference's llm.input_messages / llm.output_messages, with content parts and tool calls", () => {
    const s = read({
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.contents.0.message_content.text': 'Part one',
      'llm.input_messages.0.message.contents.1.message_content.text': 'part two',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_x',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'search',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"q":"otel"}',
      'llm.tools.0.tool.json_schema': JSON.stringify({
        type: 'function',
        function: { name: 'search', description: 'Web search', parameters: { type: 'object' } },
      }),
    });
    expect(s.input).toEqual([{ role: 'user', content: 'Part one\npart two', toolCalls: [] }]);
    expect(s.output[0].toolCalls).toEqual([{ id: 'call_x', name: 'search', arguments: '{"q":"otel"}' }]);
    expect(s.toolDefinitions).toEqual([{ name: 'search', description: 'Web search', parameters: '{"type":"object"}' }]);
  });

  it("reads the AI SDK's ai.prompt.messages, ai.prompt, ai.response.text and ai.response.toolCalls", () => {
    const s = read({
      'ai.operationId': 'ai.generateText.doGenerate',
      'ai.prompt.messages': JSON.stringify([
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: [{ type: 'text', text: 'What is 3+3?' }] },
      ]),
      'ai.response.text': '6',
      'ai.response.toolCalls': JSON.stringify([{ toolCallId: 't1', toolName: 'calc', input: { a: 3 } }]),
    });
    expect(s.input.map((m) => [m.role, m.content])).toEqual([
      ['system', 'You are helpful.'],
      ['user', 'What is 3+3?'],
    ]);
    expect(s.output).toEqual([
      { role: 'assistant', content: '6', toolCalls: [{ id: 't1', name: 'calc', arguments: '{"a":3}' }] },
    ]);
    const outer = read({
      'ai.operationId': 'ai.generateText',
      'ai.prompt': '{"system":"S","prompt":"Write a haiku."}',
    });
    expect(outer.input.map((m) => [m.role, m.content])).toEqual([
      ['system', 'S'],
      ['user', 'Write a haiku.'],
    ]);
  });

  it('reads plain gen_ai.prompt / gen_ai.completion text, also from gen_ai.content.* events', () => {
    expect(
      read({ 'gen_ai.operation.name': 'chat', 'gen_ai.prompt': 'Summarise.', 'gen_ai.completion': '• done' }),
    ).toMatchObject({
      input: [{ role: 'user', content: 'Summarise.' }],
      output: [{ role: 'assistant', content: '• done' }],
    });
    const fromEvents = read({ 'gen_ai.operation.name': 'chat' }, [
      event('gen_ai.content.prompt', 0, { 'gen_ai.prompt': 'Q?' }),
      event('gen_ai.content.completion', 0, { 'gen_ai.completion': 'A.' }),
    ]);
    expect(fromEvents.input[0].content).toBe('Q?');
    expect(fromEvents.output[0].content).toBe('A.');
  });

  it('takes the current OpenTelemetry messages over the flattened keys and OpenInference on the same span', () => {
    const s = read({
      'gen_ai.operation.name': 'chat',
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', content: 'from otel' }]),
      'gen_ai.prompt.0.content': 'from flattened',
      'llm.input_messages.0.message.content': 'from openinference',
    });
    expect(s.input.map((m) => m.content)).toEqual(['from otel']);
  });

  it('shows malformed message JSON as text with a note, never an error', () => {
    const broken = '[{"role":"user","content":"unterminated';
    const s = read({ 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': broken });
    expect(s.input).toEqual([{ role: 'user', content: broken, toolCalls: [] }]);
    expect(s.notes).toEqual(['gen_ai.input.messages is not valid JSON; shown as text.']);
  });

  it('reads a 5 MB prompt whole, for the view to fold', () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const s = read({
      'gen_ai.operation.name': 'chat',
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', content: huge }]),
    });
    expect(s.input[0].content.length).toBe(huge.length);
  });
});

describe('readGenAiSpan: tools, documents, session', () => {
  it("reads a tool span's call id, arguments and result from each family", () => {
    expect(
      read({
        'gen_ai.tool.name': 'scale_deployment',
        'gen_ai.tool.call.id': 'call-a1b2c3',
        'gen_ai.tool.input': '{"replicas": 6}',
        'gen_ai.tool.output': '{"status": "scaled"}',
      }).toolRun,
    ).toEqual({
      id: 'call-a1b2c3',
      name: 'scale_deployment',
      arguments: '{"replicas": 6}',
      result: '{"status": "scaled"}',
    });
    expect(
      read({
        'ai.operationId': 'ai.toolCall',
        'ai.toolCall.name': 'calc',
        'ai.toolCall.id': 't1',
        'ai.toolCall.args': '{}',
      }).toolRun,
    ).toEqual({ id: 't1', name: 'calc', arguments: '{}' });
    expect(
      read({ 'openinference.span.kind': 'TOOL', 'tool.name': 'search', 'input.value': 'q', 'output.value': 'r' })
        .toolRun,
    ).toEqual({ name: 'search', arguments: 'q', result: 'r' });
  });

  it('ranks OpenInference documents by score, and reads gen_ai.retrieval.documents', () => {
    const s = read({
      'openinference.span.kind': 'RETRIEVER',
      'retrieval.documents.0.document.id': 'a',
      'retrieval.documents.0.document.content': 'low',
      'retrieval.documents.0.document.score': 0.2,
      'retrieval.documents.1.document.id': 'b',
      'retrieval.documents.1.document.content': 'high',
      'retrieval.documents.1.document.score': 0.9,
      'retrieval.documents.1.document.metadata': '{"source":"kb"}',
    });
    expect(s.documents).toEqual([
      { id: 'b', content: 'high', score: 0.9, metadata: '{"source":"kb"}' },
      { id: 'a', content: 'low', score: 0.2 },
    ]);
    const otel = read({
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.retrieval.documents': JSON.stringify([{ title: 'Jaeger Docs', content: 'Jaeger v2…', score: 0.8 }]),
    });
    expect(otel.documents).toEqual([{ id: 'Jaeger Docs', content: 'Jaeger v2…', score: 0.8 }]);
  });

  it('reads the session from session.id, gen_ai.conversation.id or the AI SDK metadata', () => {
    expect(read({ 'gen_ai.operation.name': 'chat', 'gen_ai.conversation.id': 'conv-1' }).sessionId).toBe('conv-1');
    expect(read({ 'ai.operationId': 'ai.generateText', 'ai.telemetry.metadata.sessionId': 's-9' }).sessionId).toBe(
      's-9',
    );
    expect(read({ 'openinference.span.kind': 'CHAIN', 'session.id': 'abc' }).sessionId).toBe('abc');
  });
});

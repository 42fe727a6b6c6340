import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../../src/analysis/critical-path.ts';
import { genAiSummary, mayHaveGenAi, provideTraceWords } from '../../../src/analysis/genai.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

function summaryOf(trace: Trace) {
  return genAiSummary(trace, criticalPath(trace, trace.tree.roots[0]));
}

/**
 * A RAG request: the orchestrator embeds the query, then asks the LLM gateway, which calls the
 * inference server; all three LLM spans describe the same call, and only the server counts tokens.
 */
function ragTrace(): Trace {
  return makeTrace([
    { id: 'root', start: 0, dur: 1_000 * MS, service: 'api', name: 'POST /answer' },
    {
      id: 'embed',
      parent: 'root',
      start: 10 * MS,
      dur: 40 * MS,
      service: 'orchestrator',
      attrs: {
        'gen_ai.operation.name': 'embeddings',
        'gen_ai.request.model': 'embed-small',
        'gen_ai.usage.input_tokens': 12,
      },
    },
    {
      id: 'tool',
      parent: 'root',
      start: 60 * MS,
      dur: 30 * MS,
      service: 'orchestrator',
      attrs: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search' },
    },
    {
      id: 'chat',
      parent: 'root',
      start: 100 * MS,
      dur: 880 * MS,
      service: 'orchestrator',
      kind: 'client',
      attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'llama' },
    },
    {
      id: 'gateway',
      parent: 'chat',
      start: 110 * MS,
      dur: 860 * MS,
      service: 'gateway',
      attrs: { 'gen_ai.request.model': 'llama' },
    },
    {
      id: 'server',
      parent: 'gateway',
      start: 120 * MS,
      dur: 840 * MS,
      service: 'inference',
      attrs: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.response.model': 'llama-3.1',
        'gen_ai.usage.input_tokens': 6000,
        'gen_ai.usage.output_tokens': '250',
      },
    },
  ]);
}

describe('genAiSummary', () => {
  it('counts a call reported by client, gateway and server spans once, with the tokens the inner span reports', () => {
    const trace = ragTrace();
    const summary = summaryOf(trace)!;
    expect(summary.calls).toBe(2);
    expect(summary.toolCalls).toBe(1);
    expect(summary.agentRuns).toBe(0);
    const [llm, embed] = summary.models;
    // The outer span names the model as requested, so its calls are filed under that name.
    expect(llm).toMatchObject({
      model: 'llama',
      calls: 1,
      durationNs: 880 * MS,
      inputTokens: 6000,
      outputTokens: 250,
      callsWithOutputTokens: 1,
    });
    expect(llm.longestSpan).toBe(indexOf(trace, 'chat'));
    expect(embed).toMatchObject({
      model: 'embed-small',
      calls: 1,
      inputTokens: 12,
      callsWithInputTokens: 1,
      callsWithOutputTokens: 0,
    });
  });

  it('says how much of the critical path and of the trace the model calls take', () => {
    const summary = summaryOf(ragTrace())!;
    // The path runs through the chat call from 100 ms to 980 ms, and through the embedding call.
    expect(summary.criticalNs).toBe(880 * MS + 40 * MS);
    expect(summary.busyNs).toBe(880 * MS + 40 * MS);
  });

  it('counts parallel calls once in the time they keep the trace busy', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 100 * MS },
      {
        id: 'a',
        parent: 'root',
        start: 0,
        dur: 50 * MS,
        attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm' },
      },
      {
        id: 'b',
        parent: 'root',
        start: 20 * MS,
        dur: 50 * MS,
        attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm' },
      },
      {
        id: 'c',
        parent: 'root',
        start: 80 * MS,
        dur: 10 * MS,
        attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm' },
      },
    ]);
    const summary = summaryOf(trace)!;
    expect(summary.calls).toBe(3);
    expect(summary.models).toEqual([
      expect.objectContaining({ model: 'm', calls: 3, durationNs: 110 * MS, callsWithInputTokens: 0 }),
    ]);
    expect(summary.busyNs).toBe(70 * MS + 10 * MS);
  });

  it('reads the older gen_ai names and OpenInference, and agents and tools', () => {
    const trace = makeTrace([
      {
        id: 'agent',
        start: 0,
        dur: 100 * MS,
        attrs: { 'openinference.span.kind': 'AGENT', 'gen_ai.request.model': 'gpt' },
      },
      {
        id: 'old',
        parent: 'agent',
        start: 0,
        dur: 10 * MS,
        attrs: {
          'gen_ai.request.model': 'gpt-4',
          'gen_ai.usage.prompt_tokens': 100,
          'gen_ai.usage.completion_tokens': 20,
        },
      },
      {
        id: 'oi',
        parent: 'agent',
        start: 20 * MS,
        dur: 30 * MS,
        attrs: {
          'openinference.span.kind': 'LLM',
          'llm.model_name': 'claude',
          'llm.token_count.prompt': 7,
          'llm.token_count.completion': 3,
        },
      },
      { id: 'tool', parent: 'agent', start: 60 * MS, dur: 5 * MS, attrs: { 'openinference.span.kind': 'TOOL' } },
    ]);
    const summary = summaryOf(trace)!;
    expect(summary.agentRuns).toBe(1);
    expect(summary.toolCalls).toBe(1);
    expect(summary.models.map((m) => [m.model, m.calls, m.inputTokens, m.outputTokens])).toEqual([
      ['claude', 1, 7, 3],
      ['gpt-4', 1, 100, 20],
    ]);
  });

  it("counts a span that names a model or counts tokens under an operation of its own (LiteLLM's acompletion), but not workflows and tasks", () => {
    const trace = makeTrace([
      {
        id: 'workflow',
        start: 0,
        dur: 100 * MS,
        attrs: { 'gen_ai.operation.name': 'invoke_workflow', 'gen_ai.request.model': 'gpt' },
      },
      {
        id: 'task',
        parent: 'workflow',
        start: 0,
        dur: 90 * MS,
        attrs: { 'gen_ai.operation.name': 'execute_task', 'gen_ai.usage.input_tokens': 5 },
      },
      {
        id: 'litellm',
        parent: 'task',
        start: 10 * MS,
        dur: 50 * MS,
        attrs: {
          'gen_ai.operation.name': 'acompletion',
          'gen_ai.request.model': 'claude',
          'gen_ai.usage.input_tokens': 1204,
          'gen_ai.usage.output_tokens': 88,
        },
      },
      { id: 'tokens-only', parent: 'task', start: 70 * MS, dur: 10 * MS, attrs: { 'gen_ai.usage.input_tokens': 3 } },
    ]);
    const summary = summaryOf(trace)!;
    expect(summary.models.map((m) => [m.model, m.calls, m.inputTokens, m.outputTokens])).toEqual([
      ['claude', 1, 1204, 88],
      ['model not named', 1, 3, 0],
    ]);
  });

  it("reads the Vercel AI SDK's ai.* attributes: the model, its tokens and tool calls", () => {
    const trace = makeTrace([
      {
        id: 'generate',
        start: 0,
        dur: 100 * MS,
        name: 'ai.generateText',
        attrs: { 'ai.model.id': 'gpt-4o-mini', 'ai.usage.promptTokens': 412, 'ai.usage.completionTokens': 27 },
      },
      {
        id: 'do',
        parent: 'generate',
        start: 0,
        dur: 40 * MS,
        name: 'ai.generateText.doGenerate',
        attrs: { 'ai.model.id': 'gpt-4o-mini' },
      },
      {
        id: 'tool',
        parent: 'generate',
        start: 50 * MS,
        dur: 10 * MS,
        name: 'ai.toolCall',
        attrs: { 'ai.toolCall.name': 'lookup_order' },
      },
    ]);
    const summary = summaryOf(trace)!;
    expect(summary.toolCalls).toBe(1);
    expect(summary.models.map((m) => [m.model, m.calls, m.inputTokens, m.outputTokens])).toEqual([
      ['gpt-4o-mini', 1, 412, 27],
    ]);
  });

  it('finds nothing in a trace without GenAI spans, and ignores token counts that are not numbers', () => {
    expect(summaryOf(makeTrace([{ id: 'a', start: 0, dur: MS, attrs: { 'http.route': '/x' } }]))).toBeUndefined();
    const odd = summaryOf(
      makeTrace([
        { id: 'a', start: 0, dur: MS, attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 'many' } },
      ]),
    )!;
    expect(odd.models).toEqual([
      expect.objectContaining({ model: 'model not named', calls: 1, callsWithInputTokens: 0 }),
    ]);
  });
});

describe('genAiSummary: totals, cost and failure signals', () => {
  it('totals tokens and cost once per call, and the critical-path time spent waiting for the first token', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 1_000 * MS, name: 'POST /answer' },
      {
        id: 'chat',
        parent: 'root',
        start: 100 * MS,
        dur: 880 * MS,
        attrs: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'llama',
          'gen_ai.server.time_to_first_token': 0.2,
          'llm.cost.total': 0.03,
        },
      },
      {
        id: 'server',
        parent: 'chat',
        start: 120 * MS,
        dur: 840 * MS,
        attrs: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.usage.input_tokens': 6000,
          'gen_ai.usage.output_tokens': 250,
          'llm.cost.total': 0.03,
        },
      },
      {
        id: 'embed',
        parent: 'root',
        start: 10 * MS,
        dur: 40 * MS,
        attrs: { 'openinference.span.kind': 'EMBEDDING', 'embedding.model_name': 'bge', 'llm.token_count.prompt': 12 },
      },
    ]);
    const summary = summaryOf(trace)!;
    expect(summary).toMatchObject({ calls: 2, inputTokens: 6012, outputTokens: 250, cost: 0.03 });
    // The first token arrives 200 ms into the call, all of it on the critical path.
    expect(summary.firstTokenCriticalNs).toBe(200 * MS);
    expect(summary.models.map((m) => m.model)).toEqual(['llama', 'bge']);
    expect(summaryOf(ragTrace())!.cost).toBeUndefined();
  });

  it('counts execute_tool spans named only by gen_ai.tool.name as tool calls', () => {
    const trace = makeTrace([
      { id: 'agent', start: 0, dur: 10 * MS, attrs: { 'gen_ai.operation.name': 'invoke_agent' } },
      {
        id: 't',
        parent: 'agent',
        start: MS,
        dur: MS,
        name: 'execute_tool get_pod_metrics',
        attrs: { 'gen_ai.tool.name': 'get_pod_metrics' },
      },
    ]);
    expect(summaryOf(trace)).toMatchObject({ toolCalls: 1, agentRuns: 1, calls: 0 });
  });

  it('calls out answers cut off by the token limit or a content filter, HTTP 429 and retries, in plain words', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 100 * MS, attrs: { 'ai.settings.maxRetries': 2 } },
      {
        id: 'a',
        parent: 'root',
        start: 0,
        dur: 10 * MS,
        attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.response.finish_reasons': "['length']" },
      },
      // The same call seen by the server: still one answer cut off.
      { id: 'a2', parent: 'a', start: MS, dur: 8 * MS, attrs: { 'gen_ai.response.finish_reasons': 'length' } },
      {
        id: 'b',
        parent: 'root',
        start: 20 * MS,
        dur: 10 * MS,
        attrs: { 'ai.operationId': 'ai.generateText.doGenerate', 'ai.response.finishReason': 'content-filter' },
      },
      { id: 'c', parent: 'root', start: 40 * MS, dur: 10 * MS, attrs: { 'http.response.status_code': 429 } },
      { id: 'd', parent: 'root', start: 60 * MS, dur: 10 * MS, attrs: { 'http.request.resend_count': 1 } },
    ]);
    const failures = summaryOf(trace)!.failures;
    expect(failures.map((f) => [f.kind, f.count, f.firstSpan, f.text])).toEqual([
      ['length', 1, indexOf(trace, 'a'), 'an answer was cut off at the token limit (finish reason "length")'],
      [
        'content_filter',
        1,
        indexOf(trace, 'b'),
        'an answer was stopped by a content filter (finish reason "content_filter")',
      ],
      ['rate-limited', 1, indexOf(trace, 'c'), 'rate limited: HTTP 429 on a span'],
      ['retried', 1, indexOf(trace, 'd'), 'a request was retried'],
    ]);
    expect(summaryOf(ragTrace())!.failures).toEqual([]);
  });

  it('counts a retry once when both the step that retried and the request it resent say so', () => {
    const trace = makeTrace([
      { id: 'step', start: 0, dur: 100 * MS, attrs: { 'rag.retry.attempts': 2 } },
      { id: 'first', parent: 'step', start: 0, dur: 10 * MS, attrs: { 'gen_ai.operation.name': 'embeddings' } },
      {
        id: 'resent',
        parent: 'step',
        start: 50 * MS,
        dur: 10 * MS,
        attrs: { 'gen_ai.operation.name': 'embeddings', 'http.request.resend_count': 1 },
      },
    ]);
    expect(summaryOf(trace)!.failures).toEqual([
      { kind: 'retried', count: 1, firstSpan: indexOf(trace, 'step'), text: 'a request was retried' },
    ]);
  });
});

describe('mayHaveGenAi', () => {
  it('rules a trace out only when its words are known and none is a GenAI key', () => {
    const trace = makeTrace([{ id: 'a', start: 0, dur: MS }]);
    expect(mayHaveGenAi(trace)).toBe(true);
    provideTraceWords(trace, ['a', 'svc', 'http.route']);
    expect(mayHaveGenAi(trace)).toBe(false);
    provideTraceWords(trace, ['a', 'svc', 'gen_ai.request.model']);
    expect(mayHaveGenAi(trace)).toBe(true);
  });
});

// One RAG trace written as OTLP, Jaeger and Zipkin (whose tags are all strings) gives the same
// model calls and token totals: the GenAI reading does not depend on how values were typed.
import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../../src/analysis/critical-path.ts';
import { genAiSummary } from '../../../src/analysis/genai.ts';
import { loadTraceText } from '../../../src/formats/load.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const START_US = 1_700_000_000_000_000;

interface RagSpan {
  id: string;
  parent?: string;
  name: string;
  service: string;
  startUs: number;
  durUs: number;
  attrs: Record<string, string | number>;
}

const SPANS: RagSpan[] = [
  { id: '00000000000000a1', name: 'POST /answer', service: 'api', startUs: 0, durUs: 1_000_000, attrs: {} },
  {
    id: '00000000000000a2',
    parent: '00000000000000a1',
    name: 'embeddings text-embedding-3-small',
    service: 'orchestrator',
    startUs: 10_000,
    durUs: 40_000,
    attrs: {
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.request.model': 'text-embedding-3-small',
      'gen_ai.usage.input_tokens': 17,
    },
  },
  {
    id: '00000000000000a3',
    parent: '00000000000000a1',
    name: 'chat llama',
    service: 'orchestrator',
    startUs: 100_000,
    durUs: 880_000,
    attrs: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'llama',
      'gen_ai.usage.input_tokens': 6187,
      'gen_ai.usage.output_tokens': 264,
    },
  },
  {
    id: '00000000000000a4',
    parent: '00000000000000a3',
    name: 'POST /v1/chat/completions',
    service: 'inference',
    startUs: 120_000,
    durUs: 840_000,
    attrs: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.response.model': 'llama-3.1',
      'gen_ai.usage.input_tokens': 6187,
      'gen_ai.usage.output_tokens': 264,
    },
  },
];

function otlp(): string {
  const value = (v: string | number) => (typeof v === 'number' ? { intValue: String(v) } : { stringValue: v });
  return JSON.stringify({
    resourceSpans: [...new Set(SPANS.map((s) => s.service))].map((service) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [
        {
          spans: SPANS.filter((s) => s.service === service).map((s) => ({
            traceId: TRACE,
            spanId: s.id,
            ...(s.parent && { parentSpanId: s.parent }),
            name: s.name,
            kind: 1,
            startTimeUnixNano: String((START_US + s.startUs) * 1000),
            endTimeUnixNano: String((START_US + s.startUs + s.durUs) * 1000),
            attributes: Object.entries(s.attrs).map(([key, v]) => ({ key, value: value(v) })),
          })),
        },
      ],
    })),
  });
}

function jaeger(): string {
  const services = [...new Set(SPANS.map((s) => s.service))];
  return JSON.stringify({
    data: [
      {
        traceID: TRACE,
        processes: Object.fromEntries(services.map((service, i) => [`p${i}`, { serviceName: service, tags: [] }])),
        spans: SPANS.map((s) => ({
          traceID: TRACE,
          spanID: s.id,
          operationName: s.name,
          references: s.parent ? [{ refType: 'CHILD_OF', traceID: TRACE, spanID: s.parent }] : [],
          startTime: START_US + s.startUs,
          duration: s.durUs,
          processID: `p${services.indexOf(s.service)}`,
          tags: Object.entries(s.attrs).map(([key, v]) =>
            typeof v === 'number' ? { key, type: 'int64', value: v } : { key, type: 'string', value: v },
          ),
          logs: [],
        })),
      },
    ],
  });
}

function zipkin(): string {
  return JSON.stringify(
    SPANS.map((s) => ({
      traceId: TRACE,
      id: s.id,
      ...(s.parent && { parentId: s.parent }),
      name: s.name,
      timestamp: START_US + s.startUs,
      duration: s.durUs,
      localEndpoint: { serviceName: s.service },
      tags: Object.fromEntries(Object.entries(s.attrs).map(([k, v]) => [k, String(v)])),
    })),
  );
}

function totals(name: string, text: string) {
  const outcome = loadTraceText(name, text);
  if (!outcome.ok) throw new Error(`${name} did not load`);
  const trace = outcome.file.traces[0];
  const summary = genAiSummary(trace, criticalPath(trace, trace.tree.roots[0]))!;
  return {
    format: outcome.file.format,
    calls: summary.calls,
    input: summary.inputTokens,
    output: summary.outputTokens,
  };
}

describe('one RAG trace in three formats', () => {
  it('gives the same model calls and token totals from OTLP, Jaeger and Zipkin', () => {
    const results = [
      totals('rag.otlp.json', otlp()),
      totals('rag.jaeger.json', jaeger()),
      totals('rag.zipkin.json', zipkin()),
    ];
    expect(results.map((r) => r.format)).toEqual(['otlp', 'jaeger', 'zipkin-v2']);
    for (const r of results)
      expect({ calls: r.calls, input: r.input, output: r.output }).toEqual({ calls: 2, input: 6204, output: 264 });
  });
});

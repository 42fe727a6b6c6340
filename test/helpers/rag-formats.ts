// One RAG trace (an embedding call, and a chat call reported by the client and the inference
// server) written as OTLP, Jaeger and Zipkin v2, whose tags are all strings.
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

export function ragOtlp(): string {
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

export function ragJaeger(): string {
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

export function ragZipkin(): string {
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

/** What the model-call summary should total for it: each call once. */
export const RAG_TOKENS = { calls: 2, input: 6204, output: 264 } as const;

// Shapes real tools write around or instead of traces: search answers around Jaeger span
// documents, JSON Lines with lines of other shapes, and files that are not traces at all.
import { describe, expect, it } from 'vitest';
import { loadTraceText, type LoadOutcome } from '../../../src/formats/load.ts';
import type { LoadedFile } from '../../../src/model/trace.ts';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

function loaded(outcome: LoadOutcome): LoadedFile {
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.file;
}

function errorOf(name: string, doc: unknown): string {
  const outcome = loadTraceText(name, typeof doc === 'string' ? doc : JSON.stringify(doc));
  if (outcome.ok) throw new Error('expected an error');
  return outcome.error.message;
}

/** A span document as Jaeger's Elasticsearch storage writes it. */
function esSpan(spanID: string, parent: string | undefined, startTime: number): Record<string, unknown> {
  return {
    traceID: TRACE,
    spanID,
    operationName: `op-${spanID}`,
    references: parent ? [{ refType: 'CHILD_OF', traceID: TRACE, spanID: parent }] : [],
    flags: 1,
    startTime,
    startTimeMillis: Math.floor(startTime / 1000),
    duration: 1500,
    tags: [],
    tag: { 'http.method': 'GET' },
    logs: [],
    process: { serviceName: 'frontend', tags: [], tag: { hostname: 'h1' } },
  };
}

function searchAnswer(sources: unknown[], total = sources.length): Record<string, unknown> {
  return {
    took: 3,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: {
      total: { value: total, relation: 'eq' },
      max_score: 1,
      hits: sources.map((s, i) => ({ _index: 'jaeger-span-2025-01-15', _id: `id${i}`, _score: 1, _source: s })),
    },
  };
}

const otlpLine = (spanId: string) =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: TRACE,
                spanId,
                name: 'op',
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000000001000',
              },
            ],
          },
        ],
      },
    ],
  });

describe('Elasticsearch / OpenSearch search answers', () => {
  it('unwraps hits.hits[]._source and reads the Jaeger span documents inside', () => {
    const doc = searchAnswer([
      esSpan('a1', undefined, 1_736_935_200_000_000),
      esSpan('b2', 'a1', 1_736_935_200_000_500),
    ]);
    const file = loaded(loadTraceText('search.json', JSON.stringify(doc)));
    expect(file.format).toBe('jaeger');
    expect(file.traces).toHaveLength(1);
    const [trace] = file.traces;
    expect(trace.spans).toHaveLength(2);
    expect(trace.spans[1].parentSpanId).toBe('a1');
    expect(trace.spans[0].serviceName).toBe('frontend');
    expect(trace.spans[0].attributes.find((a) => a.key === 'http.method')?.value).toEqual({
      type: 'string',
      value: 'GET',
    });
    expect(file.notes).toEqual([]);
  });

  it('says when the answer holds only some of the hits', () => {
    const doc = searchAnswer([esSpan('a1', undefined, 1_736_935_200_000_000)], 40);
    const file = loaded(loadTraceText('page.json', JSON.stringify(doc)));
    expect(file.notes.join(' ')).toMatch(/holds 1 of 40 hits/);
  });

  it('points warnings back at the hit they concern', () => {
    const bad = { ...esSpan('b2', 'a1', 1_736_935_200_000_500), duration: 'long' };
    const doc = searchAnswer([esSpan('a1', undefined, 1_736_935_200_000_000), bad]);
    const file = loaded(loadTraceText('search.json', JSON.stringify(doc)));
    const paths = [...file.warnings, ...file.traces[0].warnings].map((w) => w.path);
    expect(paths.some((p) => p?.startsWith('$.hits.hits[1]._source'))).toBe(true);
  });

  it('names the shape when the documents inside are not spans', () => {
    const message = errorOf(
      'logs.json',
      searchAnswer([{ '@timestamp': '2025-01-15', message: 'hello', level: 'info' }]),
    );
    expect(message).toMatch(
      /Elasticsearch\/OpenSearch search answer whose documents \(hits\.hits\[\]\._source\) are not spans/,
    );
    expect(message).toMatch(/@timestamp, message, level/);
    expect(errorOf('empty.json', searchAnswer([]))).toMatch(/search answer with no hits: it holds no spans/);
  });
});

describe('JSON Lines with lines of another shape', () => {
  it('skips a valid JSON line of no trace shape, counts it and says which line and why', () => {
    const text = [
      otlpLine('b7ad6b7169203331'),
      '{"level":"info","msg":"exporter started"}',
      otlpLine('b7ad6b7169203332'),
      'oops {',
    ].join('\n');
    const file = loaded(loadTraceText('collector.jsonl', text));
    expect(file.format).toBe('otlp-jsonl');
    expect(file.traces[0].spans).toHaveLength(2);
    const line2 = file.warnings.find((w) => w.path === 'line 2');
    expect(line2?.message).toMatch(
      /Line 2 skipped: it is an object with keys level, msg, not a trace of a known format/,
    );
    expect(file.warnings.some((w) => w.path === 'line 4' && /not valid JSON/.test(w.message))).toBe(true);
    expect(file.notes).toContain(
      'Skipped 2 of 4 lines (line 4 not valid JSON; line 2 not a trace of a known format); see the warnings for why',
    );
  });

  it('skips such lines among lines of Jaeger or Zipkin too', () => {
    const zipkin = (id: string) =>
      JSON.stringify([{ traceId: 'a1b2c3d4e5f60718', id, name: 'op', timestamp: 1_700_000_000_000_000, duration: 10 }]);
    const text = [zipkin('0000000000000001'), '[1, 2, 3]', zipkin('0000000000000002')].join('\n');
    const file = loaded(loadTraceText('zipkin.jsonl', text));
    expect(file.traces[0].spans).toHaveLength(2);
    expect(file.warnings.find((w) => w.path === 'line 2')?.message).toMatch(/an array of 3 number values/);
  });

  it('still fails when no line is a trace, naming the first line', () => {
    expect(errorOf('log.jsonl', '{"level":"info"}\n{"level":"warn"}\n')).toMatch(
      /log\.jsonl: line 1: Not a known trace format/,
    );
  });
});

describe('files that are not traces say what they appear to be', () => {
  it.each<[string, unknown, RegExp]>([
    ['OTLP logs', { resourceLogs: [{ scopeLogs: [] }] }, /appears to be an OTLP logs export: it holds no spans/],
    ['OTLP metrics (proto names)', { resource_metrics: [] }, /appears to be an OTLP metrics export: it holds no spans/],
    [
      'a Langfuse trace',
      {
        id: 't1',
        projectId: 'p',
        timestamp: '2025-01-15T00:00:00Z',
        htmlPath: '/project/p/traces/t1',
        observations: [],
      },
      /appears to be a Langfuse export/,
    ],
    [
      'a Langfuse API page',
      { data: [{ id: 'o1', traceId: 't1', type: 'GENERATION', parentObservationId: null }], meta: { page: 1 } },
      /appears to be a Langfuse export/,
    ],
    [
      'a SigNoz v1 answer',
      [{ columns: ['__time', 'SpanId', 'TraceId'], events: [[1, 'a', 'b']] }],
      /appears to be a SigNoz trace answer/,
    ],
    [
      'a SigNoz waterfall',
      { spans: [], hasMissingSpans: false, serviceNameToTotalDurationMap: {}, spanIdToSpanNodeMap: {} },
      /appears to be a SigNoz trace answer/,
    ],
    [
      'a SkyWalking segment',
      { traceId: 'x', traceSegmentId: 'y', service: 's', serviceInstance: 'i', spans: [] },
      /appears to be a SkyWalking trace/,
    ],
    [
      'a SkyWalking GraphQL answer',
      { data: { trace: { spans: [{ traceId: 'x', segmentId: 'y', spanId: 0, parentSpanId: -1, refs: [] }] } } },
      /appears to be a SkyWalking trace/,
    ],
    ['Elastic APM intake', { metadata: { service: { name: 's' } } }, /appears to be Elastic APM intake data/],
  ])('%s', (_, doc, expected) => {
    expect(errorOf('file.json', doc)).toMatch(expected);
  });

  it('says so for JSON Lines of Elastic APM intake and of OTLP logs', () => {
    const apm = [
      '{"metadata":{"service":{"name":"s"}}}',
      '{"transaction":{"id":"a","trace_id":"b"}}',
      '{"span":{"id":"c"}}',
    ];
    expect(errorOf('apm.ndjson', apm.join('\n'))).toMatch(/line 1: This appears to be Elastic APM intake data/);
    const logs = ['{"resourceLogs":[]}', '{"resourceLogs":[]}'];
    expect(errorOf('logs.jsonl', logs.join('\n'))).toMatch(
      /appears to be an OTLP logs export: it holds no spans, in 2 lines/,
    );
  });
});

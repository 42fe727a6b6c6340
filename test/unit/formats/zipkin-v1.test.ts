import { describe, expect, it } from 'vitest';
import { corpusParsesAsJson, expectedByFile, readCorpusJson } from '../../helpers/corpus.ts';
import { epochFromMicros } from '../../../src/formats/epoch.ts';
import { FormatError, type ParsedSpan } from '../../../src/formats/parsed.ts';
import { looksLikeZipkinV1, parseZipkinV1 } from '../../../src/formats/zipkin-v1.ts';
import { looksLikeZipkinV2 } from '../../../src/formats/zipkin-v2.ts';

const expected = expectedByFile();

const T0 = 1_600_000_000_000_000;
const front = { serviceName: 'front', ipv4: '10.0.0.1', port: 8080 };
const back = { serviceName: 'back', ipv4: '10.0.0.2', port: 9000 };

function at(timestamp: number, value: string, endpoint?: object) {
  return endpoint === undefined ? { timestamp, value } : { timestamp, value, endpoint };
}

function record(fields: Record<string, unknown>): Record<string, unknown> {
  return { traceId: 'aaaaaaaaaaaaaaaa', id: '2', parentId: '1', name: 'get', ...fields };
}

function attribute(s: ParsedSpan, key: string): unknown {
  const value = s.attributes.find((a) => a.key === key)?.value;
  return value?.type === 'string' || value?.type === 'int' || value?.type === 'bool' ? value.value : value;
}

describe('parseZipkinV1 RPC records', () => {
  const rpc = record({
    timestamp: T0,
    duration: 100,
    annotations: [
      at(T0, 'cs', front),
      at(T0 + 10, 'sr', back),
      at(T0 + 50, 'retry', front),
      at(T0 + 90, 'ss', back),
      at(T0 + 100, 'cr', front),
    ],
    binaryAnnotations: [
      { key: 'http.path', value: '/api', endpoint: back },
      { key: 'sa', value: true, endpoint: { serviceName: 'back', ipv4: '10.0.0.2', port: 9000 } },
      { key: 'ca', value: true, endpoint: { serviceName: 'front', ipv4: '10.0.0.1', port: 51234 } },
    ],
  });

  it('splits a record with both sides into a client span and its server child', () => {
    const { spans, warnings } = parseZipkinV1([rpc]);
    expect(spans).toHaveLength(2);
    const [client, server] = spans;
    expect(client).toMatchObject({
      spanId: '0000000000000002',
      parentSpanId: '0000000000000001',
      kind: 'client',
      serviceName: 'front',
    });
    expect(client.start).toEqual(epochFromMicros(T0));
    expect(client.durationNs).toBe(100_000);
    expect(server).toMatchObject({
      spanId: '0000000000000002:server',
      parentSpanId: '0000000000000002',
      kind: 'server',
      serviceName: 'back',
    });
    expect(server.start).toEqual(epochFromMicros(T0 + 10));
    expect(server.durationNs).toBe(80_000);
    expect(warnings).toEqual([]);
  });

  it('keeps other annotations as events and binary annotations as tags of the side that wrote them', () => {
    const [client, server] = parseZipkinV1([rpc]).spans;
    expect(client.events.map((e) => e.name)).toEqual(['retry']);
    expect(server.events).toEqual([]);
    expect(attribute(server, 'http.path')).toBe('/api');
    expect(attribute(client, 'http.path')).toBeUndefined();
  });

  it('gives the client the "sa" address and the server the "ca" address as remote endpoints', () => {
    const [client, server] = parseZipkinV1([rpc]).spans;
    expect(attribute(client, 'peer.service')).toBe('back');
    expect(attribute(client, 'net.peer.port')).toBe('9000');
    expect(attribute(server, 'peer.service')).toBe('front');
    expect(attribute(server, 'net.peer.ip')).toBe('10.0.0.1');
    expect(attribute(server, 'net.peer.port')).toBe('51234');
  });

  it('splits a service calling itself into two spans as well', () => {
    const loopback = record({
      annotations: [at(T0, 'cs', front), at(T0 + 10, 'sr', front), at(T0 + 90, 'ss', front), at(T0 + 100, 'cr', front)],
    });
    const { spans } = parseZipkinV1([loopback]);
    expect(spans.map((s) => [s.spanId, s.kind, s.serviceName])).toEqual([
      ['0000000000000002', 'client', 'front'],
      ['0000000000000002:server', 'server', 'front'],
    ]);
    expect(spans[0].durationNs).toBe(100_000);
    expect(spans[1].durationNs).toBe(80_000);
  });

  it('times a record without timestamp from its annotations', () => {
    const serverOnly = record({ annotations: [at(T0 + 10, 'sr', back), at(T0 + 90, 'ss', back)] });
    const { spans, warnings } = parseZipkinV1([serverOnly]);
    expect(spans[0]).toMatchObject({ kind: 'server', serviceName: 'back', durationNs: 80_000 });
    expect(spans[0].start).toEqual(epochFromMicros(T0 + 10));
    expect(warnings).toEqual([]);
  });

  it('makes a server record without timestamp the child of a client record with its id', () => {
    const clientRecord = record({
      timestamp: T0,
      duration: 100,
      annotations: [at(T0, 'cs', front), at(T0 + 100, 'cr', front)],
    });
    const serverRecord = record({ annotations: [at(T0 + 10, 'sr', back), at(T0 + 90, 'ss', back)] });
    const childOfServer = record({
      id: '3',
      parentId: '2',
      timestamp: T0 + 20,
      duration: 5,
      binaryAnnotations: [{ key: 'lc', value: 'db', endpoint: back }],
    });
    const { spans } = parseZipkinV1([[serverRecord], [clientRecord], [childOfServer]]);
    expect(spans.map((s) => [s.spanId, s.parentSpanId])).toEqual([
      ['0000000000000002:server', '0000000000000002'],
      ['0000000000000002', '0000000000000001'],
      ['0000000000000003', '0000000000000002:server'],
    ]);
  });

  it('warns about a client span without its end and shows it with zero duration', () => {
    const { spans, warnings } = parseZipkinV1([record({ annotations: [at(T0, 'cs', front)] })]);
    expect(spans[0]).toMatchObject({ kind: 'client', durationNs: 0 });
    expect(spans[0].start).toEqual(epochFromMicros(T0));
    expect(warnings).toEqual([expect.objectContaining({ code: 'missing-field', path: '$[0].duration' })]);
  });

  it('reads producer and consumer records with the broker as remote endpoint', () => {
    const broker = { serviceName: 'kafka', ipv4: '10.0.0.9' };
    const { spans } = parseZipkinV1([
      record({
        id: '5',
        annotations: [at(T0, 'ms', front)],
        binaryAnnotations: [{ key: 'ma', value: true, endpoint: broker }],
      }),
      record({ id: '6', annotations: [at(T0 + 30, 'mr', back)] }),
    ]);
    expect(spans.map((s) => [s.kind, s.serviceName])).toEqual([
      ['producer', 'front'],
      ['consumer', 'back'],
    ]);
    expect(attribute(spans[0], 'peer.service')).toBe('kafka');
    expect(spans[1].start).toEqual(epochFromMicros(T0 + 30));
  });
});

describe('parseZipkinV1 local spans and binary annotations', () => {
  it('names a local span after the endpoint of its "lc" annotation', () => {
    const local = record({
      timestamp: T0,
      duration: 40,
      binaryAnnotations: [{ key: 'lc', value: 'JDBCSpanStore', endpoint: back }],
    });
    const [span] = parseZipkinV1(local).spans;
    expect(span).toMatchObject({ serviceName: 'back', kind: 'unspecified', durationNs: 40_000 });
    expect(attribute(span, 'lc')).toBe('JDBCSpanStore');
    expect(span.resource.attributes.map((a) => a.key)).toEqual(['net.host.ip', 'net.host.port']);
  });

  it('names a local span without endpoint after its component', () => {
    const local = record({
      timestamp: T0,
      duration: 40,
      binaryAnnotations: [{ key: 'lc', value: 'myLocalComponent' }],
    });
    const { spans, warnings } = parseZipkinV1([local]);
    expect(spans[0].serviceName).toBe('myLocalComponent');
    expect(warnings).toEqual([]);
  });

  it('turns typed binary annotation values into text', () => {
    const typed = record({
      timestamp: T0,
      duration: 1,
      binaryAnnotations: [
        { key: 'status', value: 200, type: 'I32', endpoint: front },
        { key: 'ratio', value: 1.5, type: 'DOUBLE', endpoint: front },
        { key: 'cached', value: false, type: 'BOOL', endpoint: front },
        { key: 'blob', value: 'AAEC', type: 'BYTES', endpoint: front },
        { key: 'big', value: '9007199254740993', type: 'I64', endpoint: front },
      ],
    });
    const [span] = parseZipkinV1([typed]).spans;
    expect(span.attributes.map((a) => [a.key, a.value])).toEqual([
      ['status', { type: 'string', value: '200' }],
      ['ratio', { type: 'string', value: '1.5' }],
      ['cached', { type: 'string', value: 'false' }],
      ['blob', { type: 'string', value: 'AAEC' }],
      ['big', { type: 'string', value: '9007199254740993' }],
    ]);
  });

  it('reads an error binary annotation as an error status', () => {
    const failed = record({
      timestamp: T0,
      duration: 1,
      binaryAnnotations: [{ key: 'error', value: 'refused', endpoint: front }],
    });
    expect(parseZipkinV1([failed]).spans[0].status).toEqual({ code: 'error', message: 'refused' });
  });
});

describe('parseZipkinV1 bad input', () => {
  it('keeps a span whose parent id is not hex, with a warning', () => {
    const { spans, warnings } = parseZipkinV1([
      record({ parentId: 'BADID', timestamp: T0, duration: 1, annotations: [at(T0, 'cs', front)] }),
    ]);
    expect(spans[0].parentSpanId).toBe('BADID');
    expect(warnings).toEqual([expect.objectContaining({ code: 'invalid-id', path: '$[0].parentId', spanIndex: 0 })]);
  });

  it('names a span without any endpoint "unknown" and warns', () => {
    const { spans, warnings } = parseZipkinV1([
      record({ timestamp: T0, duration: 1, annotations: [] }),
      record({ id: '9', annotations: [at(T0, 'cs', front)] }),
    ]);
    expect(spans[0].serviceName).toBe('unknown');
    expect(warnings[0]).toMatchObject({ code: 'missing-field', path: '$[0].annotations' });
  });

  it('refuses Zipkin v2 and non-Zipkin documents', () => {
    expect(() => parseZipkinV1([{ traceId: 'a', id: 'b', localEndpoint: { serviceName: 'x' } }])).toThrow(/Zipkin v2/);
    expect(() => parseZipkinV1({ resourceSpans: [] })).toThrow(FormatError);
  });
});

describe('looksLikeZipkinV1', () => {
  it('recognizes binaryAnnotations or annotations with endpoints', () => {
    expect(looksLikeZipkinV1([record({ binaryAnnotations: [] })])).toBe(true);
    expect(looksLikeZipkinV1([record({ annotations: [at(T0, 'sr', back)] })])).toBe(true);
    // The first record has nothing version-specific; the second decides.
    expect(looksLikeZipkinV1([[record({ annotations: [] })], [record({ annotations: [at(T0, 'cs', front)] })]])).toBe(
      true,
    );
  });

  it('rejects v2 spans even when their annotations are named like v1 core annotations', () => {
    expect(looksLikeZipkinV1([record({ localEndpoint: front, annotations: [at(T0, 'cs')] })])).toBe(false);
    expect(looksLikeZipkinV1([record({ annotations: [at(T0, 'cs')] })])).toBe(false);
  });
});

describe('Zipkin v1 corpus', () => {
  const files = Object.entries(expected).filter(([, e]) => e.format === 'zipkin-v1');

  it.each(files)('%s loads with the expected counts after splitting', (file, e) => {
    const doc = readCorpusJson(file);
    expect(looksLikeZipkinV1(doc)).toBe(true);
    expect(looksLikeZipkinV2(doc)).toBe(false);
    const batch = parseZipkinV1(doc);
    expect(batch.format).toBe('zipkin-v1');
    expect(batch.spans).toHaveLength(e.spans);
    expect(new Set(batch.spans.map((s) => s.traceId)).size).toBe(e.traces);
    if (e.expect === 'load-with-warnings') expect(batch.warnings.length).toBeGreaterThan(0);
  });

  it('splits span-rpc.json into the zipkin-web client and its zipkin-query server', () => {
    const { spans } = parseZipkinV1(readCorpusJson('zipkin/zipkin__span-rpc.json'));
    expect(spans.map((s) => [s.spanId, s.parentSpanId, s.kind, s.serviceName])).toEqual([
      ['d673d7abe80d2f3f', '83c138a4ee0f3de9', 'client', 'zipkin-web'],
      ['d673d7abe80d2f3f:server', 'd673d7abe80d2f3f', 'server', 'zipkin-query'],
    ]);
  });

  it('times the v1 file without timestamps from its sr/ss annotations', () => {
    const { spans } = parseZipkinV1(readCorpusJson('zipkin/opentelemetry-collector__zipkin_v2_notimestamp.json'));
    expect(spans[0].start).toEqual(epochFromMicros(1615821510040000));
    expect(spans[0].durationNs).toBe(1_000_000);
    expect(spans[0].serviceName).toBe('baz');
  });

  const others = Object.keys(expected).filter(
    (file) => !file.startsWith('zipkin/') && !file.endsWith('.jsonl') && corpusParsesAsJson(file),
  );
  it.each(others)('%s is not taken for Zipkin v1', (file) => {
    expect(looksLikeZipkinV1(readCorpusJson(file))).toBe(false);
  });
});

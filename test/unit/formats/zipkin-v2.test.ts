import { describe, expect, it } from 'vitest';
import { corpusParsesAsJson, expectedByFile, readCorpusJson } from '../../helpers/corpus.ts';
import { epochFromMicros } from '../../../src/formats/epoch.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import { FormatError, type ParsedSpan } from '../../../src/formats/parsed.ts';
import { looksLikeZipkinV1 } from '../../../src/formats/zipkin-v1.ts';
import { looksLikeZipkinV2, parseZipkinV2 } from '../../../src/formats/zipkin-v2.ts';

const expected = expectedByFile();

const T0 = 1_600_000_000_000_000;

function span(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    traceId: 'aaaaaaaaaaaaaaaa',
    name: 'op',
    timestamp: T0,
    duration: 100,
    localEndpoint: { serviceName: 'front' },
    ...fields,
  };
}

function byId(spans: readonly ParsedSpan[], id: string): ParsedSpan {
  const found = spans.find((s) => s.spanId === id);
  if (!found) throw new Error(`no span ${id} among ${spans.map((s) => s.spanId).join(', ')}`);
  return found;
}

function attribute(s: ParsedSpan, key: string): unknown {
  return s.attributes.find((a) => a.key === key)?.value;
}

describe('parseZipkinV2 ids', () => {
  it('left-pads short ids and folds case', () => {
    const { spans, warnings } = parseZipkinV2([span({ traceId: 'ABC', id: '1', parentId: 'F' })]);
    expect(spans[0]).toMatchObject({
      traceId: '0000000000000abc',
      spanId: '0000000000000001',
      parentSpanId: '000000000000000f',
    });
    expect(warnings).toEqual([]);
  });

  it('puts a 128-bit trace id with a zero upper half in the same trace as its 64-bit form', () => {
    const { spans } = parseZipkinV2([
      span({ traceId: '00000000000000001234567890abcdef', id: '1' }),
      span({ traceId: '1234567890abcdef', id: '2', parentId: '1' }),
    ]);
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set(['1234567890abcdef']));
  });

  it('keeps a 128-bit trace id with a non-zero upper half whole', () => {
    const { spans } = parseZipkinV2([span({ traceId: '5982fe77008310cc80f1da5e10147517', id: '1' })]);
    expect(spans[0].traceId).toBe('5982fe77008310cc80f1da5e10147517');
  });

  it('keeps an id that is not hex as written and warns where it is', () => {
    const { spans, warnings } = parseZipkinV2([span({ id: '1' }), span({ id: 'not-hex!', parentId: '1' })]);
    expect(spans[1].spanId).toBe('not-hex!');
    expect(warnings).toEqual([expect.objectContaining({ code: 'invalid-id', path: '$[1].id', spanIndex: 1 })]);
  });

  it('treats an all-zero parent id as no parent', () => {
    const { spans } = parseZipkinV2([span({ id: '1', parentId: '0000000000000000' })]);
    expect(spans[0].parentSpanId).toBeUndefined();
  });

  it('keeps a span without an id, under a placeholder id, with a warning', () => {
    const { spans, warnings } = parseZipkinV2([span({ id: '1' }), span({ id: undefined })]);
    expect(spans).toHaveLength(2);
    expect(spans[1].spanId).toMatch(/missing/);
    expect(warnings).toEqual([expect.objectContaining({ code: 'missing-field', path: '$[1].id' })]);
  });
});

describe('parseZipkinV2 times', () => {
  it('reads epoch microseconds', () => {
    const { spans } = parseZipkinV2([span({ id: '1', timestamp: 1_516_781_775_721_123, duration: 8_250 })]);
    expect(spans[0].start).toEqual({ sec: 1_516_781_775, nano: 721_123_000 });
    expect(spans[0].durationNs).toBe(8_250_000);
  });

  it('starts a span without timestamp at its earliest annotation and ends it at its last', () => {
    const { spans, warnings } = parseZipkinV2([
      span({
        id: '1',
        timestamp: undefined,
        duration: undefined,
        annotations: [
          { timestamp: T0 + 500, value: 'late' },
          { timestamp: T0 + 200, value: 'early' },
        ],
      }),
    ]);
    expect(spans[0].start).toEqual(epochFromMicros(T0 + 200));
    expect(spans[0].durationNs).toBe(300_000);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['missing-field', '$[0].timestamp'],
      ['missing-field', '$[0].duration'],
    ]);
  });

  it("starts a span with no time at all at its parent's start, else at its trace's earliest start", () => {
    const { spans, warnings } = parseZipkinV2([
      span({ id: '1', timestamp: T0 + 1000 }),
      span({ id: '2', parentId: '1', timestamp: undefined, duration: undefined }),
      span({ id: '3', parentId: '99', timestamp: T0 + 50 }),
      span({ id: '4', parentId: '2', timestamp: undefined }),
    ]);
    expect(byId(spans, '0000000000000002').start).toEqual(epochFromMicros(T0 + 1000));
    expect(byId(spans, '0000000000000002').durationNs).toBe(0);
    // Its parent has no time of its own either, so the trace's earliest start is used.
    expect(byId(spans, '0000000000000004').start).toEqual(epochFromMicros(T0 + 50));
    expect(warnings.filter((w) => w.path === '$[1].timestamp' || w.path === '$[3].timestamp')).toHaveLength(2);
    expect(warnings.find((w) => w.path === '$[1].duration')?.code).toBe('missing-field');
  });

  it('warns about a negative duration and shows zero', () => {
    const { spans, warnings } = parseZipkinV2([span({ id: '1', duration: -5 })]);
    expect(spans[0].durationNs).toBe(0);
    expect(warnings.map((w) => [w.code, w.path])).toContainEqual(['invalid-value', '$[0].duration']);
  });
});

describe('parseZipkinV2 endpoints, kinds, tags', () => {
  it('takes the service from localEndpoint and shares one Resource per endpoint', () => {
    const endpoint = { serviceName: 'api', ipv4: '10.0.0.1', port: 8080 };
    const { spans } = parseZipkinV2([
      span({ id: '1', localEndpoint: endpoint }),
      span({ id: '2', localEndpoint: { ...endpoint } }),
      span({ id: '3', localEndpoint: { ...endpoint, ipv4: '10.0.0.2' } }),
    ]);
    expect(spans[0].serviceName).toBe('api');
    expect(spans[0].resource).toEqual({
      serviceName: 'api',
      attributes: [
        { key: 'net.host.ip', value: { type: 'string', value: '10.0.0.1' } },
        { key: 'net.host.port', value: { type: 'int', value: '8080' } },
      ],
    });
    expect(spans[1].resource).toBe(spans[0].resource);
    expect(spans[2].resource).not.toBe(spans[0].resource);
  });

  it('names a span without service name "unknown" and says where the name was missing', () => {
    const { spans, warnings } = parseZipkinV2([
      span({ id: '1', localEndpoint: { ipv4: '169.254.65.45' } }),
      span({ id: '2', localEndpoint: undefined }),
    ]);
    expect(spans.map((s) => s.serviceName)).toEqual(['unknown', 'unknown']);
    expect(spans[0].resource.attributes).toEqual([
      { key: 'net.host.ip', value: { type: 'string', value: '169.254.65.45' } },
    ]);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['missing-field', '$[0].localEndpoint.serviceName'],
      ['missing-field', '$[1].localEndpoint'],
    ]);
  });

  it('turns remoteEndpoint into peer attributes', () => {
    const { spans } = parseZipkinV2([
      span({ id: '1', remoteEndpoint: { serviceName: 'db', ipv6: '::1', port: 5432 } }),
    ]);
    expect(spans[0].attributes).toEqual([
      { key: 'peer.service', value: { type: 'string', value: 'db' } },
      { key: 'net.peer.ipv6', value: { type: 'string', value: '::1' } },
      { key: 'net.peer.port', value: { type: 'int', value: '5432' } },
    ]);
  });

  it('maps kinds, leaves a missing kind unspecified and warns about an unknown one', () => {
    const kinds = ['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER', undefined, 'SIDEWAYS'];
    const { spans, warnings } = parseZipkinV2(kinds.map((kind, i) => span({ id: String(i + 1), kind })));
    expect(spans.map((s) => s.kind)).toEqual([
      'client',
      'server',
      'producer',
      'consumer',
      'unspecified',
      'unspecified',
    ]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'unknown-kind', path: '$[5].kind' })]);
  });

  it('reads kinds written in other cases as their capitals, without a warning', () => {
    const capitals = ['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'];
    const others = ['client', 'Server', 'producer', 'cOnSuMeR'];
    const read = (kinds: readonly string[]) =>
      parseZipkinV2(kinds.map((kind, i) => span({ id: String(i + 1), kind }))).spans.map((s) => s.kind);
    const { warnings } = parseZipkinV2(others.map((kind, i) => span({ id: String(i + 1), kind })));
    expect(read(others)).toEqual(read(capitals));
    expect(warnings).toEqual([]);
  });

  it('keeps tags as string attributes and reads the error tag as an error status', () => {
    const { spans } = parseZipkinV2([
      span({ id: '1', tags: { 'http.path': '/api', error: 'timeout' } }),
      span({ id: '2', tags: { error: '' } }),
      span({ id: '3', tags: { 'http.status_code': '200' } }),
    ]);
    expect(attribute(spans[0], 'http.path')).toEqual({ type: 'string', value: '/api' });
    expect(spans[0].status).toEqual({ code: 'error', message: 'timeout' });
    expect(spans[1].status.code).toBe('error');
    expect(spans[2].status.code).toBe('unset');
  });

  it("reads OpenTelemetry's otel.status_code and otel.status_description tags, as its Zipkin exporter writes them", () => {
    const { spans, warnings } = parseZipkinV2([
      span({ id: '1', tags: { 'otel.status_code': 'ERROR', 'otel.status_description': 'Something failed' } }),
      span({ id: '2', tags: { 'otel.status_code': 'OK' } }),
      span({ id: '3', tags: { error: '', 'otel.status_code': 'ERROR', 'otel.status_description': 'boom' } }),
      span({ id: '4', tags: { error: 'timeout', 'otel.status_code': 'ERROR', 'otel.status_description': 'boom' } }),
      span({ id: '5', tags: { 'otel.status_code': 'MAYBE' } }),
      span({ id: '6', tags: { 'otel.status_code': 'ERROR', n: 7 } }),
    ]);
    expect(spans.map((s) => s.status)).toEqual([
      { code: 'error', message: 'Something failed' },
      { code: 'ok' },
      { code: 'error', message: 'boom' },
      { code: 'error', message: 'timeout' },
      { code: 'unset' },
      { code: 'error' },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'invalid-value', path: '$[4].tags["otel.status_code"]' }),
      expect.objectContaining({ code: 'invalid-value', path: '$[5].tags.n' }),
    ]);
  });

  it("reads the instrumentation scope from OpenTelemetry's otel.scope.* or older otel.library.* tags, one object per scope", () => {
    const { spans } = parseZipkinV2([
      span({ id: '1', tags: { 'otel.scope.name': 'io.opentelemetry.okhttp', 'otel.scope.version': '1.2' } }),
      span({ id: '2', tags: { 'otel.library.name': 'io.opentelemetry.okhttp', 'otel.library.version': '1.2' } }),
      span({ id: '3', tags: { 'otel.scope.name': 'new', 'otel.library.name': 'old', n: 1 } }),
      span({ id: '4', tags: { 'http.path': '/' } }),
    ]);
    expect(spans[0].scope).toEqual({ name: 'io.opentelemetry.okhttp', version: '1.2', attributes: [] });
    expect(spans[1].scope).toBe(spans[0].scope);
    expect(spans[2].scope).toEqual({ name: 'new', attributes: [] });
    expect(spans[3].scope).toBeUndefined();
    // The tags stay attributes too, as for Jaeger.
    expect(attribute(spans[0], 'otel.scope.name')).toEqual({ type: 'string', value: 'io.opentelemetry.okhttp' });
  });

  it('turns annotations into events in time order', () => {
    const { spans } = parseZipkinV2([
      span({
        id: '1',
        annotations: [
          { timestamp: T0 + 20, value: 'wr' },
          { timestamp: T0 + 10, value: 'ws' },
        ],
      }),
    ]);
    expect(spans[0].events.map((e) => [e.name, e.time])).toEqual([
      ['ws', epochFromMicros(T0 + 10)],
      ['wr', epochFromMicros(T0 + 20)],
    ]);
  });

  it('keeps debug and shared flags as attributes', () => {
    const { spans } = parseZipkinV2([span({ id: '1', debug: true, shared: true, kind: 'SERVER' })]);
    expect(attribute(spans[0], 'zipkin.debug')).toEqual({ type: 'bool', value: true });
    expect(attribute(spans[0], 'zipkin.shared')).toEqual({ type: 'bool', value: true });
  });
});

describe('parseZipkinV2 shared client/server ids', () => {
  const client = span({ id: '2', parentId: '1', kind: 'CLIENT', localEndpoint: { serviceName: 'front' } });
  const server = span({ id: '2', parentId: '1', kind: 'SERVER', shared: true, localEndpoint: { serviceName: 'back' } });
  const childOfShared = span({ id: '3', parentId: '2', localEndpoint: { serviceName: 'back' } });

  it('makes the server half a child of the client half under its own id', () => {
    const { spans } = parseZipkinV2([server, client]);
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatchObject({
      spanId: '0000000000000002:server',
      parentSpanId: '0000000000000002',
      serviceName: 'back',
    });
    expect(spans[1]).toMatchObject({
      spanId: '0000000000000002',
      parentSpanId: '0000000000000001',
      serviceName: 'front',
    });
  });

  it('puts spans whose parent is the shared id under the server half', () => {
    const { spans } = parseZipkinV2([childOfShared, client, server]);
    expect(byId(spans, '0000000000000003').parentSpanId).toBe('0000000000000002:server');
  });

  it('leaves children of an unshared id alone', () => {
    const { spans } = parseZipkinV2([client, childOfShared]);
    expect(byId(spans, '0000000000000003').parentSpanId).toBe('0000000000000002');
  });

  it('treats a SERVER span reusing a CLIENT span id as shared even without the flag', () => {
    const { spans } = parseZipkinV2([client, { ...server, shared: undefined }]);
    expect(spans.map((s) => s.spanId)).toEqual(['0000000000000002', '0000000000000002:server']);
  });

  it('keeps the id and parent of a shared server half whose client is not in the document', () => {
    const { spans } = parseZipkinV2([server]);
    expect(spans[0]).toMatchObject({ spanId: '0000000000000002', parentSpanId: '0000000000000001' });
  });

  it('gives each of several servers answering one client id its own id, and children the one at their endpoint', () => {
    const at = (ipv4: string) => ({ serviceName: 'back', ipv4 });
    const { spans } = parseZipkinV2([
      client,
      { ...server, localEndpoint: at('10.0.0.1') },
      { ...server, localEndpoint: at('10.0.0.2') },
      { ...childOfShared, localEndpoint: at('10.0.0.2') },
    ]);
    expect(spans.map((s) => s.spanId)).toEqual([
      '0000000000000002',
      '0000000000000002:server',
      '0000000000000002:server:2',
      '0000000000000003',
    ]);
    expect(spans[3].parentSpanId).toBe('0000000000000002:server:2');
  });

  it('makes a piece of a server half reported separately (no kind, same endpoint) its child', () => {
    const piece = {
      ...server,
      kind: undefined,
      shared: undefined,
      timestamp: undefined,
      duration: undefined,
      tags: { late: 'x' },
    };
    const { spans } = parseZipkinV2([piece, client, server, childOfShared]);
    expect(spans[0]).toMatchObject({ spanId: '0000000000000002:server:part', parentSpanId: '0000000000000002:server' });
    // Without a time of its own it starts with the half it belongs to.
    expect(spans[0].start).toEqual(spans[2].start);
    expect(spans[3].parentSpanId).toBe('0000000000000002:server');
  });

  it('makes a piece without endpoint a child of the client half, which Zipkin merges it into', () => {
    const piece = span({
      id: '2',
      parentId: '1',
      localEndpoint: undefined,
      annotations: [{ timestamp: T0 + 5, value: 'retry' }],
    });
    const { spans } = parseZipkinV2([client, piece]);
    expect(spans[1]).toMatchObject({ spanId: '0000000000000002:part', parentSpanId: '0000000000000002' });
  });

  it('ignores a shared flag on a CLIENT span', () => {
    const { spans } = parseZipkinV2([{ ...client, shared: true }]);
    expect(spans[0].spanId).toBe('0000000000000002');
  });
});

describe('parseZipkinV2 document shapes', () => {
  it('flattens an array of traces and reports paths into it', () => {
    const { spans, warnings } = parseZipkinV2([[span({ id: '1' })], [span({ id: '2', kind: 'NOPE' })]]);
    expect(spans.map((s) => s.spanId)).toEqual(['0000000000000001', '0000000000000002']);
    expect(warnings[0].path).toBe('$[1][0].kind');
  });

  it('reads a single span object', () => {
    const { spans, format } = parseZipkinV2(span({ id: '1' }));
    expect(format).toBe('zipkin-v2');
    expect(spans).toHaveLength(1);
  });

  it('keeps every copy of a duplicated span', () => {
    const { spans } = parseZipkinV2([span({ id: '1' }), span({ id: '1' }), span({ id: '1' })]);
    expect(spans).toHaveLength(3);
  });

  it('reads an empty array as no spans', () => {
    expect(parseZipkinV2([]).spans).toEqual([]);
  });

  it('skips array elements that are not objects, with a warning', () => {
    const { spans, warnings } = parseZipkinV2([span({ id: '1' }), 42]);
    expect(spans).toHaveLength(1);
    expect(warnings).toEqual([expect.objectContaining({ code: 'invalid-value', path: '$[1]' })]);
  });

  it('refuses documents that are not Zipkin v2', () => {
    expect(() => parseZipkinV2({ data: [] })).toThrow(FormatError);
    expect(() => parseZipkinV2([{ traceID: 'a', spanID: 'b' }])).toThrow(FormatError);
    expect(() => parseZipkinV2([{ traceId: 'a', id: 'b', binaryAnnotations: [] }])).toThrow(/Zipkin v1/);
  });
});

describe('looksLikeZipkinV2', () => {
  it('accepts v2 spans and plain spans, not v1 ones', () => {
    expect(looksLikeZipkinV2([span({ id: '1' })])).toBe(true);
    expect(looksLikeZipkinV2([{ traceId: 'a', id: 'b', name: 'x', timestamp: 1 }])).toBe(true);
    expect(
      looksLikeZipkinV2([{ traceId: 'a', id: 'b', annotations: [{ timestamp: 1, value: 'cs', endpoint: {} }] }]),
    ).toBe(false);
  });

  it('rejects Jaeger spans and OpenTelemetry SDK span dumps', () => {
    expect(looksLikeZipkinV2([{ traceID: 'a', spanID: 'b', traceId: 'a', id: 'b' }])).toBe(false);
    expect(looksLikeZipkinV2([{ name: 'x', spanContext: { traceId: 'a', spanId: 'b' } }])).toBe(false);
    expect(looksLikeZipkinV2([])).toBe(false);
    expect(looksLikeZipkinV2('text')).toBe(false);
  });
});

describe('Zipkin v2 corpus', () => {
  const files = Object.entries(expected).filter(([, e]) => e.format === 'zipkin-v2');

  it.each(files)('%s loads with the expected counts', (file, e) => {
    const doc = readCorpusJson(file);
    expect(looksLikeZipkinV2(doc)).toBe(true);
    expect(looksLikeZipkinV1(doc)).toBe(false);
    const batch = parseZipkinV2(doc);
    expect(batch.spans).toHaveLength(e.spans);
    expect(new Set(batch.spans.map((s) => s.traceId)).size).toBe(e.traces);
    if (e.expect === 'load-with-warnings') expect(batch.warnings.length).toBeGreaterThan(0);
  });

  it('separates shared halves so that only true duplicates share an id', () => {
    const { spans } = parseZipkinV2(readCorpusJson('zipkin/zipkin__smartthings-mobile-web-install.json'));
    const ids = new Set(spans.map((s) => s.spanId));
    expect(ids.size).toBe(spans.length);
    const serverHalves = spans.filter((s) => s.spanId.includes(':server'));
    expect(serverHalves.length).toBeGreaterThan(0);
    for (const half of serverHalves) expect(ids.has(half.parentSpanId ?? '')).toBe(true);
  });

  const others = Object.keys(expected).filter(
    (file) => !file.startsWith('zipkin/') && !file.endsWith('.jsonl') && corpusParsesAsJson(file),
  );
  it.each(others)('%s is not taken for Zipkin v2', (file) => {
    expect(looksLikeZipkinV2(readCorpusJson(file))).toBe(false);
  });
});

describe('Zipkin detection beyond the first span', () => {
  const spans = () =>
    Array.from({ length: 50 }, (_, i) => ({
      traceId: 'a03ee8fff1dcd9b9',
      id: (i + 1).toString(16).padStart(16, '0'),
      name: 'op',
      timestamp: 1_700_000_000_000_000 + i,
      duration: 10,
      localEndpoint: { serviceName: 'svc' },
    }));

  it.each([
    null,
    true,
    123,
  ])('reads a file whose first span has the id %s as it reads one with that span at index 7', (bad) => {
    const read = (at: number) => {
      const records: Record<string, unknown>[] = spans();
      records[at].id = bad;
      const outcome = loadTraceText('zipkin.json', JSON.stringify(records));
      if (!outcome.ok) return outcome.error.message;
      const spanCount = outcome.file.traces.reduce((n, t) => n + t.spans.length, 0);
      return { format: outcome.file.format, spanCount, warnings: outcome.file.warnings.length };
    };
    const atSeven = read(7);
    expect(atSeven).toMatchObject({ format: 'zipkin-v2' });
    expect(read(0)).toEqual(atSeven);
  });
});

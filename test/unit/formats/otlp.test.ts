import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedByFile, readCorpusText } from '../../helpers/corpus.ts';
import type { AttributeValue } from '../../../src/model/trace.ts';
import { epochToString } from '../../../src/formats/epoch.ts';
import { isOtlpLine, looksLikeOtlp, parseOtlp, parseOtlpJsonLines } from '../../../src/formats/otlp.ts';
import { FormatError, type ParsedBatch } from '../../../src/formats/parsed.ts';
import { nestingOf } from '../../helpers/nesting.ts';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN_A = 'eee19b7ec3c1b174';
const SPAN_B = 'eee19b7ec3c1b173';

function span(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId: TRACE,
    spanId: SPAN_A,
    name: 'op',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000000001000',
    ...fields,
  };
}

function request(spans: unknown[], resourceAttributes: unknown[] = [svc('checkout')]): Record<string, unknown> {
  return {
    resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: 'lib' }, spans }] }],
  };
}

function svc(name: string): Record<string, unknown> {
  return { key: 'service.name', value: { stringValue: name } };
}

function attr(key: string, value: unknown): Record<string, unknown> {
  return { key, value };
}

function only(batch: ParsedBatch) {
  expect(batch.spans).toHaveLength(1);
  return batch.spans[0];
}

function parsedValue(raw: unknown): { value: AttributeValue; batch: ParsedBatch } {
  const batch = parseOtlp(request([span({ attributes: [attr('k', raw)] })]));
  return { value: only(batch).attributes[0].value, batch };
}

const SPAN_PATH = '$.resourceSpans[0].scopeSpans[0].spans[0]';

describe('recognizing OTLP', () => {
  it('recognizes every trace shape and wrapper', () => {
    expect(looksLikeOtlp({ resourceSpans: [] })).toBe(true);
    expect(looksLikeOtlp({ batches: [] })).toBe(true);
    expect(looksLikeOtlp({ trace: { resourceSpans: [] } })).toBe(true);
    expect(looksLikeOtlp({ result: { resourceSpans: [] } })).toBe(true);
    expect(looksLikeOtlp({ traces: { resourceSpans: [] }, meta: {} })).toBe(true);
    expect(looksLikeOtlp([{ resourceSpans: [] }])).toBe(true);
  });

  it("reads Grafana Faro's {traces: {resourceSpans}} payload", () => {
    const batch = parseOtlp({ traces: request([span({ kind: 99 })]), meta: { app: { name: 'web' } } });
    expect(batch.spans.map((s) => s.spanId)).toEqual([SPAN_A]);
    expect(batch.warnings.map((w) => w.path)).toEqual(['$.traces.resourceSpans[0].scopeSpans[0].spans[0].kind']);
  });

  it('reads an array of export requests (as jq -s makes of JSON Lines), skipping and counting other signals', () => {
    const batch = parseOtlp([
      request([span({ spanId: SPAN_B, parentSpanId: SPAN_A })]),
      { resourceLogs: [] },
      request([span({ kind: 99 })]),
    ]);
    expect(batch.format).toBe('otlp');
    expect(batch.spans.map((s) => [s.spanId, s.parentSpanId])).toEqual([
      [SPAN_B, SPAN_A],
      [SPAN_A, undefined],
    ]);
    expect(batch.warnings.map((w) => w.path)).toEqual(['$[2].resourceSpans[0].scopeSpans[0].spans[0].kind']);
    expect(batch.notes).toEqual(['Skipped 1 entry of logs/metrics']);
  });

  it('does not claim Jaeger, Zipkin or other OTLP signals', () => {
    expect(looksLikeOtlp({ data: [{ traceID: 'a', spans: [] }] })).toBe(false);
    expect(looksLikeOtlp([{ traceId: 'a', id: 'b' }])).toBe(false);
    expect(looksLikeOtlp({ resourceLogs: [] })).toBe(false);
    expect(looksLikeOtlp(null)).toBe(false);
  });

  it('accepts export requests of any signal as JSON Lines', () => {
    expect(isOtlpLine({ resourceSpans: [] })).toBe(true);
    expect(isOtlpLine({ resourceLogs: [] })).toBe(true);
    expect(isOtlpLine({ resourceMetrics: [] })).toBe(true);
    expect(isOtlpLine({ data: [] })).toBe(false);
    expect(isOtlpLine('resourceSpans')).toBe(false);
  });

  it('reads a bare ResourceSpans, one per line as OpenTelemetry Java logging-otlp writes them, or an array of them', () => {
    const resourceSpans = (spanId: string, kind: unknown = 2) => ({
      resource: { attributes: [svc('java-app')] },
      scopeSpans: [{ scope: { name: 'io.opentelemetry.okhttp-3.0' }, spans: [span({ spanId, kind })] }],
    });
    const single = parseOtlp(resourceSpans(SPAN_A, 99));
    expect(single.format).toBe('otlp');
    expect(single.spans.map((s) => [s.spanId, s.serviceName, s.scope?.name])).toEqual([
      [SPAN_A, 'java-app', 'io.opentelemetry.okhttp-3.0'],
    ]);
    // The document is the ResourceSpans itself: its paths start there.
    expect(single.warnings.map((w) => w.path)).toEqual(['$.scopeSpans[0].spans[0].kind']);

    expect(isOtlpLine(resourceSpans(SPAN_A))).toBe(true);
    const lines = parseOtlpJsonLines([
      { line: 1, doc: resourceSpans(SPAN_A) },
      { line: 2, doc: resourceSpans(SPAN_B, 99) },
    ]);
    expect(lines.spans.map((s) => s.spanId)).toEqual([SPAN_A, SPAN_B]);
    expect(lines.warnings.map((w) => w.path)).toEqual(['line 2: $.scopeSpans[0].spans[0].kind']);

    const array = parseOtlp([
      resourceSpans(SPAN_A),
      { resource: {}, instrumentationLibrarySpans: [{ spans: [span({ spanId: SPAN_B, kind: 99 })] }] },
    ]);
    expect(array.spans.map((s) => s.spanId)).toEqual([SPAN_A, SPAN_B]);
    expect(array.warnings.map((w) => w.path)).toContain('$[1].instrumentationLibrarySpans[0].spans[0].kind');
    expect(looksLikeOtlp([{ resource: {} }])).toBe(false);
  });

  it('rejects non-trace documents with a FormatError that says why', () => {
    expect(() => parseOtlp({ data: [] })).toThrow(FormatError);
    expect(() => parseOtlp({ resourceLogs: [] })).toThrow(/an OTLP logs export: it holds no spans/);
    expect(() => parseOtlp({ resource_metrics: [] })).toThrow(/an OTLP metrics export: it holds no spans/);
    expect(() => parseOtlp([])).toThrow(/Not OTLP traces/);
  });
});

describe('ids', () => {
  it('keeps lowercase hex, lowercases uppercase hex', () => {
    const s = only(parseOtlp(request([span({ traceId: TRACE.toUpperCase(), spanId: SPAN_A.toUpperCase() })])));
    expect(s.traceId).toBe(TRACE);
    expect(s.spanId).toBe(SPAN_A);
  });

  it('decodes base64 ids so a base64 parent finds its hex parent', () => {
    const base64Trace = Buffer.from(TRACE, 'hex').toString('base64');
    const base64Parent = Buffer.from(SPAN_A, 'hex').toString('base64');
    const batch = parseOtlp(
      request([span(), span({ traceId: base64Trace, spanId: SPAN_B, parentSpanId: base64Parent })]),
    );
    expect(batch.spans[1].traceId).toBe(TRACE);
    expect(batch.spans[1].parentSpanId).toBe(SPAN_A);
    expect(batch.warnings).toEqual([]);
  });

  it('reads every base64 spelling of random ids as the same hex', () => {
    // Standard alphabet, padded or not; url-safe base64 is not read (it would misread ids like "span-a-root").
    const spellings = (bytes: Uint8Array) => {
      const buffer = Buffer.from(bytes);
      const padded = buffer.toString('base64');
      return [padded, padded.replace(/=+$/, ''), buffer.toString('hex').toUpperCase()];
    };
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        (traceBytes, spanBytes) => {
          const traces = spellings(traceBytes);
          const spans = spellings(spanBytes);
          const records = traces.map((traceId, i) => span({ traceId, spanId: spans[i], parentSpanId: spans[i] }));
          const batch = parseOtlp(request(records));
          expect(batch.warnings).toEqual([]);
          for (const s of batch.spans) {
            expect(s.traceId).toBe(Buffer.from(traceBytes).toString('hex'));
            expect(s.spanId).toBe(Buffer.from(spanBytes).toString('hex'));
            expect(s.parentSpanId).toBe(s.spanId);
          }
        },
      ),
    );
  });

  it('rejects base64 of the wrong length or with stray characters', () => {
    const batch = parseOtlp(
      request([
        span({ spanId: 'AAAAAAAAALQ==' }),
        span({ spanId: 'AAAAAAAA=ALQ' }),
        span({ spanId: 'AAAAAAAAAAAAAAAg' }),
      ]),
    );
    expect(batch.spans.map((s) => s.spanId)).toEqual(['AAAAAAAAALQ==', 'AAAAAAAA=ALQ', 'AAAAAAAAAAAAAAAg']);
    expect(batch.warnings.map((w) => w.code)).toEqual(['invalid-id', 'invalid-id', 'invalid-id']);
  });

  it('treats an empty, absent or all-zero parentSpanId as no parent', () => {
    const batch = parseOtlp(
      request([span({ parentSpanId: '' }), span({ spanId: SPAN_B }), span({ parentSpanId: '0000000000000000' })]),
    );
    expect(batch.spans.map((s) => s.parentSpanId)).toEqual([undefined, undefined, undefined]);
    expect(batch.warnings).toEqual([]);
  });

  it('warns about all-zero trace and span ids, which OpenTelemetry defines as invalid, and keeps them', () => {
    const batch = parseOtlp(request([span({ traceId: '0'.repeat(32) }), span({ spanId: 'AAAAAAAAAAA=' })]));
    expect(batch.spans.map((s) => [s.traceId, s.spanId])).toEqual([
      ['0'.repeat(32), SPAN_A],
      [TRACE, '0'.repeat(16)],
    ]);
    expect(batch.warnings.map((w) => [w.code, w.path, w.spanIndex])).toEqual([
      ['invalid-id', '$.resourceSpans[0].scopeSpans[0].spans[0].traceId', 0],
      ['invalid-id', '$.resourceSpans[0].scopeSpans[0].spans[1].spanId', 1],
    ]);
  });

  it('keeps an invalid id as written and warns with its path', () => {
    const batch = parseOtlp(request([span({ traceId: 'zzz', parentSpanId: 'not an id' })]));
    const s = only(batch);
    expect(s.traceId).toBe('zzz');
    expect(s.parentSpanId).toBe('not an id');
    expect(batch.warnings).toEqual([
      expect.objectContaining({ code: 'invalid-id', path: `${SPAN_PATH}.traceId`, spanIndex: 0 }),
      expect.objectContaining({ code: 'invalid-id', path: `${SPAN_PATH}.parentSpanId`, spanIndex: 0 }),
    ]);
  });

  it('warns about a span without ids but still returns the span', () => {
    const batch = parseOtlp(request([{ name: 'no ids', startTimeUnixNano: '1', endTimeUnixNano: '2' }]));
    expect(only(batch).name).toBe('no ids');
    expect(batch.warnings.map((w) => w.code)).toEqual(['missing-field', 'missing-field']);
  });
});

describe('kind and status', () => {
  it('reads span kinds as integers and as SPAN_KIND names', () => {
    const kinds = [0, 1, 2, 3, 4, 5, 'SPAN_KIND_SERVER', 'SPAN_KIND_CONSUMER', 'SPAN_KIND_UNSPECIFIED'];
    const batch = parseOtlp(request(kinds.map((kind) => span({ kind }))));
    expect(batch.spans.map((s) => s.kind)).toEqual([
      'unspecified',
      'internal',
      'server',
      'client',
      'producer',
      'consumer',
      'server',
      'consumer',
      'unspecified',
    ]);
    expect(batch.warnings).toEqual([]);
  });

  it('shows an unknown kind as unspecified with a warning', () => {
    const batch = parseOtlp(request([span({ kind: 'SPAN_KIND_INVALID_TYPE' }), span({ kind: 9 })]));
    expect(batch.spans.map((s) => s.kind)).toEqual(['unspecified', 'unspecified']);
    expect(batch.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unknown-kind', `${SPAN_PATH}.kind`],
      ['unknown-kind', '$.resourceSpans[0].scopeSpans[0].spans[1].kind'],
    ]);
  });

  it('reads status codes as integers and STATUS_CODE names, keeping the message', () => {
    const statuses = [
      {},
      { code: 1 },
      { code: 2, message: 'boom' },
      { code: 'STATUS_CODE_ERROR' },
      { code: 'STATUS_CODE_OK' },
    ];
    const batch = parseOtlp(request(statuses.map((status) => span({ status }))));
    expect(batch.spans.map((s) => s.status)).toEqual([
      { code: 'unset' },
      { code: 'ok' },
      { code: 'error', message: 'boom' },
      { code: 'error' },
      { code: 'ok' },
    ]);
  });

  it('warns about an unknown status code', () => {
    const batch = parseOtlp(request([span({ status: { code: 'STATUS_CODE_WEIRD' } })]));
    expect(only(batch).status.code).toBe('unset');
    expect(batch.warnings[0]).toMatchObject({ code: 'invalid-value', path: `${SPAN_PATH}.status.code` });
  });
});

describe('attribute values', () => {
  it('reads every scalar AnyValue variant', () => {
    expect(parsedValue({ stringValue: 'x' }).value).toEqual({ type: 'string', value: 'x' });
    expect(parsedValue({ boolValue: false }).value).toEqual({ type: 'bool', value: false });
    expect(parsedValue({ intValue: '42' }).value).toEqual({ type: 'int', value: '42' });
    expect(parsedValue({ intValue: -7 }).value).toEqual({ type: 'int', value: '-7' });
    expect(parsedValue({ doubleValue: 1.5 }).value).toEqual({ type: 'double', value: 1.5 });
    expect(parsedValue({ bytesValue: 'AQID' }).value).toEqual({ type: 'bytes', value: 'AQID' });
    expect(parsedValue({}).value).toEqual({ type: 'empty' });
  });

  it('keeps the exact digits of an int64 above 2^53 written as a string', () => {
    const { value, batch } = parsedValue({ intValue: '9223372036854775807' });
    expect(value).toEqual({ type: 'int', value: '9223372036854775807' });
    expect(batch.warnings).toEqual([]);
  });

  it('warns that a JSON number above 2^53 may have lost precision', () => {
    const { value, batch } = parsedValue({ intValue: 2 ** 60 });
    expect(value).toEqual({ type: 'int', value: '1152921504606846976' });
    expect(batch.warnings[0]).toMatchObject({
      code: 'invalid-value',
      path: `${SPAN_PATH}.attributes[0].value.intValue`,
    });
  });

  it('reads doubles written as strings, including the non-finite names', () => {
    expect(parsedValue({ doubleValue: 'NaN' }).value).toEqual({ type: 'double', value: NaN });
    expect(parsedValue({ doubleValue: 'Infinity' }).value).toEqual({ type: 'double', value: Infinity });
    expect(parsedValue({ doubleValue: '-Infinity' }).value).toEqual({ type: 'double', value: -Infinity });
    expect(parsedValue({ doubleValue: '2.25' }).value).toEqual({ type: 'double', value: 2.25 });
    const bad = parsedValue({ doubleValue: 'lots' });
    expect(bad.value).toEqual({ type: 'string', value: 'lots' });
    expect(bad.batch.warnings[0].code).toBe('invalid-value');
  });

  it('reads nested arrays and key-value lists in order', () => {
    const { value, batch } = parsedValue({
      kvlistValue: {
        values: [
          {
            key: 'list',
            value: { arrayValue: { values: [{ intValue: '1' }, { arrayValue: { values: [{ boolValue: true }] } }] } },
          },
          { key: 'inner', value: { kvlistValue: { values: [{ key: 'a', value: { stringValue: 'b' } }] } } },
          { key: 'none', value: { arrayValue: {} } },
        ],
      },
    });
    expect(value).toEqual({
      type: 'map',
      value: [
        {
          key: 'list',
          value: {
            type: 'array',
            value: [
              { type: 'int', value: '1' },
              { type: 'array', value: [{ type: 'bool', value: true }] },
            ],
          },
        },
        { key: 'inner', value: { type: 'map', value: [{ key: 'a', value: { type: 'string', value: 'b' } }] } },
        { key: 'none', value: { type: 'array', value: [] } },
      ],
    });
    expect(batch.warnings).toEqual([]);
  });

  it('gives the full path of a bad value deep inside nested values', () => {
    const { batch } = parsedValue({
      arrayValue: {
        values: [{ stringValue: 'ok' }, { kvlistValue: { values: [{ key: 'n', value: { intValue: 'x1' } }] } }],
      },
    });
    expect(batch.warnings.map((w) => w.path)).toEqual([
      `${SPAN_PATH}.attributes[0].value.arrayValue.values[1].kvlistValue.values[0].value.intValue`,
    ]);
  });

  it('reads values nested 20,000 deep without exhausting the call stack', () => {
    let deep: Record<string, unknown> = { stringValue: 'bottom' };
    for (let i = 0; i < 20_000; i++) deep = { arrayValue: { values: [deep] } };
    const { depth, bottom } = nestingOf(parsedValue(deep).value);
    expect(depth).toBe(20_000);
    expect(bottom).toEqual({ type: 'string', value: 'bottom' });
  });

  it('reads a non-standard AnyValue key on a best-effort basis, with a warning', () => {
    const batch = parseOtlp(request([span()], [attr('service.name', { anyValue: 'test-with-curl' })]));
    expect(only(batch).serviceName).toBe('test-with-curl');
    expect(batch.warnings[0]).toMatchObject({
      code: 'invalid-value',
      path: '$.resourceSpans[0].resource.attributes[0].value.anyValue',
    });
  });
});

describe('times', () => {
  it('keeps nanosecond precision beyond 2^53 and a 1 ns duration', () => {
    const s = only(
      parseOtlp(request([span({ startTimeUnixNano: '1700000000123456789', endTimeUnixNano: '1700000000123456790' })])),
    );
    expect(epochToString(s.start)).toBe('1700000000123456789');
    expect(s.durationNs).toBe(1);
  });

  it('accepts times written as JSON numbers', () => {
    const times = { startTimeUnixNano: 1_700_000_000_000_000_000, endTimeUnixNano: 1_700_000_001_000_000_000 };
    const s = only(parseOtlp(request([span(times)])));
    expect(s.start.sec).toBe(1_700_000_000);
    expect(s.durationNs).toBe(1e9);
  });

  it('shows a span that ends before it starts with duration 0 and a warning', () => {
    const batch = parseOtlp(request([span({ startTimeUnixNano: '2000', endTimeUnixNano: '1000' })]));
    expect(only(batch).durationNs).toBe(0);
    expect(batch.warnings[0]).toMatchObject({ code: 'invalid-value', path: `${SPAN_PATH}.endTimeUnixNano` });
  });

  it('places a span without a start at its end time', () => {
    const batch = parseOtlp(request([span({ startTimeUnixNano: undefined, endTimeUnixNano: '1700000000000000500' })]));
    expect(epochToString(only(batch).start)).toBe('1700000000000000500');
    expect(only(batch).durationNs).toBe(0);
    expect(batch.warnings[0]).toMatchObject({ code: 'missing-field', path: `${SPAN_PATH}.startTimeUnixNano` });
  });

  it('places a span with no times at the start of its trace, events included', () => {
    const batch = parseOtlp(
      request([
        span({ startTimeUnixNano: '1700000000000000900' }),
        span({ spanId: SPAN_B, startTimeUnixNano: undefined, endTimeUnixNano: undefined, events: [{ name: 'e' }] }),
      ]),
    );
    const timeless = batch.spans[1];
    expect(epochToString(timeless.start)).toBe('1700000000000000900');
    expect(timeless.durationNs).toBe(0);
    expect(epochToString(timeless.events[0].time)).toBe('1700000000000000900');
    expect(batch.warnings.map((w) => w.code)).toContain('missing-field');
    expect(batch.warnings.every((w) => w.spanIndex === 1)).toBe(true);
  });

  it('keeps an explicit start of 0 as a time (synthetic traces start there)', () => {
    const batch = parseOtlp(request([span({ startTimeUnixNano: '0', endTimeUnixNano: '100000' })]));
    expect(only(batch).start).toEqual({ sec: 0, nano: 0 });
    expect(only(batch).durationNs).toBe(100_000);
    expect(batch.warnings).toEqual([]);
  });

  it('warns about a missing end and shows duration 0', () => {
    const batch = parseOtlp(request([span({ endTimeUnixNano: undefined })]));
    expect(only(batch).durationNs).toBe(0);
    expect(batch.warnings[0]).toMatchObject({ code: 'missing-field', path: `${SPAN_PATH}.endTimeUnixNano` });
  });

  it('survives absurd and unreadable times without NaN', () => {
    const batch = parseOtlp(
      request([
        span({ startTimeUnixNano: '11651379494838206464', endTimeUnixNano: '11651379494838206464' }),
        span({ spanId: SPAN_B, startTimeUnixNano: 'yesterday', endTimeUnixNano: 1e308 }),
      ]),
    );
    for (const s of batch.spans) {
      expect(Number.isFinite(s.durationNs)).toBe(true);
      expect(Number.isFinite(s.start.sec) && Number.isFinite(s.start.nano)).toBe(true);
    }
    expect(batch.warnings.some((w) => w.path.endsWith('spans[1].startTimeUnixNano'))).toBe(true);
  });
});

describe('resource, scope, events and links', () => {
  it('shares one resource per resourceSpans and one scope per scopeSpans', () => {
    const batch = parseOtlp({
      resourceSpans: [
        {
          resource: { attributes: [svc('cart'), attr('host.name', { stringValue: 'h1' })] },
          scopeSpans: [
            { scope: { name: 'http', version: '1.2' }, spans: [span(), span({ spanId: SPAN_B })] },
            { scope: { name: 'db' }, spans: [span({ spanId: 'aaaaaaaaaaaaaaaa' })] },
          ],
        },
      ],
    });
    const [a, b, c] = batch.spans;
    expect(a.serviceName).toBe('cart');
    expect(a.resource).toBe(b.resource);
    expect(a.resource).toBe(c.resource);
    expect(a.scope).toBe(b.scope);
    expect(a.scope).toEqual({ name: 'http', version: '1.2', attributes: [] });
    expect(c.scope?.name).toBe('db');
  });

  it('names a resource without service.name unknown_service and warns', () => {
    const batch = parseOtlp(request([span()], []));
    expect(only(batch).serviceName).toBe('unknown_service');
    expect(batch.warnings).toEqual([
      expect.objectContaining({ code: 'missing-field', path: '$.resourceSpans[0].resource.attributes', spanIndex: 0 }),
    ]);
  });

  it('uses process.executable.name in the default service name, as the SDKs do', () => {
    const batch = parseOtlp(request([span()], [attr('process.executable.name', { stringValue: 'node' })]));
    expect(only(batch).serviceName).toBe('unknown_service:node');
  });

  it('reads the older instrumentationLibrarySpans / instrumentationLibrary names', () => {
    const batch = parseOtlp({
      resourceSpans: [
        {
          resource: { attributes: [svc('old')] },
          instrumentationLibrarySpans: [
            { instrumentationLibrary: { name: 'legacy', version: '0.1' }, spans: [span()] },
          ],
        },
      ],
    });
    expect(only(batch).scope).toEqual({ name: 'legacy', version: '0.1', attributes: [] });
    expect(only(batch).serviceName).toBe('old');
  });

  it('reads events and links, normalizing link ids', () => {
    const s = only(
      parseOtlp(
        request([
          span({
            events: [
              { timeUnixNano: '1700000000000000500', name: 'retry', attributes: [attr('n', { intValue: '2' })] },
            ],
            links: [
              {
                traceId: Buffer.from(TRACE, 'hex').toString('base64'),
                spanId: SPAN_B.toUpperCase(),
                attributes: [attr('why', { stringValue: 'batch' })],
              },
            ],
          }),
        ]),
      ),
    );
    expect(s.events).toEqual([
      {
        time: { sec: 1_700_000_000, nano: 500 },
        name: 'retry',
        attributes: [{ key: 'n', value: { type: 'int', value: '2' } }],
      },
    ]);
    expect(s.links).toEqual([
      {
        traceId: TRACE,
        spanId: SPAN_B,
        relation: 'link',
        attributes: [{ key: 'why', value: { type: 'string', value: 'batch' } }],
      },
    ]);
  });

  it('reads the opentracing.ref_type link attribute as the link relation', () => {
    const refType = (value: string) => [attr('opentracing.ref_type', { stringValue: value })];
    const s = only(
      parseOtlp(
        request([
          span({
            links: [
              { traceId: TRACE, spanId: SPAN_B, attributes: refType('follows_from') },
              { traceId: TRACE, spanId: SPAN_B, attributes: [...refType('child_of'), attr('x', { boolValue: true })] },
              { traceId: TRACE, spanId: SPAN_B, attributes: refType('sibling_of') },
            ],
          }),
        ]),
      ),
    );
    expect(s.links.map((l) => [l.relation, l.attributes.map((a) => a.key)])).toEqual([
      ['follows_from', []],
      ['child_of', ['x']],
      ['link', ['opentracing.ref_type']],
    ]);
  });

  it('warns about negative dropped counts on spans, events and links', () => {
    const batch = parseOtlp(
      request([
        span({
          droppedAttributesCount: -1,
          droppedEventsCount: -2,
          events: [{ timeUnixNano: '1700000000000000500', name: 'e', droppedAttributesCount: -1 }],
          links: [{ traceId: TRACE, spanId: SPAN_B, droppedAttributesCount: -1 }],
        }),
      ]),
    );
    expect(batch.warnings.filter((w) => w.code === 'negative-count').map((w) => w.path)).toEqual([
      `${SPAN_PATH}.events[0].droppedAttributesCount`,
      `${SPAN_PATH}.links[0].droppedAttributesCount`,
      `${SPAN_PATH}.droppedAttributesCount`,
      `${SPAN_PATH}.droppedEventsCount`,
    ]);
  });

  it('sums positive dropped counts into one note', () => {
    const batch = parseOtlp(
      request([span({ droppedAttributesCount: 3 }), span({ spanId: SPAN_B, droppedLinksCount: 2 })]),
    );
    expect(batch.notes).toEqual(['The senders reported dropping 3 attributes, 2 links before export']);
    expect(batch.warnings).toEqual([]);
  });
});

describe('wrappers', () => {
  const inner = request([span()]).resourceSpans;

  it('reads Tempo {batches}', () => {
    const batch = parseOtlp({ batches: inner });
    expect(batch.format).toBe('tempo');
    expect(only(batch).serviceName).toBe('checkout');
  });

  it('reads Tempo v2 {trace} and notes a partial trace', () => {
    const batch = parseOtlp({ trace: { resourceSpans: inner }, status: 'PARTIAL' });
    expect(batch.format).toBe('tempo');
    expect(batch.spans).toHaveLength(1);
    expect(batch.notes).toEqual(['Tempo reported this trace as partial']);
    expect(parseOtlp({ trace: { resourceSpans: inner } }).notes).toEqual([]);
  });

  it('reads Jaeger /api/v3 {result} and reports paths under it', () => {
    const batch = parseOtlp({ result: { resourceSpans: request([span({ kind: 'nope' })]).resourceSpans } });
    expect(batch.format).toBe('otlp');
    expect(batch.warnings[0].path).toBe('$.result.resourceSpans[0].scopeSpans[0].spans[0].kind');
  });
});

describe('JSON Lines', () => {
  it('merges span lines, skips other signals into one note, and prefixes paths with line numbers', () => {
    const batch = parseOtlpJsonLines([
      { line: 1, doc: request([span()]) },
      { line: 2, doc: { resourceLogs: [] } },
      { line: 4, doc: { resourceMetrics: [] } },
      { line: 5, doc: request([span({ spanId: SPAN_B, kind: 42 })]) },
    ]);
    expect(batch.format).toBe('otlp-jsonl');
    expect(batch.spans.map((s) => s.spanId)).toEqual([SPAN_A, SPAN_B]);
    expect(batch.notes).toEqual(['Skipped 2 lines of logs/metrics']);
    expect(batch.warnings).toEqual([
      expect.objectContaining({ code: 'unknown-kind', path: `line 5: ${SPAN_PATH}.kind`, spanIndex: 1 }),
    ]);
  });

  it('places a timeless span by the spans of other lines of its trace', () => {
    const batch = parseOtlpJsonLines([
      { line: 1, doc: request([span({ startTimeUnixNano: '1700000000000000077' })]) },
      { line: 2, doc: request([span({ spanId: SPAN_B, startTimeUnixNano: undefined, endTimeUnixNano: undefined })]) },
    ]);
    expect(epochToString(batch.spans[1].start)).toBe('1700000000000000077');
    expect(batch.warnings[0].path).toBe(`line 2: ${SPAN_PATH}.startTimeUnixNano`);
  });
});

const expected = expectedByFile();
const otlpFiles = Object.entries(expected).filter(([, e]) => ['otlp', 'otlp-jsonl', 'tempo'].includes(e.format));

function parseCorpusFile(file: string, format: string): ParsedBatch {
  const text = readCorpusText(file);
  if (format !== 'otlp-jsonl') return parseOtlp(JSON.parse(text));
  const lines = text
    .split('\n')
    .map((raw, i) => ({ line: i + 1, raw: raw.trim() }))
    .filter((l) => l.raw !== '')
    .map((l) => ({ line: l.line, doc: JSON.parse(l.raw) as unknown }));
  return parseOtlpJsonLines(lines);
}

describe('corpus', () => {
  it('finds all 27 OTLP, OTLP JSON Lines and Tempo files of the corpus', () => {
    expect(otlpFiles.length).toBe(27);
  });

  it.each(otlpFiles)('%s loads with the expected span and trace counts', (file, exp) => {
    const batch = parseCorpusFile(file, exp.format);
    expect(batch.format).toBe(exp.format);
    expect(batch.spans).toHaveLength(exp.spans);
    expect(new Set(batch.spans.map((s) => s.traceId)).size).toBe(exp.traces);
    for (const s of batch.spans) expect(Number.isFinite(s.durationNs) && s.durationNs >= 0).toBe(true);
    if (exp.expect === 'load-with-warnings') expect(batch.warnings.length).toBeGreaterThan(0);
  });

  it('finds the parent written in base64 in grafana__mockJsonResponse.json', () => {
    const batch = parseCorpusFile('tempo/grafana__mockJsonResponse.json', 'tempo');
    const child = batch.spans.find((s) => s.spanId === '1957671c4ad85a8a');
    expect(child?.parentSpanId).toBe('5a07669d441aa326');
    expect(batch.spans.some((s) => s.spanId === child?.parentSpanId)).toBe(true);
  });

  it('skips the log and metric lines of otel-tui__test_data.json in one note', () => {
    const batch = parseCorpusFile('otlp/otel-tui__test_data.json', 'otlp-jsonl');
    expect(batch.notes).toEqual(['Skipped 56 lines of logs/metrics']);
  });

  it('flags each malformed OTLP file with the right kind of warning', () => {
    const codes = (file: string) => parseCorpusFile(`otlp/${file}`, 'otlp').warnings.map((w) => w.code);
    expect(codes('otlp2parquet__trace_invalid_base64.json')).toContain('invalid-id');
    expect(codes('otlp2parquet__trace_mixed_encoding.json')).toContain('invalid-id');
    expect(codes('otlp2parquet__trace_invalid_kind.json')).toContain('unknown-kind');
    expect(codes('jaeger-ui__otlp2jaeger-in-error.json')).toContain('missing-field');
    const negative = codes('jaeger-ui__otlp2jaeger-negative-counts.json').filter((c) => c === 'negative-count');
    expect(negative).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { looksLikeJaeger, parseJaeger } from '../../../src/formats/jaeger.ts';
import { FormatError, type ParsedBatch, type ParsedSpan } from '../../../src/formats/parsed.ts';
import type { AttributeValue } from '../../../src/model/trace.ts';
import { corpusEntries, readCorpusText } from '../../helpers/corpus.ts';

type Json = Record<string, unknown>;

const TRACE = 'abc123';

function span(spanID: string, extra: Json = {}): Json {
  return {
    traceID: TRACE,
    spanID,
    operationName: `op-${spanID}`,
    references: [],
    startTime: 1_600_000_000_000_000,
    duration: 100,
    tags: [],
    logs: [],
    processID: 'p1',
    warnings: null,
    ...extra,
  };
}

function trace(spans: Json[], processes: Json = { p1: { serviceName: 'svc', tags: [] } }): Json {
  return { traceID: TRACE, spans, processes, warnings: null };
}

/** Parses one span inside a trace and returns it with the batch. */
function parseOne(extra: Json): { span: ParsedSpan; batch: ParsedBatch } {
  const batch = parseJaeger(trace([span('s1', extra)]));
  expect(batch.spans).toHaveLength(1);
  return { span: batch.spans[0], batch };
}

function tagValue(extraTags: Json[], key: string): AttributeValue | undefined {
  return parseOne({ tags: extraTags }).span.attributes.find((a) => a.key === key)?.value;
}

describe('looksLikeJaeger', () => {
  it('recognises every Jaeger shape', () => {
    expect(looksLikeJaeger({ data: [trace([span('a')])] })).toBe(true);
    expect(looksLikeJaeger({ data: [trace([span('a')])], total: 0, limit: 0, offset: 0, errors: null })).toBe(true);
    expect(looksLikeJaeger(trace([span('a')]))).toBe(true);
    expect(looksLikeJaeger([trace([span('a')]), trace([span('b')])])).toBe(true);
    expect(looksLikeJaeger({ data: { services: [], spans: [span('a')] } })).toBe(true);
    expect(looksLikeJaeger([span('a'), span('b')])).toBe(true);
    expect(looksLikeJaeger({ traceID: TRACE, spanID: 'a', duration: 3 })).toBe(true);
    expect(looksLikeJaeger({ data: [], total: 0, limit: 0, offset: 0, errors: null })).toBe(true);
  });

  it('rejects lowercase-Id models and other formats', () => {
    expect(
      looksLikeJaeger({
        spans: [{ traceId: 'AAAA', spanId: 'AAAA', startTime: '2017-01-26T16:46:31Z' }],
        processMap: [],
      }),
    ).toBe(false);
    expect(looksLikeJaeger([{ traceId: 'a', id: 'b', name: 'x' }])).toBe(false);
    expect(looksLikeJaeger({ resourceSpans: [] })).toBe(false);
    expect(looksLikeJaeger({ traces: [{ traceID: 'a', spanSet: { spans: [] } }] })).toBe(false);
    expect(looksLikeJaeger({ data: [] })).toBe(false);
    expect(looksLikeJaeger([])).toBe(false);
    expect(looksLikeJaeger(null)).toBe(false);
    expect(looksLikeJaeger('traceID')).toBe(false);
  });
});

describe('parseJaeger document shapes', () => {
  it('reads the UI download {data: [trace, trace]}', () => {
    const other = { ...trace([span('c', { traceID: 'def' })]), traceID: 'def' };
    const batch = parseJaeger({ data: [trace([span('a'), span('b')]), other] });
    expect(batch.format).toBe('jaeger');
    expect(batch.spans.map((s) => `${s.traceId}/${s.spanId}`)).toEqual(['abc123/a', 'abc123/b', 'def/c']);
    expect(batch.warnings).toEqual([]);
  });

  it('adds a note per /api/traces error and none when errors is null', () => {
    const errors = [
      { code: 404, msg: 'trace not found', traceID: 'ffff' },
      { code: 500, msg: 'storage timeout' },
    ];
    const batch = parseJaeger({ data: [trace([span('a')])], total: 1, limit: 0, offset: 0, errors });
    expect(batch.spans).toHaveLength(1);
    expect(batch.notes).toHaveLength(2);
    expect(batch.notes[0]).toContain('trace not found');
    expect(batch.notes[0]).toContain('ffff');
    expect(batch.notes[1]).toContain('storage timeout');
    expect(parseJaeger({ data: [trace([span('a')])], errors: null }).notes).toEqual([]);
  });

  it('reads an error-only /api/traces response as no spans with notes', () => {
    const batch = parseJaeger({
      data: null,
      total: 0,
      limit: 0,
      offset: 0,
      errors: [{ code: 404, msg: 'trace not found' }],
    });
    expect(batch.spans).toEqual([]);
    expect(batch.notes[0]).toContain('trace not found');
  });

  it('reads a single trace object and an array of traces', () => {
    expect(parseJaeger(trace([span('a'), span('b')])).spans).toHaveLength(2);
    expect(parseJaeger([trace([span('a')]), trace([span('b')])]).spans.map((s) => s.spanId)).toEqual(['a', 'b']);
  });

  it("reads {data: trace} (jaeger-ui's model) with inline processes and extra fields", () => {
    const uiSpan = span('a', {
      processID: 'p9',
      process: { serviceName: 'inline-svc', tags: [] },
      relativeStartTime: 0,
      depth: 0,
      hasChildren: false,
    });
    const batch = parseJaeger({
      data: { services: [{ name: 'inline-svc', numberOfSpans: 1 }], spans: [uiSpan] },
      id: 'x',
    });
    expect(batch.spans).toHaveLength(1);
    expect(batch.spans[0].serviceName).toBe('inline-svc');
    expect(batch.warnings).toEqual([]);
  });

  it('reads a bare array of spans with inline processes', () => {
    const batch = parseJaeger([
      span('a', { processID: undefined, process: { serviceName: 'front', tags: [] } }),
      span('b', { processID: undefined, process: { serviceName: 'back', tags: [] } }),
    ]);
    expect(batch.spans.map((s) => s.serviceName)).toEqual(['front', 'back']);
  });

  it('reads a lone span object with missing fields as one span with warnings', () => {
    const batch = parseJaeger({ traceID: '2be38093ead7a083', spanID: '7606ddfe69932d34', duration: 267037 });
    expect(batch.spans).toHaveLength(1);
    const only = batch.spans[0];
    expect(only.serviceName).toBe('unknown');
    expect(only.durationNs).toBe(267_037_000);
    const codes = batch.warnings.map((w) => `${w.code} ${w.path}`);
    expect(codes).toContain('missing-field $.operationName');
    expect(codes).toContain('missing-field $.startTime');
    expect(codes).toContain('missing-field $');
  });

  it('throws a FormatError naming the lowercase ids for Jaeger domain-model JSON', () => {
    const domain = {
      spans: [
        { traceId: 'AAAAAAAAAAE=', spanId: 'AAAAAAAAAAI=', startTime: '2017-01-26T16:46:31Z', duration: '5000ns' },
      ],
    };
    expect(() => parseJaeger(domain)).toThrow(FormatError);
    expect(() => parseJaeger(domain)).toThrow(/traceId/);
    expect(() => parseJaeger(42)).toThrow(FormatError);
  });

  it('keeps every span record, duplicates included', () => {
    const batch = parseJaeger(trace([span('a'), span('a')]));
    expect(batch.spans).toHaveLength(2);
    expect(batch.spans[0]).not.toBe(batch.spans[1]);
  });

  it('treats null references, tags and logs as empty', () => {
    const { span: s, batch } = parseOne({ references: null, tags: null, logs: null });
    expect(s.parentSpanId).toBeUndefined();
    expect(s.attributes).toEqual([]);
    expect(s.events).toEqual([]);
    expect(s.links).toEqual([]);
    expect(batch.warnings).toEqual([]);
  });
});

describe('typed tags', () => {
  it('reads string, bool, int64, float64 and binary values', () => {
    const { span: s, batch } = parseOne({
      tags: [
        { key: 's', type: 'string', value: 'text' },
        { key: 'b', type: 'bool', value: true },
        { key: 'i', type: 'int64', value: 42 },
        { key: 'f', type: 'float64', value: 72.5 },
        { key: 'bin', type: 'binary', value: 'AAAwOQ==' },
      ],
    });
    expect(s.attributes).toEqual([
      { key: 's', value: { type: 'string', value: 'text' } },
      { key: 'b', value: { type: 'bool', value: true } },
      { key: 'i', value: { type: 'int', value: '42' } },
      { key: 'f', value: { type: 'double', value: 72.5 } },
      { key: 'bin', value: { type: 'bytes', value: 'AAAwOQ==' } },
    ]);
    expect(batch.warnings).toEqual([]);
  });

  it('keeps the exact digits of an int64 written as a string above 2^53', () => {
    expect(tagValue([{ key: 'big', type: 'int64', value: '9223372036854775222' }], 'big')).toEqual({
      type: 'int',
      value: '9223372036854775222',
    });
    expect(tagValue([{ key: 'neg', type: 'int64', value: '-9223372036854775808' }], 'neg')).toEqual({
      type: 'int',
      value: '-9223372036854775808',
    });
  });

  it('keeps an int64 number above 2^53 but warns that it lost precision', () => {
    // biome-ignore lint/correctness/noPrecisionLoss: the loss is what this test is about
    const { span: s, batch } = parseOne({ tags: [{ key: 'big', type: 'int64', value: 9223372036854775807 }] });
    expect(s.attributes[0].value).toEqual({ type: 'int', value: '9223372036854775808' });
    expect(batch.warnings).toHaveLength(1);
    expect(batch.warnings[0]).toMatchObject({ code: 'invalid-value', path: '$.spans[0].tags[0].value', spanIndex: 0 });
  });

  it('reads bool tags written as the strings "true" and "false"', () => {
    const tags = [
      { key: 't', type: 'bool', value: 'true' },
      { key: 'f', type: 'bool', value: 'false' },
    ];
    expect(tagValue(tags, 't')).toEqual({ type: 'bool', value: true });
    expect(tagValue(tags, 'f')).toEqual({ type: 'bool', value: false });
  });

  it('infers the type from the value when type is missing', () => {
    const { span: s, batch } = parseOne({
      tags: [
        { key: 's', value: 'x' },
        { key: 'i', value: 7 },
        { key: 'd', value: 0.25 },
        { key: 'b', value: false },
      ],
    });
    expect(s.attributes.map((a) => a.value)).toEqual([
      { type: 'string', value: 'x' },
      { type: 'int', value: '7' },
      { type: 'double', value: 0.25 },
      { type: 'bool', value: false },
    ]);
    expect(batch.warnings).toEqual([]);
  });

  it('warns about a value that does not fit its declared type and keeps it', () => {
    const { span: s, batch } = parseOne({ tags: [{ key: 'n', type: 'int64', value: 'lots' }] });
    expect(s.attributes[0].value).toEqual({ type: 'string', value: 'lots' });
    expect(batch.warnings[0]).toMatchObject({ code: 'invalid-value', path: '$.spans[0].tags[0].value' });
  });

  it('puts process tags on the Resource', () => {
    const batch = parseJaeger(
      trace([span('a')], { p1: { serviceName: 'svc', tags: [{ key: 'hostname', type: 'string', value: 'h1' }] } }),
    );
    expect(batch.spans[0].resource).toEqual({
      serviceName: 'svc',
      attributes: [{ key: 'hostname', value: { type: 'string', value: 'h1' } }],
    });
  });
});

describe("Elasticsearch's tags-as-fields", () => {
  // As Jaeger's Elasticsearch storage writes spans with tags-as-fields: dots in keys become '@'.
  const esSpan = (
    spanID: string,
    tag: Json,
    processTag: Json = { hostname: 'crm-7', 'jaeger@version': 'Java-1.5.0' },
  ) =>
    span(spanID, { processID: undefined, tags: [], tag, process: { serviceName: 'crm', tags: [], tag: processTag } });

  it('reads span and process tag fields as tags, dots restored, typed by their JSON values', () => {
    const batch = parseJaeger([
      esSpan('a', { 'span@kind': 'server', 'http@status_code': 500, error: true, ratio: 0.5, component: 'camel-rest' }),
    ]);
    const [s] = batch.spans;
    expect(s.attributes).toEqual([
      { key: 'span.kind', value: { type: 'string', value: 'server' } },
      { key: 'http.status_code', value: { type: 'int', value: '500' } },
      { key: 'error', value: { type: 'bool', value: true } },
      { key: 'ratio', value: { type: 'double', value: 0.5 } },
      { key: 'component', value: { type: 'string', value: 'camel-rest' } },
    ]);
    expect(s.kind).toBe('server');
    expect(s.status.code).toBe('error');
    expect(s.resource.attributes).toEqual([
      { key: 'hostname', value: { type: 'string', value: 'crm-7' } },
      { key: 'jaeger.version', value: { type: 'string', value: 'Java-1.5.0' } },
    ]);
    expect(batch.warnings).toEqual([]);
  });

  it('keeps a tag field that is not a scalar as its JSON text, with a warning at its path', () => {
    const batch = parseJaeger([esSpan('a', { nested: { a: 1 } })]);
    expect(batch.spans[0].attributes).toEqual([{ key: 'nested', value: { type: 'string', value: '{"a":1}' } }]);
    expect(batch.warnings).toContainEqual(expect.objectContaining({ code: 'invalid-value', path: '$[0].tag.nested' }));
  });

  it('shares one Resource among identical inline processes, and tells different tag fields apart', () => {
    const spans = parseJaeger([esSpan('a', {}), esSpan('b', {}), esSpan('c', {}, { hostname: 'crm-8' })]).spans;
    expect(spans[0].resource).toBe(spans[1].resource);
    expect(spans[2].resource.attributes).toEqual([{ key: 'hostname', value: { type: 'string', value: 'crm-8' } }]);
  });
});

describe('times', () => {
  it('converts epoch microseconds to EpochTime and duration to nanoseconds', () => {
    const { span: s } = parseOne({ startTime: 1485467191639875, duration: 5 });
    expect(s.start).toEqual({ sec: 1485467191, nano: 639875000 });
    expect(s.durationNs).toBe(5000);
  });

  it('accepts numeric strings and keeps fractional microseconds', () => {
    const { span: s, batch } = parseOne({ startTime: '1485467191639875', duration: 1.5 });
    expect(s.start).toEqual({ sec: 1485467191, nano: 639875000 });
    expect(s.durationNs).toBe(1500);
    expect(batch.warnings).toEqual([]);
  });

  it('takes a non-numeric duration as 0 with a warning at its path', () => {
    const batch = parseJaeger([{ traceID: '2be38093ead7a083', spanID: '7bd66f09ba90ea3d', duration: 'invalid' }]);
    expect(batch.spans[0].durationNs).toBe(0);
    expect(batch.warnings).toContainEqual(
      expect.objectContaining({ code: 'invalid-value', path: '$[0].duration', spanIndex: 0 }),
    );
  });

  it('places a root without startTime at the earliest start of its trace', () => {
    const batch = parseJaeger(
      trace([
        span('a', { startTime: 2_000_000 }),
        span('b', { startTime: undefined }),
        span('c', { startTime: 1_000_000 }),
      ]),
    );
    expect(batch.spans[1].start).toEqual({ sec: 1, nano: 0 });
    expect(batch.warnings).toContainEqual(
      expect.objectContaining({ code: 'missing-field', path: '$.spans[1].startTime', spanIndex: 1 }),
    );
  });

  const REAL = 1_784_570_820_629_325;
  const childOf = (parent: string) => [{ refType: 'CHILD_OF', traceID: TRACE, spanID: parent }];

  it('places a span without startTime at its nearest ancestor that has one, through ancestors without', () => {
    const batch = parseJaeger(
      trace([
        span('root', { startTime: REAL, duration: 1000 }),
        span('early', { startTime: REAL - 500, references: childOf('root') }),
        span('middle', { startTime: undefined, references: childOf('root') }),
        span('leaf', { startTime: 'soon', references: childOf('middle') }),
      ]),
    );
    const startOf = (id: string) => batch.spans.find((s) => s.spanId === id)!.start;
    // Its parent's start, not the trace's earliest (the early sibling's).
    expect(startOf('middle')).toEqual(startOf('root'));
    expect(startOf('leaf')).toEqual(startOf('root'));
  });

  it('takes a startTime of 0 as not set in a trace with real times, as Jaeger UI does, so the trace is not stretched over 50 years', () => {
    const batch = parseJaeger(
      trace([
        span('root', { startTime: REAL, duration: 1000 }),
        span('zero', {
          startTime: 0,
          references: childOf('root'),
          logs: [{ fields: [{ key: 'event', type: 'string', value: 'retry' }] }],
        }),
        span('leaf', { startTime: undefined, references: childOf('zero') }),
      ]),
    );
    const [root, zero, leaf] = batch.spans;
    expect(zero.start).toEqual(root.start);
    expect(leaf.start).toEqual(root.start);
    // A log without a time sits at its span's start, which moved with it.
    expect(zero.events[0].time).toEqual(root.start);
    expect(batch.warnings).toContainEqual(
      expect.objectContaining({
        code: 'missing-field',
        path: '$.spans[1].startTime',
        spanIndex: 1,
        message: expect.stringMatching(/startTime is 0 .* not set/),
      }),
    );
  });

  it('keeps a startTime of 0 in a synthetic trace whose times all count from 0', () => {
    const batch = parseJaeger(
      trace([
        span('root', { startTime: 0, duration: 300 }),
        span('child', { startTime: 100, references: childOf('root') }),
      ]),
    );
    expect(batch.spans.map((s) => s.start)).toEqual([
      { sec: 0, nano: 0 },
      { sec: 0, nano: 100_000 },
    ]);
    expect(batch.warnings).toEqual([]);
  });
});

describe('logs', () => {
  it('become events named by their event field, timestamps from microseconds', () => {
    const { span: s } = parseOne({
      logs: [
        {
          timestamp: 1485467191639876,
          fields: [
            { key: 'event', type: 'string', value: 'cache-miss' },
            { key: 'size', type: 'int64', value: 3 },
          ],
        },
        { timestamp: 1485467191639877, fields: [{ key: 'message', type: 'string', value: 'hello' }] },
      ],
    });
    expect(s.events).toEqual([
      {
        time: { sec: 1485467191, nano: 639876000 },
        name: 'cache-miss',
        attributes: [
          { key: 'event', value: { type: 'string', value: 'cache-miss' } },
          { key: 'size', value: { type: 'int', value: '3' } },
        ],
      },
      {
        time: { sec: 1485467191, nano: 639877000 },
        name: 'log',
        attributes: [{ key: 'message', value: { type: 'string', value: 'hello' } }],
      },
    ]);
  });
});

describe('references', () => {
  const ref = (refType: string, spanID: string, traceID = TRACE) => ({ refType, traceID, spanID });

  it('uses the first same-trace CHILD_OF as parent and keeps the rest as links', () => {
    const { span: s } = parseOne({
      references: [ref('FOLLOWS_FROM', 'f1'), ref('CHILD_OF', 'p1'), ref('CHILD_OF', 'p2')],
    });
    expect(s.parentSpanId).toBe('p1');
    expect(s.links.map((l) => [l.spanId, l.relation])).toEqual([
      ['f1', 'follows_from'],
      ['p2', 'child_of'],
    ]);
  });

  it('falls back to the first same-trace FOLLOWS_FROM when there is no CHILD_OF', () => {
    const { span: s } = parseOne({ references: [ref('FOLLOWS_FROM', 'f1'), ref('FOLLOWS_FROM', 'f2')] });
    expect(s.parentSpanId).toBe('f1');
    // The parent reference stays a link too, so analysis knows the parent did not wait for it.
    expect(s.links).toEqual([
      { traceId: TRACE, spanId: 'f1', relation: 'follows_from', attributes: [] },
      { traceId: TRACE, spanId: 'f2', relation: 'follows_from', attributes: [] },
    ]);
  });

  it('keeps a cross-trace reference as a link, never as the parent', () => {
    const crossFirst = parseOne({
      references: [ref('CHILD_OF', 'ff', '00000000000000ff'), ref('CHILD_OF', 'p1')],
    }).span;
    expect(crossFirst.parentSpanId).toBe('p1');
    expect(crossFirst.links).toEqual([
      { traceId: '00000000000000ff', spanId: 'ff', relation: 'child_of', attributes: [] },
    ]);

    const crossOnly = parseOne({ references: [ref('CHILD_OF', 'ff', 'other')] }).span;
    expect(crossOnly.parentSpanId).toBeUndefined();
    expect(crossOnly.links).toHaveLength(1);
  });

  it('honours a legacy parentSpanID when there are no references', () => {
    expect(parseOne({ references: undefined, parentSpanID: 'ABC' }).span.parentSpanId).toBe('abc');
    expect(parseOne({ references: [], parentSpanID: '0' }).span.parentSpanId).toBeUndefined();
  });
});

describe('span fields from tags', () => {
  const kindOf = (value: string) => parseOne({ tags: [{ key: 'span.kind', type: 'string', value }] });

  it('maps span.kind to the span kind and keeps the tag', () => {
    for (const kind of ['server', 'client', 'producer', 'consumer', 'internal'] as const) {
      const { span: s } = kindOf(kind);
      expect(s.kind).toBe(kind);
      expect(s.attributes).toContainEqual({ key: 'span.kind', value: { type: 'string', value: kind } });
    }
    expect(parseOne({}).span.kind).toBe('unspecified');
  });

  it('warns about an unknown span.kind', () => {
    const { span: s, batch } = kindOf('sideways');
    expect(s.kind).toBe('unspecified');
    expect(batch.warnings[0]).toMatchObject({ code: 'unknown-kind', path: '$.spans[0].tags[0].value' });
  });

  it('marks error=true (bool or string) as an error status', () => {
    expect(parseOne({ tags: [{ key: 'error', type: 'bool', value: true }] }).span.status).toEqual({ code: 'error' });
    expect(parseOne({ tags: [{ key: 'error', type: 'bool', value: 'true' }] }).span.status).toEqual({ code: 'error' });
    expect(parseOne({ tags: [{ key: 'error', type: 'string', value: 'true' }] }).span.status).toEqual({
      code: 'error',
    });
    expect(parseOne({ tags: [{ key: 'error', type: 'bool', value: false }] }).span.status).toEqual({ code: 'unset' });
  });

  it('reads otel.status_code and otel.status_description', () => {
    const errorTags = [
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
      { key: 'otel.status_description', type: 'string', value: 'upstream timed out' },
    ];
    expect(parseOne({ tags: errorTags }).span.status).toEqual({ code: 'error', message: 'upstream timed out' });
    expect(parseOne({ tags: [{ key: 'otel.status_code', type: 'string', value: 'OK' }] }).span.status).toEqual({
      code: 'ok',
    });
  });

  it('reads the instrumentation scope from otel.scope.* or otel.library.*', () => {
    const scoped = parseOne({
      tags: [
        { key: 'otel.scope.name', type: 'string', value: 'telemetrygen' },
        { key: 'otel.scope.version', type: 'string', value: '1.2' },
      ],
    }).span;
    expect(scoped.scope).toEqual({ name: 'telemetrygen', version: '1.2', attributes: [] });
    const library = parseOne({
      tags: [{ key: 'otel.library.name', type: 'string', value: 'go.opentelemetry.io/otel' }],
    }).span;
    expect(library.scope).toEqual({ name: 'go.opentelemetry.io/otel', attributes: [] });
    expect(parseOne({}).span.scope).toBeUndefined();
  });

  it('turns span.warnings into warnings on that span', () => {
    const batch = parseJaeger(trace([span('a'), span('b', { warnings: ['clock skew adjusted'] })]));
    expect(batch.warnings).toEqual([
      { code: 'other', message: 'clock skew adjusted', path: '$.spans[1].warnings[0]', spanIndex: 1 },
    ]);
  });
});

describe('processes and ids', () => {
  it('shares one Resource per process among its spans', () => {
    const processes = { p1: { serviceName: 'one', tags: [] }, p2: { serviceName: 'two', tags: [] } };
    const spans = parseJaeger(trace([span('a'), span('b', { processID: 'p2' }), span('c')], processes)).spans;
    expect(spans.map((s) => s.serviceName)).toEqual(['one', 'two', 'one']);
    expect(spans[0].resource).toBe(spans[2].resource);
    expect(spans[0].resource).not.toBe(spans[1].resource);
  });

  it('shares one Resource among identical inline processes', () => {
    const inline = () => ({ serviceName: 'svc', tags: [{ key: 'ip', type: 'string', value: '10.0.0.1' }] });
    const spans = parseJaeger([
      span('a', { processID: undefined, process: inline() }),
      span('b', { processID: undefined, process: inline() }),
    ]).spans;
    expect(spans[0].resource).toBe(spans[1].resource);
  });

  it('uses service "unknown" with a warning when the process cannot be found', () => {
    const batch = parseJaeger(trace([span('a', { processID: 'p7' })]));
    expect(batch.spans[0].serviceName).toBe('unknown');
    expect(batch.warnings).toEqual([
      expect.objectContaining({ code: 'missing-field', path: '$.spans[0].processID', spanIndex: 0 }),
    ]);
  });

  it('lowercases hex ids and warns about an empty spanID', () => {
    const batch = parseJaeger(trace([span('ABCDEF', { traceID: 'ABC123' }), span('')]));
    expect(batch.spans[0].spanId).toBe('abcdef');
    expect(batch.spans[0].traceId).toBe('abc123');
    expect(batch.spans).toHaveLength(2);
    expect(batch.warnings).toEqual([
      expect.objectContaining({ code: 'invalid-id', path: '$.spans[1].spanID', spanIndex: 1 }),
    ]);
  });
});

describe('corpus', () => {
  const entries = corpusEntries();

  for (const entry of entries.filter((e) => e.format === 'jaeger' && e.expect !== 'error')) {
    it(`${entry.file}: ${entry.spans} spans in ${entry.traces} traces`, () => {
      const doc: unknown = JSON.parse(readCorpusText(entry.file));
      expect(looksLikeJaeger(doc)).toBe(true);
      let batch: ParsedBatch;
      try {
        batch = parseJaeger(doc);
      } catch (error) {
        if (entry.expect === 'error-or-warnings' && error instanceof FormatError) return;
        throw error;
      }
      expect(batch.spans).toHaveLength(entry.spans);
      expect(new Set(batch.spans.map((s) => s.traceId)).size).toBe(entry.traces);
      if (entry.expect === 'load-with-warnings' || entry.expect === 'error-or-warnings') {
        expect(batch.warnings.length).toBeGreaterThan(0);
      }
    });
  }

  it('does not claim any non-Jaeger file that parses as JSON', () => {
    const claimed: string[] = [];
    for (const entry of entries.filter((e) => e.format !== 'jaeger' || e.expect === 'error')) {
      let doc: unknown;
      try {
        doc = JSON.parse(readCorpusText(entry.file));
      } catch {
        continue; // not JSON (empty files, JSON Lines): no format gets to look at it
      }
      if (looksLikeJaeger(doc)) claimed.push(entry.file);
    }
    expect(entries.some((e) => e.file.startsWith('other/'))).toBe(true);
    expect(claimed).toEqual([]);
  });

  it('reads the real FOLLOWS_FROM-only trace with the FOLLOWS_FROM target as parent', () => {
    const doc: unknown = JSON.parse(readCorpusText('jaeger/jaeger-ui__2992f2a5b5d037a8aabffd08ef384237.json'));
    const child = parseJaeger(doc).spans.find((s) => s.spanId === '1bdf4201221bb2ac');
    expect(child?.parentSpanId).toBe('ea7cfaca83f0724b');
    expect(child?.links.map((l) => [l.spanId, l.relation])).toEqual([['ea7cfaca83f0724b', 'follows_from']]);
  });
});

describe('a reference to span 0', () => {
  it('means no parent, quietly, alone or among other references', () => {
    const lone = parseOne({ references: [{ refType: 'CHILD_OF', traceID: TRACE, spanID: '0' }] });
    expect(lone.span.parentSpanId).toBeUndefined();
    expect(lone.span.links).toEqual([]);
    expect(lone.batch.warnings).toEqual([]);
    const among = parseOne({
      references: [
        { refType: 'CHILD_OF', traceID: TRACE, spanID: '0000000000000000' },
        { refType: 'FOLLOWS_FROM', traceID: 'other', spanID: 'ab' },
      ],
    });
    expect(among.span.parentSpanId).toBeUndefined();
    expect(among.span.links.map((l) => l.spanId)).toEqual(['ab']);
    expect(among.batch.warnings).toEqual([]);
  });
});

// OTLP JSON as protobuf's printers write it when they keep the proto field names
// (resource_spans, trace_id, string_value...), with enum names or numbers and times as
// strings or numbers: the same spans as the lowerCamelCase spelling, even mixed in one file.
import { describe, expect, it } from 'vitest';
import { epochToString } from '../../../src/formats/epoch.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import { looksLikeOtlp, parseOtlp } from '../../../src/formats/otlp.ts';

const TRACE = '5b8efff798038103d269b633813fc60c';
const ROOT = 'eee19b7ec3c1b174';
const CHILD = 'eee19b7ec3c1b173';

/** What Python's MessageToJson(preserving_proto_field_name=True) writes for a two-span trace. */
const PROTO_NAMED = {
  resource_spans: [
    {
      resource: {
        attributes: [{ key: 'service.name', value: { string_value: 'checkout' } }],
        dropped_attributes_count: 2,
      },
      scope_spans: [
        {
          scope: { name: 'io.opentelemetry.flask', version: '0.41b0' },
          spans: [
            {
              trace_id: TRACE,
              span_id: ROOT,
              parent_span_id: '',
              name: 'GET /cart',
              kind: 'SPAN_KIND_SERVER',
              start_time_unix_nano: '1736935200000000000',
              end_time_unix_nano: '1736935200014900000',
              attributes: [
                { key: 'http.status_code', value: { int_value: '500' } },
                { key: 'retry', value: { bool_value: true } },
                { key: 'ratio', value: { double_value: 0.5 } },
                { key: 'tags', value: { array_value: { values: [{ string_value: 'a' }, { int_value: 2 }] } } },
                { key: 'headers', value: { kvlist_value: { values: [{ key: 'h', value: { string_value: 'v' } }] } } },
              ],
              status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
              events: [{ time_unix_nano: '1736935200001000000', name: 'exception', dropped_attributes_count: 1 }],
              links: [{ trace_id: TRACE, span_id: CHILD }],
              dropped_events_count: 3,
            },
            {
              trace_id: TRACE,
              span_id: CHILD,
              parent_span_id: ROOT,
              name: 'SELECT',
              kind: 3,
              start_time_unix_nano: 1736935200010000000,
              end_time_unix_nano: '1736935200012000000',
              status: { code: 1 },
            },
          ],
        },
      ],
    },
  ],
};

describe('OTLP with protobuf field names', () => {
  it('is recognized at every wrapper level', () => {
    expect(looksLikeOtlp(PROTO_NAMED)).toBe(true);
    expect(looksLikeOtlp({ trace: { resource_spans: [] } })).toBe(true);
    expect(looksLikeOtlp({ result: { resource_spans: [] } })).toBe(true);
    expect(looksLikeOtlp([PROTO_NAMED])).toBe(true);
    expect(looksLikeOtlp({ resource: {}, instrumentation_library_spans: [] })).toBe(true);
  });

  it('reads ids, names, kinds, statuses, times, attributes, events and links as the camelCase spelling gives them', () => {
    const batch = parseOtlp(PROTO_NAMED);
    expect(batch.warnings).toEqual([]);
    const [root, child] = batch.spans;
    expect(root.traceId).toBe(TRACE);
    expect(root.spanId).toBe(ROOT);
    expect(root.parentSpanId).toBeUndefined();
    expect(child.parentSpanId).toBe(ROOT);
    expect(root.serviceName).toBe('checkout');
    expect(root.scope?.name).toBe('io.opentelemetry.flask');
    expect(root.kind).toBe('server');
    expect(child.kind).toBe('client');
    expect(root.status).toEqual({ code: 'error', message: 'boom' });
    expect(child.status.code).toBe('ok');
    expect(epochToString(root.start)).toBe('1736935200000000000');
    expect(root.durationNs).toBe(14_900_000);
    expect(root.attributes.map((a) => [a.key, a.value.type])).toEqual([
      ['http.status_code', 'int'],
      ['retry', 'bool'],
      ['ratio', 'double'],
      ['tags', 'array'],
      ['headers', 'map'],
    ]);
    expect(root.attributes[3].value).toEqual({
      type: 'array',
      value: [
        { type: 'string', value: 'a' },
        { type: 'int', value: '2' },
      ],
    });
    expect(root.attributes[4].value).toEqual({
      type: 'map',
      value: [{ key: 'h', value: { type: 'string', value: 'v' } }],
    });
    expect(root.events.map((e) => [e.name, epochToString(e.time)])).toEqual([['exception', '1736935200001000000']]);
    expect(root.links).toEqual([{ traceId: TRACE, spanId: CHILD, relation: 'link', attributes: [] }]);
    expect(batch.notes.join(' ')).toContain('3 attributes, 3 events');
  });

  it('reads older instrumentation_library_spans and kv_list_value', () => {
    const batch = parseOtlp({
      resource_spans: [
        {
          instrumentation_library_spans: [
            {
              instrumentation_library: { name: 'old-lib' },
              spans: [
                {
                  trace_id: TRACE,
                  span_id: ROOT,
                  start_time_unix_nano: '1',
                  end_time_unix_nano: '2',
                  attributes: [{ key: 'm', value: { kv_list_value: { values: [] } } }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(batch.spans[0].scope?.name).toBe('old-lib');
    expect(batch.spans[0].attributes[0].value).toEqual({ type: 'map', value: [] });
  });

  it('names the keys as the file spells them in its warnings', () => {
    const batch = parseOtlp({
      resource_spans: [{ scope_spans: [{ spans: [{ trace_id: TRACE, span_id: 'xyz', start_time_unix_nano: '5' }] }] }],
    });
    const paths = batch.warnings.map((w) => w.path);
    expect(paths).toContain('$.resource_spans[0].scope_spans[0].spans[0].span_id');
    expect(paths).toContain('$.resource_spans[0].scope_spans[0].spans[0].end_time_unix_nano');
    expect(batch.warnings.map((w) => w.message).join('\n')).toContain('span has no end_time_unix_nano');
  });

  it('reads a file that mixes both spellings, span by span and line by line', () => {
    const camel = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: CHILD,
                  parentSpanId: ROOT,
                  name: 'camel',
                  startTimeUnixNano: '1736935200002000000',
                  endTimeUnixNano: '1736935200003000000',
                },
              ],
            },
          ],
        },
      ],
    };
    const text = `${JSON.stringify(PROTO_NAMED.resource_spans[0])}\n${JSON.stringify(camel)}\n`;
    const outcome = loadTraceText('mixed.jsonl', text);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const [trace] = outcome.file.traces;
    expect(trace.spans.map((s) => s.name).sort()).toEqual(['GET /cart', 'SELECT', 'camel']);
    expect(trace.services).toEqual(['checkout', 'web']);
  });
});

describe('a parent id of zeros', () => {
  it.each(['0', '0000000000000000', 'AAAAAAAAAAA='])('"%s" means no parent, without a warning', (parent) => {
    const batch = parseOtlp({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: ROOT,
                  parentSpanId: parent,
                  startTimeUnixNano: '1',
                  endTimeUnixNano: '2',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(batch.spans[0].parentSpanId).toBeUndefined();
    expect(batch.warnings.filter((w) => w.path.endsWith('parentSpanId'))).toEqual([]);
  });
});

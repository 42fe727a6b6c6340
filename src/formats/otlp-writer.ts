// Writes the normalized model back out as OTLP/JSON, so a trace read from any format can be
// shared as one standard file and read again with nothing lost.
import type {
  Attribute,
  AttributeValue,
  InstrumentationScope,
  Resource,
  Span,
  SpanKind,
  StatusCode,
  Trace,
} from '../model/trace.ts';
import { epochFromNanos, epochToString, type EpochTime } from './epoch.ts';

type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | string }
  | { bytesValue: string }
  | { arrayValue: { values: OtlpAnyValue[] } }
  | { kvlistValue: { values: OtlpKeyValue[] } }
  | Record<string, never>;

interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

const KIND_NUMBER: Record<SpanKind, number> = {
  unspecified: 0,
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
};
const STATUS_NUMBER: Record<StatusCode, number> = { unset: 0, ok: 1, error: 2 };

function anyValue(v: AttributeValue): OtlpAnyValue {
  switch (v.type) {
    case 'string':
      return { stringValue: v.value };
    case 'bool':
      return { boolValue: v.value };
    case 'int':
      return { intValue: v.value };
    case 'double':
      // JSON has no NaN or Infinity; OTLP/JSON writes them as strings.
      return { doubleValue: Number.isFinite(v.value) ? v.value : String(v.value) };
    case 'bytes':
      return { bytesValue: v.value };
    case 'array':
      return { arrayValue: { values: v.value.map(anyValue) } };
    case 'map':
      return { kvlistValue: { values: keyValues(v.value) } };
    case 'empty':
      return {};
  }
}

function keyValues(attributes: readonly Attribute[]): OtlpKeyValue[] {
  return attributes.map((a) => ({ key: a.key, value: anyValue(a.value) }));
}

function addNs(base: EpochTime, ns: number): string {
  const totalNano = base.nano + ns;
  const carry = Math.floor(totalNano / 1e9);
  return epochToString({ sec: base.sec + carry, nano: totalNano - carry * 1e9 });
}

function resourceJson(resource: Resource) {
  const attributes = keyValues(resource.attributes);
  if (!resource.attributes.some((a) => a.key === 'service.name'))
    attributes.unshift({ key: 'service.name', value: { stringValue: resource.serviceName } });
  return { attributes };
}

function scopeJson(scope: InstrumentationScope | undefined) {
  if (!scope) return {};
  return {
    name: scope.name,
    ...(scope.version ? { version: scope.version } : {}),
    attributes: keyValues(scope.attributes),
  };
}

function spanJson(span: Span, traceStart: EpochTime) {
  const start = addNs(traceStart, span.startNs);
  const end = addNs(traceStart, span.startNs + span.durationNs);
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    name: span.name,
    kind: KIND_NUMBER[span.kind],
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes: keyValues(span.attributes),
    events: span.events.map((e) => ({
      timeUnixNano: addNs(traceStart, e.timeNs),
      name: e.name,
      attributes: keyValues(e.attributes),
    })),
    links: span.links.map((l) => ({
      traceId: l.traceId,
      spanId: l.spanId,
      // The relation has no OTLP field; Jaeger's OTLP translator carries it in this attribute.
      attributes:
        l.relation === 'link'
          ? keyValues(l.attributes)
          : [{ key: 'opentracing.ref_type', value: { stringValue: l.relation } }, ...keyValues(l.attributes)],
    })),
    status: { code: STATUS_NUMBER[span.status.code], ...(span.status.message ? { message: span.status.message } : {}) },
  };
}

/** OTLP/JSON TracesData for the given traces, spans grouped by their resource and scope objects. */
export function tracesToOtlp(traces: readonly Trace[]): { resourceSpans: unknown[] } {
  const byResource = new Map<Resource, Map<InstrumentationScope | undefined, ReturnType<typeof spanJson>[]>>();
  for (const trace of traces) {
    const start = epochFromNanos(trace.startEpochNs) ?? { sec: 0, nano: 0 };
    for (const span of trace.spans) {
      let scopes = byResource.get(span.resource);
      if (!scopes) byResource.set(span.resource, (scopes = new Map()));
      let spans = scopes.get(span.scope);
      if (!spans) scopes.set(span.scope, (spans = []));
      spans.push(spanJson(span, start));
    }
  }
  const resourceSpans = [...byResource].map(([resource, scopes]) => ({
    resource: resourceJson(resource),
    scopeSpans: [...scopes].map(([scope, spans]) => ({ scope: scopeJson(scope), spans })),
  }));
  return { resourceSpans };
}

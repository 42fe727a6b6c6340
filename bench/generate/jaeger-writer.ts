// Jaeger query API JSON ({data:[{traceID, spans, processes}]}): typed tags, logs, CHILD_OF and
// FOLLOWS_FROM references, times in epoch microseconds.
import { hostIp, hostName, scopeName, SDK_VERSION, SERVICES } from './catalog.ts';
import { ChunkBuffer } from './chunks.ts';
import { describeSpan, type GenAttribute, type GenValue } from './detail.ts';
import { spanIdHex, TRACE_EPOCH_US, traceIdHex } from './ids.ts';
import { Prng } from './prng.ts';
import {
  ROLE_CLIENT,
  ROLE_CONSUMER,
  ROLE_INTERNAL,
  ROLE_PRODUCER,
  ROLE_SERVER,
  ROLE_STORE,
  type TraceShape,
} from './shape.ts';

const SPAN_KIND: Readonly<Record<number, string>> = {
  [ROLE_INTERNAL]: 'internal',
  [ROLE_SERVER]: 'server',
  [ROLE_CLIENT]: 'client',
  [ROLE_STORE]: 'client',
  [ROLE_PRODUCER]: 'producer',
  [ROLE_CONSUMER]: 'consumer',
};

function typedTag(key: string, value: GenValue): string {
  switch (value.type) {
    case 'string':
      return `{"key":"${key}","type":"string","value":${JSON.stringify(value.value)}}`;
    case 'int':
      return `{"key":"${key}","type":"int64","value":${value.value}}`;
    case 'bigint':
      // A JSON number would lose the last digits; Jaeger writers that care use a string.
      return `{"key":"${key}","type":"int64","value":"${value.value}"}`;
    case 'double':
      return `{"key":"${key}","type":"float64","value":${value.value}}`;
    case 'bool':
      return `{"key":"${key}","type":"bool","value":${value.value}}`;
    case 'strings':
      // Jaeger has no array type; OpenTelemetry's Jaeger translator writes arrays as JSON text.
      return `{"key":"${key}","type":"string","value":${JSON.stringify(JSON.stringify(value.value))}}`;
  }
}

function tagList(attributes: readonly GenAttribute[]): string {
  let out = '';
  for (let a = 0; a < attributes.length; a++)
    out += (a === 0 ? '' : ',') + typedTag(attributes[a].key, attributes[a].value);
  return out;
}

const processId = (service: number): string => `p${service + 1}`;

function processes(shape: TraceShape): string {
  const used = new Uint8Array(SERVICES.length);
  for (let i = 0; i < shape.count; i++) used[shape.service[i]] = 1;
  const entries: string[] = [];
  for (let service = 0; service < SERVICES.length; service++) {
    if (used[service] === 0) continue;
    const s = SERVICES[service];
    const tags = tagList([
      { key: 'hostname', value: { type: 'string', value: hostName(service) } },
      { key: 'ip', value: { type: 'string', value: hostIp(service) } },
      { key: 'service.version', value: { type: 'string', value: s.version } },
      { key: 'telemetry.sdk.language', value: { type: 'string', value: s.language } },
      { key: 'telemetry.sdk.version', value: { type: 'string', value: SDK_VERSION[s.language] } },
    ]);
    entries.push(`"${processId(service)}":{"serviceName":"${s.name}","tags":[${tags}]}`);
  }
  return `{${entries.join(',')}}`;
}

function spanJson(shape: TraceShape, i: number, traceId: string, rng: Prng): string {
  const d = describeSpan(shape, i, rng);
  const parent = shape.parent[i];
  const references: string[] = [];
  if (parent >= 0)
    references.push(`{"refType":"CHILD_OF","traceID":"${traceId}","spanID":"${spanIdHex(shape.seed, parent)}"}`);
  for (const l of d.links) {
    const linkedTrace = l.spanIndex >= 0 ? traceId : l.traceId;
    const linkedSpan = l.spanIndex >= 0 ? spanIdHex(shape.seed, l.spanIndex) : l.spanId;
    references.push(`{"refType":"FOLLOWS_FROM","traceID":"${linkedTrace}","spanID":"${linkedSpan}"}`);
  }
  const service = shape.service[i];
  let tags =
    tagList(d.attributes) +
    `,{"key":"span.kind","type":"string","value":"${SPAN_KIND[shape.role[i]]}"}` +
    `,{"key":"otel.scope.name","type":"string","value":${JSON.stringify(scopeName(SERVICES[service], d.scope))}}`;
  if (d.error !== undefined) {
    tags +=
      `,{"key":"error","type":"bool","value":true},{"key":"otel.status_code","type":"string","value":"ERROR"}` +
      `,{"key":"otel.status_description","type":"string","value":${JSON.stringify(d.error)}}`;
  }
  const logs = d.events
    .map(
      (e) =>
        `{"timestamp":${TRACE_EPOCH_US + e.timeUs},"fields":[{"key":"event","type":"string","value":"${e.name}"}` +
        (e.attributes.length > 0 ? `,${tagList(e.attributes)}` : '') +
        ']}',
    )
    .join(',');
  return (
    `{"traceID":"${traceId}","spanID":"${spanIdHex(shape.seed, i)}","flags":1,"operationName":${JSON.stringify(d.name)}` +
    `,"references":[${references.join(',')}],"startTime":${TRACE_EPOCH_US + shape.startUs[i]},"duration":${shape.durationUs[i]}` +
    `,"tags":[${tags}],"logs":[${logs}],"processID":"${processId(service)}","warnings":null}`
  );
}

export function* jaegerChunks(shape: TraceShape): Generator<string> {
  const traceId = traceIdHex(shape.seed);
  const rng = new Prng(0);
  const out = new ChunkBuffer();
  out.push(`{"data":[{"traceID":"${traceId}","spans":[`);
  for (let i = 0; i < shape.count; i++) {
    out.push(i === 0 ? spanJson(shape, i, traceId, rng) : `,${spanJson(shape, i, traceId, rng)}`);
    const chunk = out.takeIfFull();
    if (chunk !== undefined) yield chunk;
  }
  out.push(`],"processes":${processes(shape)},"warnings":null}],"total":0,"limit":0,"offset":0,"errors":null}`);
  yield out.takeAll();
}

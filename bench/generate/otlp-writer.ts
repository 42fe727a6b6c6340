// OTLP/JSON (protobuf JSON mapping): resourceSpans grouped by service, scopeSpans by the
// instrumentation that produced each span, int64 values and times as decimal strings.
import { SCOPE_CATEGORIES, scopeName, SDK_VERSION, SERVICES, hostName } from './catalog.ts';
import { describeSpan, type GenAttribute, type GenEvent, type GenLink, type GenValue } from './detail.ts';
import { otlpNanos, spanIdHex, traceIdHex } from './ids.ts';
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
import { ChunkBuffer } from './chunks.ts';

const OTLP_KIND: Readonly<Record<number, number>> = {
  [ROLE_INTERNAL]: 1,
  [ROLE_SERVER]: 2,
  [ROLE_CLIENT]: 3,
  [ROLE_STORE]: 3,
  [ROLE_PRODUCER]: 4,
  [ROLE_CONSUMER]: 5,
};

function anyValue(value: GenValue): string {
  switch (value.type) {
    case 'string':
      return `{"stringValue":${JSON.stringify(value.value)}}`;
    case 'int':
      return `{"intValue":"${value.value}"}`;
    case 'bigint':
      return `{"intValue":"${value.value}"}`;
    case 'double':
      return `{"doubleValue":${value.value}}`;
    case 'bool':
      return `{"boolValue":${value.value}}`;
    case 'strings':
      return `{"arrayValue":{"values":[${value.value.map((v) => `{"stringValue":${JSON.stringify(v)}}`).join(',')}]}}`;
  }
}

function attributeList(attributes: readonly GenAttribute[]): string {
  let out = '';
  for (let a = 0; a < attributes.length; a++) {
    out += `${a === 0 ? '' : ','}{"key":"${attributes[a].key}","value":${anyValue(attributes[a].value)}}`;
  }
  return `[${out}]`;
}

function eventList(events: readonly GenEvent[], depth: number): string {
  return events
    .map(
      (e) =>
        `{"timeUnixNano":"${otlpNanos(e.timeUs, depth, false)}","name":"${e.name}","attributes":${attributeList(e.attributes)}}`,
    )
    .join(',');
}

function linkList(links: readonly GenLink[], seed: number, traceId: string): string {
  return links
    .map((l) => {
      const linkedTrace = l.spanIndex >= 0 ? traceId : l.traceId;
      const linkedSpan = l.spanIndex >= 0 ? spanIdHex(seed, l.spanIndex) : l.spanId;
      return `{"traceId":"${linkedTrace}","spanId":"${linkedSpan}","attributes":${attributeList(l.attributes)}}`;
    })
    .join(',');
}

function resource(service: number): string {
  const s = SERVICES[service];
  const attributes: GenAttribute[] = [
    { key: 'service.name', value: { type: 'string', value: s.name } },
    { key: 'service.version', value: { type: 'string', value: s.version } },
    { key: 'service.namespace', value: { type: 'string', value: 'shop' } },
    { key: 'host.name', value: { type: 'string', value: hostName(service) } },
    { key: 'telemetry.sdk.name', value: { type: 'string', value: 'opentelemetry' } },
    { key: 'telemetry.sdk.language', value: { type: 'string', value: s.language } },
    { key: 'telemetry.sdk.version', value: { type: 'string', value: SDK_VERSION[s.language] } },
  ];
  return `{"attributes":${attributeList(attributes)}}`;
}

/** Span indexes ordered by (service, scope category), by counting sort: O(n), one Int32Array. */
function groupOrder(shape: TraceShape, categoryOf: Uint8Array): { order: Int32Array; groupStart: Int32Array } {
  const groups = SERVICES.length * SCOPE_CATEGORIES.length;
  const groupStart = new Int32Array(groups + 1);
  for (let i = 0; i < shape.count; i++) groupStart[shape.service[i] * SCOPE_CATEGORIES.length + categoryOf[i] + 1]++;
  for (let g = 0; g < groups; g++) groupStart[g + 1] += groupStart[g];
  const fill = groupStart.slice(0, groups);
  const order = new Int32Array(shape.count);
  for (let i = 0; i < shape.count; i++) order[fill[shape.service[i] * SCOPE_CATEGORIES.length + categoryOf[i]]++] = i;
  return { order, groupStart };
}

/** Which scope each span belongs to, without describing it fully (only the role and protocol decide it). */
function scopeCategories(shape: TraceShape): Uint8Array {
  const categories = new Uint8Array(shape.count);
  const index = (name: (typeof SCOPE_CATEGORIES)[number]): number => SCOPE_CATEGORIES.indexOf(name);
  const [http, grpc, db, messaging, manual] = [
    index('http'),
    index('grpc'),
    index('db'),
    index('messaging'),
    index('manual'),
  ];
  for (let i = 0; i < shape.count; i++) {
    const role = shape.role[i];
    if (role === ROLE_SERVER || role === ROLE_CLIENT) {
      const callee = role === ROLE_SERVER ? shape.service[i] : shape.peer[i];
      categories[i] = SERVICES[callee].endpoints[shape.detail[i]].protocol === 'http' ? http : grpc;
    } else if (role === ROLE_STORE) categories[i] = db;
    else if (role === ROLE_PRODUCER || role === ROLE_CONSUMER) categories[i] = messaging;
    else categories[i] = manual;
  }
  return categories;
}

function spanJson(shape: TraceShape, i: number, traceId: string, rng: Prng): string {
  const d = describeSpan(shape, i, rng);
  const depth = shape.depth[i];
  const parent = shape.parent[i];
  const start = shape.startUs[i];
  let out =
    `{"traceId":"${traceId}","spanId":"${spanIdHex(shape.seed, i)}"` +
    (parent >= 0 ? `,"parentSpanId":"${spanIdHex(shape.seed, parent)}"` : '') +
    `,"name":${JSON.stringify(d.name)},"kind":${OTLP_KIND[shape.role[i]]}` +
    `,"startTimeUnixNano":"${otlpNanos(start, depth, false)}","endTimeUnixNano":"${otlpNanos(start + shape.durationUs[i], depth, true)}"` +
    `,"attributes":${attributeList(d.attributes)}`;
  if (d.events.length > 0) out += `,"events":[${eventList(d.events, depth)}]`;
  if (d.links.length > 0) out += `,"links":[${linkList(d.links, shape.seed, traceId)}]`;
  out += d.error !== undefined ? `,"status":{"code":2,"message":${JSON.stringify(d.error)}}}` : `,"status":{}}`;
  return out;
}

export function* otlpChunks(shape: TraceShape): Generator<string> {
  const traceId = traceIdHex(shape.seed);
  const rng = new Prng(0);
  const categories = scopeCategories(shape);
  const { order, groupStart } = groupOrder(shape, categories);
  const out = new ChunkBuffer();
  out.push('{"resourceSpans":[');
  let firstService = true;
  for (let service = 0; service < SERVICES.length; service++) {
    const base = service * SCOPE_CATEGORIES.length;
    if (groupStart[base] === groupStart[base + SCOPE_CATEGORIES.length]) continue;
    out.push(`${firstService ? '' : ','}{"resource":${resource(service)},"scopeSpans":[`);
    firstService = false;
    let firstScope = true;
    for (let c = 0; c < SCOPE_CATEGORIES.length; c++) {
      const from = groupStart[base + c];
      const to = groupStart[base + c + 1];
      if (from === to) continue;
      const scope = { name: scopeName(SERVICES[service], SCOPE_CATEGORIES[c]), version: SERVICES[service].version };
      out.push(`${firstScope ? '' : ','}{"scope":${JSON.stringify(scope)},"spans":[`);
      firstScope = false;
      for (let k = from; k < to; k++) {
        out.push(k === from ? spanJson(shape, order[k], traceId, rng) : `,${spanJson(shape, order[k], traceId, rng)}`);
        const chunk = out.takeIfFull();
        if (chunk !== undefined) yield chunk;
      }
      out.push(']}');
    }
    out.push('],"schemaUrl":"https://opentelemetry.io/schemas/1.26.0"}');
  }
  out.push(']}');
  yield out.takeAll();
}

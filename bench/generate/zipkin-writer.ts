// Zipkin v2 JSON: an array of spans with endpoints, string tags and annotations, times in
// epoch microseconds. About half of the client/server pairs are written as Zipkin's shared
// spans: the server half reuses the client's id and is marked "shared".
import { hostIp, SERVICES } from './catalog.ts';
import { ChunkBuffer } from './chunks.ts';
import { describeSpan, type GenAttribute, type GenRemote, type GenValue } from './detail.ts';
import { spanIdHex, TRACE_EPOCH_US, traceIdHex } from './ids.ts';
import { Prng } from './prng.ts';
import {
  FLAG_SHARED,
  ROLE_CLIENT,
  ROLE_CONSUMER,
  ROLE_PRODUCER,
  ROLE_SERVER,
  ROLE_STORE,
  type TraceShape,
} from './shape.ts';

const ZIPKIN_KIND: Readonly<Record<number, string | undefined>> = {
  [ROLE_SERVER]: 'SERVER',
  [ROLE_CLIENT]: 'CLIENT',
  [ROLE_STORE]: 'CLIENT',
  [ROLE_PRODUCER]: 'PRODUCER',
  [ROLE_CONSUMER]: 'CONSUMER',
};

function tagText(value: GenValue): string {
  return value.type === 'strings' ? value.value.join(',') : String(value.value);
}

function tagObject(attributes: readonly GenAttribute[], error: string | undefined): string {
  let out = '';
  for (let a = 0; a < attributes.length; a++) {
    out += `${a === 0 ? '' : ','}"${attributes[a].key}":${JSON.stringify(tagText(attributes[a].value))}`;
  }
  if (error !== undefined) out += `${out === '' ? '' : ','}"error":${JSON.stringify(error)}`;
  return `{${out}}`;
}

function endpoint(e: GenRemote): string {
  return (
    `{"serviceName":"${e.serviceName}"` +
    (e.ipv4 !== undefined ? `,"ipv4":"${e.ipv4}"` : '') +
    (e.port !== undefined ? `,"port":${e.port}` : '') +
    '}'
  );
}

/** The id Zipkin writes for span i: a shared server span carries its client's id. */
function zipkinId(shape: TraceShape, i: number): string {
  return (shape.flags[i] & FLAG_SHARED) !== 0 ? spanIdHex(shape.seed, shape.parent[i]) : spanIdHex(shape.seed, i);
}

function spanJson(shape: TraceShape, i: number, traceId: string, rng: Prng): string {
  const d = describeSpan(shape, i, rng);
  const shared = (shape.flags[i] & FLAG_SHARED) !== 0;
  // A shared server span has the same parent as its client half.
  const parent = shared ? shape.parent[shape.parent[i]] : shape.parent[i];
  const kind = ZIPKIN_KIND[shape.role[i]];
  const service = shape.service[i];
  const local: GenRemote = {
    serviceName: SERVICES[service].name,
    ipv4: hostIp(service),
    port: shape.role[i] === ROLE_SERVER ? SERVICES[service].port : undefined,
  };
  let out =
    `{"traceId":"${traceId}"` +
    (parent >= 0 ? `,"parentId":"${zipkinId(shape, parent)}"` : '') +
    `,"id":"${zipkinId(shape, i)}"` +
    (kind !== undefined ? `,"kind":"${kind}"` : '') +
    `,"name":${JSON.stringify(d.name.toLowerCase())},"timestamp":${TRACE_EPOCH_US + shape.startUs[i]},"duration":${shape.durationUs[i]}` +
    `,"localEndpoint":${endpoint(local)}`;
  if (d.remote !== undefined) out += `,"remoteEndpoint":${endpoint(d.remote)}`;
  if (d.events.length > 0) {
    out += `,"annotations":[${d.events.map((e) => `{"timestamp":${TRACE_EPOCH_US + e.timeUs},"value":"${e.name}"}`).join(',')}]`;
  }
  out += `,"tags":${tagObject(d.attributes, d.error)}`;
  if (shared) out += ',"shared":true';
  return `${out}}`;
}

export function* zipkinV2Chunks(shape: TraceShape): Generator<string> {
  const traceId = traceIdHex(shape.seed);
  const rng = new Prng(0);
  const out = new ChunkBuffer();
  out.push('[');
  for (let i = 0; i < shape.count; i++) {
    out.push(i === 0 ? spanJson(shape, i, traceId, rng) : `,${spanJson(shape, i, traceId, rng)}`);
    const chunk = out.takeIfFull();
    if (chunk !== undefined) yield chunk;
  }
  out.push(']');
  yield out.takeAll();
}

// Zipkin v1 JSON: spans described by annotations (cs/sr/ss/cr, ms/mr) and binaryAnnotations,
// each carrying the endpoint that recorded it. One v1 record can hold both sides of an RPC, so it
// is converted by Zipkin's own rules (zipkin2.v1.V1SpanConverter) into one v2-shaped span per
// service found in it, the server side flagged shared, and then emitted like v2.
import type { Attribute, SpanKind } from '../model/trace.ts';
import { isObject, jsonText, pathIndex, pathKey, type JsonObject } from './json.ts';
import { isEpochMicros } from './epoch.ts';
import { BatchBuilder, FormatError, type ParsedBatch } from './parsed.ts';
import {
  annotationText,
  detectZipkinShape,
  KnownEndpoints,
  makeEndpoint,
  readEndpoint,
  readMicros,
  recordPath,
  sameServiceName,
  stringAttribute,
  visitZipkinRecords,
  ZipkinSpanWriter,
  type ZipkinAnnotation,
  type ZipkinEndpoint,
} from './zipkin-common.ts';

export function looksLikeZipkinV1(doc: unknown): boolean {
  return detectZipkinShape(doc) === 'zipkin-v1';
}

/** Where an endpoint was written, to point at it when its service name is missing. */
interface EndpointSource {
  readonly list: 'annotations' | 'binaryAnnotations';
  readonly index: number;
}

interface V1Annotation {
  readonly timestampMicros: number | undefined;
  readonly value: string;
  readonly endpoint: ZipkinEndpoint | undefined;
  readonly endpointSource: EndpointSource;
}

/** A core annotation (cs, sr, ...): its time is known, and so is the endpoint that recorded it. */
interface CoreAnnotation {
  readonly timestampMicros: number;
  readonly endpoint: ZipkinEndpoint;
  readonly endpointSource: EndpointSource;
}

interface V1BinaryAnnotation {
  readonly key: string;
  /** Undefined for an address annotation (ca/sa/ma with value true): it names the remote endpoint. */
  readonly value: string | undefined;
  readonly endpoint: ZipkinEndpoint | undefined;
  readonly endpointSource: EndpointSource;
}

/** The part of a v1 record recorded by one service; it becomes one span. */
interface SpanHalf {
  endpoint: ZipkinEndpoint | undefined;
  endpointSource: EndpointSource | undefined;
  kind: SpanKind;
  shared: boolean;
  timestampMicros: number | undefined;
  durationMicros: number | undefined;
  remoteEndpoint: ZipkinEndpoint | undefined;
  readonly annotations: ZipkinAnnotation[];
  readonly tags: Attribute[];
}

const ADDRESS_KEYS = new Set(['ca', 'sa', 'ma']);

function newHalf(endpoint: ZipkinEndpoint | undefined, endpointSource: EndpointSource | undefined): SpanHalf {
  return {
    endpoint,
    endpointSource,
    kind: 'unspecified',
    shared: false,
    timestampMicros: undefined,
    durationMicros: undefined,
    remoteEndpoint: undefined,
    annotations: [],
    tags: [],
  };
}

function sameEndpoint(a: ZipkinEndpoint, b: ZipkinEndpoint): boolean {
  return a.serviceName === b.serviceName && a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6 && a.port === b.port;
}

function readAnnotations(
  raw: JsonObject,
  path: string,
  out: BatchBuilder,
  spanIndex: number,
  endpoints: KnownEndpoints,
): V1Annotation[] {
  const value = raw.annotations;
  const annotations: V1Annotation[] = [];
  if (value === undefined || value === null) return annotations;
  if (!Array.isArray(value)) {
    out.warn('invalid-value', 'annotations is not an array', pathKey(path, 'annotations'), spanIndex);
    return annotations;
  }
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    const itemPath = (): string => pathIndex(pathKey(path, 'annotations'), i);
    if (!isObject(item)) {
      out.warn('invalid-value', 'annotation is not an object; skipped', itemPath(), spanIndex);
      continue;
    }
    let timestampMicros: number | undefined;
    if (typeof item.timestamp === 'number' && item.timestamp > 0 && isEpochMicros(item.timestamp))
      timestampMicros = item.timestamp;
    else {
      timestampMicros = readMicros(item, 'timestamp', itemPath(), out, spanIndex);
      if (timestampMicros === undefined && item.timestamp === undefined) {
        out.warn('missing-field', "annotation has no timestamp; the span's start is used", itemPath(), spanIndex);
      }
    }
    if (typeof item.value !== 'string') {
      out.warn('missing-field', 'annotation has no text value', pathKey(itemPath(), 'value'), spanIndex);
    }
    const endpoint =
      item.endpoint === undefined ? undefined : readEndpoint(item, 'endpoint', itemPath, out, spanIndex, endpoints);
    const endpointSource: EndpointSource = { list: 'annotations', index: i };
    annotations.push({ timestampMicros, value: annotationText(item.value), endpoint, endpointSource });
  }
  return annotations;
}

function binaryValueText(value: unknown, path: () => string, out: BatchBuilder, spanIndex: number): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
    default: {
      const problem = `binary annotation value ${jsonText(value)} is not a string, number or boolean; kept as text`;
      out.warn('invalid-value', problem, path(), spanIndex);
      return value === undefined ? '' : jsonText(value);
    }
  }
}

function readBinaryAnnotations(
  raw: JsonObject,
  path: string,
  out: BatchBuilder,
  spanIndex: number,
  endpoints: KnownEndpoints,
): V1BinaryAnnotation[] {
  const value = raw.binaryAnnotations;
  const binaryAnnotations: V1BinaryAnnotation[] = [];
  if (value === undefined || value === null) return binaryAnnotations;
  if (!Array.isArray(value)) {
    out.warn('invalid-value', 'binaryAnnotations is not an array', pathKey(path, 'binaryAnnotations'), spanIndex);
    return binaryAnnotations;
  }
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    const itemPath = (): string => pathIndex(pathKey(path, 'binaryAnnotations'), i);
    if (!isObject(item)) {
      out.warn('invalid-value', 'binary annotation is not an object; skipped', itemPath(), spanIndex);
      continue;
    }
    const key = item.key;
    if (typeof key !== 'string') {
      out.warn('missing-field', 'binary annotation has no key; skipped', pathKey(itemPath(), 'key'), spanIndex);
      continue;
    }
    const endpoint =
      item.endpoint === undefined ? undefined : readEndpoint(item, 'endpoint', itemPath, out, spanIndex, endpoints);
    const isAddress = ADDRESS_KEYS.has(key) && item.value === true;
    binaryAnnotations.push({
      key,
      value: isAddress ? undefined : binaryValueText(item.value, () => pathKey(itemPath(), 'value'), out, spanIndex),
      endpoint,
      endpointSource: { list: 'binaryAnnotations', index: i },
    });
  }
  return binaryAnnotations;
}

/** Splits one v1 record into the halves recorded by each service, following V1SpanConverter. */
class RecordSplitter {
  private readonly halves: SpanHalf[] = [newHalf(undefined, undefined)];
  private cs: CoreAnnotation | undefined;
  private sr: CoreAnnotation | undefined;
  private ss: CoreAnnotation | undefined;
  private cr: CoreAnnotation | undefined;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through `const { … } = this`
  private ms: CoreAnnotation | undefined;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through `const { … } = this`
  private mr: CoreAnnotation | undefined;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through `const { … } = this`
  private ws: CoreAnnotation | undefined;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through `const { … } = this`
  private wr: CoreAnnotation | undefined;

  constructor(
    // Zipkin writes 0 for "not set"; both are undefined here.
    private readonly timestampMicros: number | undefined,
    private readonly durationMicros: number | undefined,
  ) {}

  split(annotations: readonly V1Annotation[], binaryAnnotations: readonly V1BinaryAnnotation[]): SpanHalf[] {
    this.readAnnotations(annotations);
    this.readBinaryAnnotations(binaryAnnotations);
    return this.halves;
  }

  /** The half recorded by the endpoint's service; data without an endpoint goes to the first half. */
  private halfFor(endpoint: ZipkinEndpoint | undefined, endpointSource?: EndpointSource): SpanHalf {
    const first = this.halves[0];
    if (endpoint === undefined) return first;
    for (const half of this.halves) {
      if (half.endpoint === undefined) {
        half.endpoint = endpoint;
        half.endpointSource = endpointSource;
        return half;
      }
      if (sameServiceName(half.endpoint, endpoint)) return half;
    }
    return this.fork(endpoint, endpointSource);
  }

  private fork(endpoint: ZipkinEndpoint, endpointSource: EndpointSource | undefined): SpanHalf {
    const half = newHalf(endpoint, endpointSource);
    this.halves.push(half);
    return half;
  }

  private coreHalf(core: CoreAnnotation): SpanHalf {
    return this.halfFor(core.endpoint, core.endpointSource);
  }

  private readAnnotations(annotations: readonly V1Annotation[]): void {
    for (const a of annotations) {
      const half = this.halfFor(a.endpoint, a.endpointSource);
      // Core annotations mean something only with the endpoint that recorded them and a time.
      const core: CoreAnnotation | undefined =
        a.value.length === 2 && a.endpoint !== undefined && a.timestampMicros !== undefined
          ? { timestampMicros: a.timestampMicros, endpoint: a.endpoint, endpointSource: a.endpointSource }
          : undefined;
      if (core === undefined) {
        half.annotations.push({ timestampMicros: a.timestampMicros, value: a.value });
        continue;
      }
      switch (a.value) {
        case 'cs':
          half.kind = 'client';
          this.cs = core;
          break;
        case 'cr':
          half.kind = 'client';
          this.cr = core;
          break;
        case 'sr':
          half.kind = 'server';
          this.sr = core;
          break;
        case 'ss':
          half.kind = 'server';
          this.ss = core;
          break;
        case 'ms':
          half.kind = 'producer';
          this.ms = core;
          break;
        case 'mr':
          half.kind = 'consumer';
          this.mr = core;
          break;
        case 'ws':
          this.ws = core;
          break;
        case 'wr':
          this.wr = core;
          break;
        default:
          half.annotations.push({ timestampMicros: a.timestampMicros, value: a.value });
      }
    }
    this.timeRpc();
    this.timeMessaging();
  }

  /** True when the record's own timing ends exactly at `end`, so its timestamp is the missing start. */
  private endsRecord(end: CoreAnnotation | undefined): end is CoreAnnotation {
    const { timestampMicros, durationMicros } = this;
    if (end === undefined || timestampMicros === undefined || !durationMicros) return false;
    return timestampMicros + durationMicros === end.timestampMicros;
  }

  private timeFrom(begin: CoreAnnotation, end: CoreAnnotation | undefined): void {
    const half = this.coreHalf(begin);
    if (this.timestampMicros !== undefined && this.durationMicros) {
      half.timestampMicros = this.timestampMicros;
      half.durationMicros = this.durationMicros;
    } else {
      half.timestampMicros = begin.timestampMicros;
      if (end !== undefined) half.durationMicros = end.timestampMicros - begin.timestampMicros;
    }
  }

  private timeRpc(): void {
    if (this.cs === undefined && this.endsRecord(this.cr)) {
      this.cs = { ...this.cr, timestampMicros: this.timestampMicros ?? this.cr.timestampMicros };
    }
    if (this.sr === undefined && this.endsRecord(this.ss)) {
      this.sr = { ...this.ss, timestampMicros: this.timestampMicros ?? this.ss.timestampMicros };
    }
    const { cs, sr, ss, cr } = this;
    if (cs !== undefined && sr !== undefined) {
      // Both sides in one record: the client owns the record's timing, the server is timed by its annotations.
      this.timeFrom(cs, cr);
      const client = this.coreHalf(cs);
      let server: SpanHalf;
      if (sameServiceName(cs.endpoint, sr.endpoint)) {
        // A service calling itself: the annotations all landed in one half, so fork the server.
        client.kind = 'client';
        server = this.fork(sr.endpoint, sr.endpointSource);
        server.kind = 'server';
      } else server = this.coreHalf(sr);
      server.shared = true;
      server.timestampMicros = sr.timestampMicros;
      if (ss !== undefined) server.durationMicros = ss.timestampMicros - sr.timestampMicros;
      if (cr === undefined && !this.durationMicros) client.durationMicros = undefined;
    } else if (cs !== undefined && cr !== undefined) this.timeFrom(cs, cr);
    else if (sr !== undefined && ss !== undefined) this.timeFrom(sr, ss);
    else this.timeIncompleteRpc();

    // v1 had no shared flag: a server side without the record's timestamp was the convention for it.
    const recordUntimed = this.timestampMicros === undefined || (ss !== undefined && !this.durationMicros);
    if (cs === undefined && sr !== undefined && recordUntimed) {
      this.coreHalf(sr).shared = true;
    }
  }

  private timeIncompleteRpc(): void {
    const { cs, cr, sr, ss } = this;
    for (const half of this.halves) {
      if (half.kind === 'client') {
        if (cs !== undefined) half.timestampMicros = cs.timestampMicros;
        if (cr !== undefined) half.annotations.push({ timestampMicros: cr.timestampMicros, value: 'cr' });
      } else if (half.kind === 'server') {
        if (sr !== undefined) half.timestampMicros = sr.timestampMicros;
        if (ss !== undefined) half.annotations.push({ timestampMicros: ss.timestampMicros, value: 'ss' });
      }
    }
    if (this.timestampMicros !== undefined) {
      this.halves[0].timestampMicros = this.timestampMicros;
      this.halves[0].durationMicros = this.durationMicros;
    }
  }

  private timeMessaging(): void {
    const { ms, mr, ws, wr } = this;
    if (ms !== undefined && mr !== undefined) {
      const producer = this.coreHalf(ms);
      let consumer: SpanHalf;
      if (sameServiceName(ms.endpoint, mr.endpoint)) {
        producer.kind = 'producer';
        consumer = this.fork(mr.endpoint, mr.endpointSource);
        consumer.kind = 'consumer';
      } else consumer = this.coreHalf(mr);
      consumer.shared = true;
      if (wr !== undefined) {
        consumer.timestampMicros = wr.timestampMicros;
        consumer.durationMicros = mr.timestampMicros - wr.timestampMicros;
      } else consumer.timestampMicros = mr.timestampMicros;
      producer.timestampMicros = ms.timestampMicros;
      producer.durationMicros = ws !== undefined ? ws.timestampMicros - ms.timestampMicros : undefined;
    } else if (ms !== undefined) this.timeFrom(ms, ws);
    else if (mr !== undefined) {
      if (wr !== undefined) this.timeFrom(wr, mr);
      else this.timeFrom(mr, undefined);
    } else {
      if (ws !== undefined) this.coreHalf(ws).annotations.push({ timestampMicros: ws.timestampMicros, value: 'ws' });
      if (wr !== undefined) this.coreHalf(wr).annotations.push({ timestampMicros: wr.timestampMicros, value: 'wr' });
    }
  }

  private readBinaryAnnotations(binaryAnnotations: readonly V1BinaryAnnotation[]): void {
    let ca: ZipkinEndpoint | undefined;
    let sa: ZipkinEndpoint | undefined;
    let ma: ZipkinEndpoint | undefined;
    for (const b of binaryAnnotations) {
      if (b.value === undefined) {
        if (b.key === 'ca') ca = b.endpoint;
        else if (b.key === 'sa') sa = b.endpoint;
        else ma = b.endpoint;
        continue;
      }
      const half = this.halfFor(b.endpoint, b.endpointSource);
      // An empty "lc" only marks a local span; it says nothing worth a tag.
      if (b.key === 'lc' && b.value === '') continue;
      half.tags.push(stringAttribute(b.key, b.value));
    }

    const { cs, cr, sr, ss, ms, mr } = this;
    if (
      cs === undefined &&
      cr === undefined &&
      sr === undefined &&
      ss === undefined &&
      (ca !== undefined || sa !== undefined)
    ) {
      // Addresses without core annotations: "sa" alone is a plain remote address, "ca" alone makes a server.
      if (ca !== undefined && sa !== undefined) this.halfFor(ca).remoteEndpoint = sa;
      else if (sa !== undefined) this.halves[0].remoteEndpoint = sa;
      else if (ca !== undefined) {
        this.halves[0].kind = 'server';
        this.halves[0].remoteEndpoint = ca;
      }
      return;
    }
    const server = sr ?? ss;
    if (ca !== undefined && server !== undefined && !sameEndpoint(ca, server.endpoint)) {
      // Finagle puts the client's socket under the server's service name; that is not a remote service.
      this.coreHalf(server).remoteEndpoint = sameServiceName(ca, server.endpoint) ? withoutServiceName(ca) : ca;
    }
    if (sa !== undefined) {
      const client = cs ?? cr;
      if (client !== undefined) this.coreHalf(client).remoteEndpoint = sa;
    }
    if (ma !== undefined) {
      if (ms !== undefined) this.coreHalf(ms).remoteEndpoint = ma;
      if (mr !== undefined) this.coreHalf(mr).remoteEndpoint = ma;
    }
  }
}

function withoutServiceName(e: ZipkinEndpoint): ZipkinEndpoint {
  return makeEndpoint(undefined, e.ipv4, e.ipv6, e.port);
}

/** A local span ("lc") recorded without a service name is named after its component. */
function localEndpointOf(half: SpanHalf): ZipkinEndpoint | undefined {
  const endpoint = half.endpoint;
  if (endpoint?.serviceName !== undefined) return endpoint;
  for (const tag of half.tags) {
    if (tag.key === 'lc' && tag.value.type === 'string' && tag.value.value !== '') {
      const serviceName = tag.value.value;
      return makeEndpoint(serviceName, endpoint?.ipv4, endpoint?.ipv6, endpoint?.port);
    }
  }
  return endpoint;
}

/** Where a half's service name should have been, relative to its record. */
function serviceNameField(source: EndpointSource | undefined): string {
  if (source === undefined) return 'annotations';
  return `${source.list}[${source.index}].endpoint.serviceName`;
}

function writeRecord(
  raw: JsonObject,
  outer: number,
  inner: number,
  out: BatchBuilder,
  writer: ZipkinSpanWriter,
  endpoints: KnownEndpoints,
): void {
  const path = recordPath(outer, inner);
  const firstIndex = out.spans.length;
  let name = raw.name;
  if (name !== undefined && name !== null && typeof name !== 'string') {
    out.warn('invalid-value', 'name is not a string', pathKey(path, 'name'), firstIndex);
    name = undefined;
  }
  const timestampMicros = readMicros(raw, 'timestamp', path, out, firstIndex);
  const durationMicros = readMicros(raw, 'duration', path, out, firstIndex);
  const annotations = readAnnotations(raw, path, out, firstIndex, endpoints);
  const binaryAnnotations = readBinaryAnnotations(raw, path, out, firstIndex, endpoints);
  const halves = new RecordSplitter(timestampMicros, durationMicros).split(annotations, binaryAnnotations);

  for (const half of halves) {
    let halfDuration = half.durationMicros;
    if (halfDuration !== undefined && halfDuration < 0) {
      const problem = 'its annotations end before they start; shown with zero duration';
      out.warn('invalid-value', problem, pathKey(path, 'annotations'), out.spans.length);
      halfDuration = 0;
    }
    writer.add({
      outer,
      inner,
      traceId: raw.traceId,
      id: raw.id,
      parentId: raw.parentId,
      name: typeof name === 'string' ? name : undefined,
      kind: half.kind,
      shared: half.shared,
      debug: raw.debug === true,
      timestampMicros: half.timestampMicros,
      durationMicros: halfDuration,
      localEndpoint: localEndpointOf(half),
      serviceNameField: () => serviceNameField(half.endpointSource),
      remoteEndpoint: half.remoteEndpoint,
      annotations: half.annotations,
      plainTags: undefined,
      plainTagCount: 0,
      plainTagsGiveFields: false,
      tags: half.tags,
      tagsField: 'binaryAnnotations',
    });
  }
}

export function parseZipkinV1(doc: unknown): ParsedBatch {
  const out = new BatchBuilder('zipkin-v1');
  if (Array.isArray(doc) && doc.length === 0) return out.finish();
  const shape = detectZipkinShape(doc);
  if (shape === undefined) {
    throw new FormatError(
      'Not Zipkin v1 JSON: expected an array of spans (or of traces) with traceId and id, or one such span',
    );
  }
  if (shape === 'zipkin-v2') {
    throw new FormatError('This is Zipkin v2 JSON (localEndpoint, remoteEndpoint, kind or tags), not Zipkin v1');
  }
  const writer = new ZipkinSpanWriter(out);
  const endpoints = new KnownEndpoints();
  visitZipkinRecords(doc, (raw, outer, inner) => {
    if (isObject(raw)) writeRecord(raw, outer, inner, out, writer, endpoints);
    else out.warn('invalid-value', 'array element is not a span object; skipped', recordPath(outer, inner));
    return true;
  });
  writer.finish();
  return out.finish();
}

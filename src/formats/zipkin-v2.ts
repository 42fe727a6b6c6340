// Zipkin v2 JSON (what /api/v2/trace and /api/v2/traces return, and what reporters send):
// an array of spans, an array of traces, or one span object.
import type { Attribute, SpanKind } from '../model/trace.ts';
import { isObject, jsonText, pathIndex, pathKey, type JsonObject } from './json.ts';
import { BatchBuilder, FormatError, type ParsedBatch } from './parsed.ts';
import {
  annotationText,
  detectZipkinShape,
  KnownEndpoints,
  readEndpoint,
  readMicros,
  RecordPosition,
  stringAttribute,
  visitZipkinRecords,
  ZipkinSpanWriter,
  type ZipkinAnnotation,
  type ZipkinSpanRecord,
} from './zipkin-common.ts';
import { PlainTagScan, scanPlainTags } from './zipkin-tags.ts';
import { isEpochMicros } from './epoch.ts';

export function looksLikeZipkinV2(doc: unknown): boolean {
  const shape = detectZipkinShape(doc);
  // Plain spans (no field only one version has) are read as v2, the current format.
  return shape === 'zipkin-v2' || shape === 'either';
}

const KINDS: ReadonlyMap<string, SpanKind> = new Map([
  ['CLIENT', 'client'],
  ['SERVER', 'server'],
  ['PRODUCER', 'producer'],
  ['CONSUMER', 'consumer'],
]);

const NO_ANNOTATIONS: readonly ZipkinAnnotation[] = [];
/** The tags list of a record whose tags are plain; the writer never adds to it then. */
const NO_TAGS: Attribute[] = [];

function readKind(raw: JsonObject, at: RecordPosition, out: BatchBuilder, spanIndex: number): SpanKind {
  const value = raw.kind;
  if (value === undefined || value === null) return 'unspecified';
  // Kinds are nearly always written in capitals: comparing is cheaper than a map lookup per span.
  if (value === 'CLIENT') return 'client';
  if (value === 'SERVER') return 'server';
  const kind = typeof value === 'string' ? (KINDS.get(value) ?? KINDS.get(value.toUpperCase())) : undefined;
  if (kind === undefined) {
    const problem = `kind ${jsonText(value)} is not CLIENT, SERVER, PRODUCER or CONSUMER; shown as unspecified`;
    out.warn('unknown-kind', problem, pathKey(at.path(), 'kind'), spanIndex);
    return 'unspecified';
  }
  return kind;
}

function readAnnotations(
  raw: JsonObject,
  at: RecordPosition,
  out: BatchBuilder,
  spanIndex: number,
): readonly ZipkinAnnotation[] {
  const value = raw.annotations;
  if (value === undefined || value === null) return NO_ANNOTATIONS;
  if (!Array.isArray(value)) {
    out.warn('invalid-value', 'annotations is not an array', pathKey(at.path(), 'annotations'), spanIndex);
    return NO_ANNOTATIONS;
  }
  const annotations: ZipkinAnnotation[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (
      isObject(item) &&
      typeof item.timestamp === 'number' &&
      item.timestamp > 0 &&
      isEpochMicros(item.timestamp) &&
      typeof item.value === 'string'
    ) {
      annotations.push({ timestampMicros: item.timestamp, value: item.value });
      continue;
    }
    const itemPath = pathIndex(pathKey(at.path(), 'annotations'), i);
    if (!isObject(item)) {
      out.warn('invalid-value', 'annotation is not an object; skipped', itemPath, spanIndex);
      continue;
    }
    const timestampMicros = readMicros(item, 'timestamp', itemPath, out, spanIndex);
    if (timestampMicros === undefined && item.timestamp === undefined) {
      out.warn('missing-field', "annotation has no timestamp; the span's start is used", itemPath, spanIndex);
    }
    const text = item.value;
    if (typeof text !== 'string') {
      out.warn('missing-field', 'annotation has no text value', pathKey(itemPath, 'value'), spanIndex);
    }
    annotations.push({ timestampMicros, value: annotationText(text) });
  }
  return annotations;
}

/** Reads tags that scanPlainTags did not accept. */
function readTags(value: unknown, at: RecordPosition, out: BatchBuilder, spanIndex: number): Attribute[] {
  const tags: Attribute[] = [];
  if (value === undefined || value === null) return tags;
  if (!isObject(value)) {
    out.warn('invalid-value', 'tags is not an object', pathKey(at.path(), 'tags'), spanIndex);
    return tags;
  }
  for (const key in value) {
    const tag = value[key];
    if (typeof tag === 'string') tags.push(stringAttribute(key, tag));
    else {
      const problem = `tag value ${jsonText(tag)} is not a string; kept as text`;
      out.warn('invalid-value', problem, pathKey(pathKey(at.path(), 'tags'), key), spanIndex);
      tags.push(stringAttribute(key, typeof tag === 'object' ? jsonText(tag) : String(tag)));
    }
  }
  return tags;
}

type MutableRecord = { -readonly [K in keyof ZipkinSpanRecord]: ZipkinSpanRecord[K] };

/**
 * Reads v2 records; endpoints that repeat (as they do from span to span) get one object. The
 * record is one object refilled for each span: the writer keeps none of it but its tags.
 */
class RecordReader {
  private readonly localEndpoints = new KnownEndpoints();
  private readonly remoteEndpoints = new KnownEndpoints();
  private readonly tagScan = new PlainTagScan();
  private readonly record: MutableRecord = {
    outer: -1,
    inner: -1,
    traceId: undefined,
    id: undefined,
    parentId: undefined,
    name: undefined,
    kind: 'unspecified',
    shared: false,
    debug: false,
    timestampMicros: undefined,
    durationMicros: undefined,
    localEndpoint: undefined,
    serviceNameField: 'localEndpoint',
    remoteEndpoint: undefined,
    annotations: NO_ANNOTATIONS,
    plainTags: undefined,
    plainTagCount: 0,
    plainTagsGiveFields: false,
    tags: [],
    tagsField: 'tags',
  };

  constructor(private readonly out: BatchBuilder) {}

  read(raw: JsonObject, at: RecordPosition, spanIndex: number): ZipkinSpanRecord {
    const out = this.out;
    let name = raw.name;
    if (name !== undefined && name !== null && typeof name !== 'string') {
      out.warn('invalid-value', 'name is not a string', pathKey(at.path(), 'name'), spanIndex);
      name = undefined;
    }
    const binaryAnnotations = raw.binaryAnnotations;
    if (Array.isArray(binaryAnnotations) && binaryAnnotations.length > 0) {
      out.warn(
        'other',
        'Zipkin v1 binaryAnnotations in a v2 document are ignored',
        pathKey(at.path(), 'binaryAnnotations'),
        spanIndex,
      );
    }
    const kind = readKind(raw, at, out, spanIndex);
    const timestampMicros = readMicros(raw, 'timestamp', at.path, out, spanIndex);
    const durationMicros = readMicros(raw, 'duration', at.path, out, spanIndex);
    const localEndpoint = readEndpoint(raw, 'localEndpoint', at.path, out, spanIndex, this.localEndpoints);
    const remoteEndpoint = readEndpoint(raw, 'remoteEndpoint', at.path, out, spanIndex, this.remoteEndpoints);
    const record = this.record;
    record.outer = at.outer;
    record.inner = at.inner;
    record.traceId = raw.traceId;
    record.id = raw.id;
    record.parentId = raw.parentId;
    record.name = typeof name === 'string' ? name : undefined;
    record.kind = kind;
    record.shared = raw.shared === true;
    record.debug = raw.debug === true;
    record.timestampMicros = timestampMicros;
    record.durationMicros = durationMicros;
    record.localEndpoint = localEndpoint;
    // An endpoint object without a name points at the missing name, anything else at the endpoint field.
    record.serviceNameField = localEndpoint === undefined ? 'localEndpoint' : 'localEndpoint.serviceName';
    record.remoteEndpoint = remoteEndpoint;
    record.annotations = readAnnotations(raw, at, out, spanIndex);
    const tags = raw.tags;
    const scan = this.tagScan;
    const plain = isObject(tags) && scanPlainTags(tags, scan);
    record.plainTags = plain ? tags : undefined;
    record.plainTagCount = plain ? scan.count : 0;
    record.plainTagsGiveFields = plain && scan.mayGiveFields;
    record.tags = plain ? NO_TAGS : readTags(tags, at, out, spanIndex);
    return record;
  }
}

export function parseZipkinV2(doc: unknown): ParsedBatch {
  const out = new BatchBuilder('zipkin-v2');
  if (Array.isArray(doc) && doc.length === 0) return out.finish();
  const shape = detectZipkinShape(doc);
  if (shape === undefined) {
    throw new FormatError(
      'Not Zipkin v2 JSON: expected an array of spans (or of traces) with traceId and id, or one such span',
    );
  }
  if (shape === 'zipkin-v1') {
    throw new FormatError('This is Zipkin v1 JSON (binaryAnnotations or annotations with endpoints), not Zipkin v2');
  }
  const writer = new ZipkinSpanWriter(out);
  const reader = new RecordReader(out);
  const at = new RecordPosition();
  visitZipkinRecords(doc, (raw, outer, inner) => {
    at.outer = outer;
    at.inner = inner;
    if (isObject(raw)) writer.add(reader.read(raw, at, out.spans.length));
    else out.warn('invalid-value', 'array element is not a span object; skipped', at.path());
    return true;
  });
  writer.finish();
  return out.finish();
}

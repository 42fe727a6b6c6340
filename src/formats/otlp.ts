// OTLP/JSON traces (ExportTraceServiceRequest / TracesData) and the wrappers query APIs put
// around them: Tempo {batches} and {trace}, Jaeger /api/v3 {result}. Also the collector's
// file exporter output, one export request per line. This runs on 100,000-span files, so the
// per-span path avoids closures, regexes and path strings unless something is wrong.
import type {
  Attribute,
  InstrumentationScope,
  Resource,
  SpanKind,
  SpanLink,
  SpanStatus,
  StatusCode,
} from '../model/trace.ts';
import { NO_ATTRIBUTES, NO_EVENTS, NO_LINKS, STATUS_ONLY } from '../model/shared-values.ts';
import { EPOCH_ZERO, epochCompare, epochFromNanos, MAX_EPOCH_SEC, TIME_RANGE_TEXT, type EpochTime } from './epoch.ts';
import { whatItAppearsToBe } from './identify.ts';
import { isAllZeroId, isLowerHex, normalizeOtlpId } from './ids.ts';
import { isObject, type JsonObject } from './json.ts';
import {
  OtlpCursor,
  describeJson,
  isPlainAttributeList,
  readAttributes,
  plainAttributeList,
  textOf,
} from './otlp-anyvalue.ts';
import {
  BatchBuilder,
  DeferredAttributesSpan,
  FormatError,
  placeSpanStart,
  type ParsedBatch,
  type ParsedEvent,
} from './parsed.ts';

interface SpanContainer {
  readonly list: readonly unknown[];
  /** Path steps from the document root to the list. */
  readonly steps: readonly string[];
  /** The document is itself the list's one entry (a bare ResourceSpans), so paths have no index. */
  readonly documentIsEntry?: boolean;
  readonly format: 'otlp' | 'tempo';
}

/**
 * Protobuf's JSON printers write lowerCamelCase names, or the proto field names (snake_case)
 * when asked to keep them (Python's preserving_proto_field_name, Go's UseProtoNames); the
 * collector reads both at every level, and so does this reader, even mixed in one file.
 */
const RESOURCE_SPANS_KEYS = ['resourceSpans', 'resource_spans'] as const;
const SCOPE_SPANS_KEYS = [
  'scopeSpans',
  'instrumentationLibrarySpans',
  'scope_spans',
  'instrumentation_library_spans',
] as const;

/** A ResourceSpans object: what OpenTelemetry Java's logging-otlp exporter writes, one per line. */
function isResourceSpans(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key of SCOPE_SPANS_KEYS) if (Array.isArray(value[key])) return true;
  return false;
}

/** The resource spans list of an export request, under either spelling. */
function resourceSpansIn(owner: JsonObject): { key: string; list: readonly unknown[] } | undefined {
  for (const key of RESOURCE_SPANS_KEYS) {
    const list = owner[key];
    if (Array.isArray(list)) return { key, list };
  }
  return undefined;
}

function findResourceSpans(doc: JsonObject | readonly unknown[]): SpanContainer | undefined {
  // Array.isArray does not narrow a readonly array out of a union.
  if (!isObject(doc)) return isResourceSpans(doc[0]) ? { list: doc, steps: [], format: 'otlp' } : undefined;
  if (isResourceSpans(doc)) return { list: [doc], steps: [], documentIsEntry: true, format: 'otlp' };
  const top = resourceSpansIn(doc);
  if (top !== undefined) return { list: top.list, steps: [top.key], format: 'otlp' };
  if (Array.isArray(doc.batches)) return { list: doc.batches, steps: ['batches'], format: 'tempo' };
  const trace = doc.trace;
  if (isObject(trace)) {
    const inTrace = resourceSpansIn(trace);
    if (inTrace !== undefined) return { list: inTrace.list, steps: ['trace', inTrace.key], format: 'tempo' };
    if (Array.isArray(trace.batches)) return { list: trace.batches, steps: ['trace', 'batches'], format: 'tempo' };
  }
  // Jaeger's /api/v3 {result}, and Grafana Faro's payloads {traces}.
  for (const wrapper of ['result', 'traces']) {
    const inner = doc[wrapper];
    const found = isObject(inner) ? resourceSpansIn(inner) : undefined;
    if (found !== undefined) return { list: found.list, steps: [wrapper, found.key], format: 'otlp' };
  }
  return undefined;
}

/** An array of export requests, as `jq -s` makes of the collector's JSON Lines; the first decides. */
function isRequestArray(doc: unknown): doc is readonly unknown[] {
  if (!Array.isArray(doc) || doc.length === 0) return false;
  const first: unknown = doc[0];
  return isObject(first) && !isResourceSpans(first) && findResourceSpans(first) !== undefined;
}

const OTHER_SIGNAL_KEYS = [
  'resourceLogs',
  'resourceMetrics',
  'resourceProfiles',
  'resource_logs',
  'resource_metrics',
  'resource_profiles',
] as const;

/** An OTLP export request of logs, metrics or profiles. */
function isOtherSignal(doc: JsonObject): boolean {
  for (const key of OTHER_SIGNAL_KEYS) if (Array.isArray(doc[key])) return true;
  return false;
}

function containerOf(doc: unknown): SpanContainer | undefined {
  return isObject(doc) || Array.isArray(doc) ? findResourceSpans(doc) : undefined;
}

/**
 * True when doc has one of the OTLP trace shapes (cheap: looks at top-level keys only): an
 * export request or a wrapper around one, a bare ResourceSpans, or an array of those.
 */
export function looksLikeOtlp(doc: unknown): boolean {
  return containerOf(doc) !== undefined || isRequestArray(doc);
}

/** True when a parsed JSON Lines value is an OTLP export request of any signal, or a ResourceSpans. */
export function isOtlpLine(doc: unknown): boolean {
  return containerOf(doc) !== undefined || (isObject(doc) && isOtherSignal(doc));
}

/**
 * Parses one OTLP trace document. format is 'tempo' for {batches} and {trace} wrappers, else
 * 'otlp'. Throws FormatError when doc is not OTLP traces.
 */
export function parseOtlp(doc: unknown): ParsedBatch {
  if (isRequestArray(doc))
    return parseOtlpDocuments(
      doc.map((entry, i) => ({ prefix: `$[${i}]`, doc: entry })),
      'otlp',
    );
  const container = containerOf(doc);
  if (container === undefined) {
    const appearance = whatItAppearsToBe(doc);
    if (appearance !== undefined) throw new FormatError(`This appears to be ${appearance}.`);
    throw new FormatError(
      'Not OTLP traces: expected resourceSpans[], Tempo batches[] or trace.resourceSpans[], ' +
        'or Jaeger result.resourceSpans[].',
    );
  }
  const reader = new OtlpReader(container.format);
  reader.readDocument(doc, container);
  return reader.finish();
}

/**
 * Merges JSON Lines (collector file exporter output). Lines of other signals are skipped and
 * counted in one note; warning paths are prefixed `line N: $...`.
 */
export function parseOtlpJsonLines(lines: readonly { line: number; doc: unknown }[]): ParsedBatch {
  return parseOtlpDocuments(
    lines.map(({ line, doc }) => ({ prefix: `line ${line}: $`, doc })),
    'otlp-jsonl',
  );
}

/** Merges several export requests; `prefix` starts the paths of each one's warnings. */
function parseOtlpDocuments(
  docs: readonly { prefix: string; doc: unknown }[],
  format: 'otlp' | 'otlp-jsonl',
): ParsedBatch {
  const reader = new OtlpReader(format);
  const unit = format === 'otlp-jsonl' ? 'line' : 'entry';
  let skipped = 0;
  for (const { prefix, doc } of docs) {
    reader.cursor.prefix = prefix;
    const container = containerOf(doc);
    if (container !== undefined) reader.readDocument(doc, container);
    else if (isObject(doc) && isOtherSignal(doc)) skipped++;
    else reader.cursor.warn('other', `${unit} skipped: not an OTLP export request (${describeJson(doc)})`);
  }
  if (skipped > 0 && skipped === docs.length) {
    const appearance = whatItAppearsToBe(docs[0].doc) ?? 'OTLP logs or metrics';
    throw new FormatError(
      `This appears to be ${appearance}${docs.length > 1 ? `, in ${docs.length} ${unit === 'line' ? 'lines' : 'entries'}` : ''}.`,
    );
  }
  if (skipped > 0) {
    const noun = unit === 'line' ? (skipped === 1 ? 'line' : 'lines') : skipped === 1 ? 'entry' : 'entries';
    reader.out.notes.push(`Skipped ${skipped} ${noun} of logs/metrics`);
  }
  return reader.finish();
}

const KIND_BY_NUMBER: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const KIND_BY_NAME: ReadonlyMap<string, SpanKind> = new Map([
  ['SPAN_KIND_UNSPECIFIED', 'unspecified'],
  ['SPAN_KIND_INTERNAL', 'internal'],
  ['SPAN_KIND_SERVER', 'server'],
  ['SPAN_KIND_CLIENT', 'client'],
  ['SPAN_KIND_PRODUCER', 'producer'],
  ['SPAN_KIND_CONSUMER', 'consumer'],
]);

const STATUS_BY_NUMBER: readonly StatusCode[] = ['unset', 'ok', 'error'];
const STATUS_BY_NAME: ReadonlyMap<string, StatusCode> = new Map([
  ['STATUS_CODE_UNSET', 'unset'],
  ['STATUS_CODE_OK', 'ok'],
  ['STATUS_CODE_ERROR', 'error'],
]);

/**
 * Stands in for the start of a span that has no times at all, and for its events' missing
 * times, until placeSpansWithoutStart has seen every span and can pick a start.
 */
const START_OF_SPAN: EpochTime = Object.freeze({ sec: 0, nano: 0 });

// Sextet of each base64 character, -1 for anything else. Only the standard alphabet, which is
// what protobuf JSON writes: accepting '-' and '_' too would misread ids like "span-a-root".
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++)
  SEXTET['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
const HEX_CHAR_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];
// Reused buffers of hex char codes: one string is made per id, not one per digit.
const SPAN_ID_CODES: number[] = new Array<number>(16).fill(48);
const TRACE_ID_CODES: number[] = new Array<number>(32).fill(48);

/**
 * Base64 of exactly `byteLength` bytes, padded or not, as lowercase hex; undefined for anything
 * else. Same result as normalizeOtlpId for these inputs, without its regexes and atob: Tempo
 * and grpc-gateway write every id this way.
 */
function base64IdToHex(text: string, byteLength: 8 | 16): string | undefined {
  const dataLength = byteLength === 8 ? 11 : 22;
  const length = text.length;
  if (length !== dataLength) {
    if (length !== dataLength + (byteLength === 8 ? 1 : 2)) return undefined;
    for (let i = dataLength; i < length; i++) if (text.charCodeAt(i) !== 61 /* = */) return undefined;
  }
  const codes = byteLength === 8 ? SPAN_ID_CODES : TRACE_ID_CODES;
  let bits = 0;
  let bitCount = 0;
  let written = 0;
  for (let i = 0; i < dataLength; i++) {
    const c = text.charCodeAt(i);
    const sextet = c < 128 ? SEXTET[c] : -1;
    if (sextet < 0) return undefined;
    bits = ((bits << 6) | sextet) & 0xfff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      const byte = (bits >> bitCount) & 0xff;
      codes[written++] = HEX_CHAR_CODES[byte >> 4];
      codes[written++] = HEX_CHAR_CODES[byte & 15];
      // The last character's spare bits are ignored, as atob does.
      if (written === codes.length) break;
    }
  }
  return String.fromCharCode.apply(null, codes);
}

/**
 * A link whose `opentracing.ref_type` attribute (the OpenTelemetry convention for links made
 * from OpenTracing/Jaeger references) says child_of or follows_from gets that relation; the
 * attribute is dropped as the relation now carries it.
 */
function linkOf(traceId: string, spanId: string, attributes: readonly Attribute[]): SpanLink {
  for (let i = 0; i < attributes.length; i++) {
    const { key, value } = attributes[i];
    if (key !== 'opentracing.ref_type' || value.type !== 'string') continue;
    if (value.value !== 'child_of' && value.value !== 'follows_from') break;
    const rest = attributes.length === 1 ? NO_ATTRIBUTES : attributes.filter((_, k) => k !== i);
    return { traceId, spanId, relation: value.value, attributes: rest };
  }
  return { traceId, spanId, relation: 'link', attributes };
}

/** The span fields whose names a warning may give, as the span spells them. */
interface SpanFieldNames {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
}

const JSON_NAMES: SpanFieldNames = {
  traceId: 'traceId',
  spanId: 'spanId',
  parentSpanId: 'parentSpanId',
  startTimeUnixNano: 'startTimeUnixNano',
  endTimeUnixNano: 'endTimeUnixNano',
};

const PROTO_NAMES: SpanFieldNames = {
  traceId: 'trace_id',
  spanId: 'span_id',
  parentSpanId: 'parent_span_id',
  startTimeUnixNano: 'start_time_unix_nano',
  endTimeUnixNano: 'end_time_unix_nano',
};

interface MissingStart {
  readonly spanIndex: number;
  readonly path: string;
}

interface DroppedTotals {
  attributes: number;
  events: number;
  links: number;
}

class OtlpReader {
  readonly out: BatchBuilder;
  readonly cursor: OtlpCursor;
  private readonly missingStarts: MissingStart[] = [];
  private readonly dropped: DroppedTotals = { attributes: 0, events: 0, links: 0 };
  // Results of readSpanTimes and readNanos besides their return value: returning them in an
  // object would allocate one per span, or per time read.
  private durationNs = 0;
  private nanosSec = 0;
  private nanosNano = 0;
  /** The last valid trace id read, as written and normalized (see readTraceId). */
  private lastTraceIdText: string | undefined;
  private lastTraceId = '';
  /** How the span being read spells its fields, for its warnings. */
  private names: SpanFieldNames = JSON_NAMES;

  constructor(format: ParsedBatch['format']) {
    this.out = new BatchBuilder(format);
    this.cursor = new OtlpCursor(this.out);
  }

  readDocument(doc: unknown, container: SpanContainer): void {
    const cursor = this.cursor;
    cursor.depth = 0;
    cursor.spanIndex = undefined;
    for (const step of container.steps) cursor.push(step);
    if (isObject(doc) && container.steps[0] === 'trace' && (doc.status === 'PARTIAL' || doc.status === 1)) {
      const message = typeof doc.message === 'string' && doc.message !== '' ? `: ${doc.message}` : '';
      this.out.notes.push(`Tempo reported this trace as partial${message}`);
    }
    const depth = cursor.depth;
    const list = container.list;
    for (let i = 0; i < list.length; i++) {
      cursor.depth = depth;
      if (!container.documentIsEntry) cursor.push(i);
      const entry: unknown = list[i];
      if (isObject(entry)) this.readResourceSpans(entry);
      else cursor.warn('invalid-value', `resource spans entry skipped: expected an object, got ${describeJson(entry)}`);
    }
    cursor.depth = 0;
    cursor.spanIndex = undefined;
  }

  finish(): ParsedBatch {
    this.placeSpansWithoutStart();
    const { attributes, events, links } = this.dropped;
    if (attributes + events + links > 0) {
      const parts: string[] = [];
      if (attributes > 0) parts.push(`${attributes} attributes`);
      if (events > 0) parts.push(`${events} events`);
      if (links > 0) parts.push(`${links} links`);
      this.out.notes.push(`The senders reported dropping ${parts.join(', ')} before export`);
    }
    return this.out.finish();
  }

  private readResourceSpans(entry: JsonObject): void {
    const cursor = this.cursor;
    const depth = cursor.depth;
    const firstSpan = this.out.spans.length;
    cursor.spanIndex = undefined;
    cursor.push('resource');
    const rawResource = entry.resource;
    const resourceAttributes = isObject(rawResource) ? this.readAttributesAt(rawResource, 'attributes') : NO_ATTRIBUTES;
    if (isObject(rawResource)) this.countDroppedAttributes(rawResource);
    const serviceName = this.serviceNameOf(resourceAttributes);
    const resource: Resource = { serviceName: serviceName.name, attributes: resourceAttributes };
    cursor.depth = depth;
    for (const key of SCOPE_SPANS_KEYS) this.readScopeSpansList(entry, key, resource);
    if (serviceName.problem !== undefined) {
      cursor.depth = depth;
      cursor.push('resource');
      cursor.spanIndex = this.out.spans.length > firstSpan ? firstSpan : undefined;
      cursor.warn('missing-field', `${serviceName.problem}; spans shown as "${serviceName.name}"`, 'attributes');
      cursor.spanIndex = undefined;
    }
    cursor.depth = depth;
  }

  /** service.name, else the SDK default built from process.executable.name. */
  private serviceNameOf(attributes: readonly Attribute[]): { name: string; problem?: string } {
    let executable = '';
    for (let i = 0; i < attributes.length; i++) {
      const { key, value } = attributes[i];
      if (key === 'service.name') {
        if (value.type === 'string' && value.value !== '') return { name: value.value };
        const what = value.type === 'string' ? 'empty' : `a ${value.type} value, not a string`;
        return { name: 'unknown_service', problem: `resource attribute service.name is ${what}` };
      }
      if (key === 'process.executable.name' && value.type === 'string') executable = value.value;
    }
    const name = executable === '' ? 'unknown_service' : `unknown_service:${executable}`;
    return { name, problem: 'resource has no service.name attribute' };
  }

  private readScopeSpansList(entry: JsonObject, key: (typeof SCOPE_SPANS_KEYS)[number], resource: Resource): void {
    const raw = entry[key];
    if (raw == null) return;
    const cursor = this.cursor;
    const depth = cursor.depth;
    if (!Array.isArray(raw)) {
      cursor.warn('invalid-value', `${key} should be an array, got ${describeJson(raw)}`, key);
      return;
    }
    cursor.push(key);
    for (let j = 0; j < raw.length; j++) {
      cursor.depth = depth + 1;
      cursor.push(j);
      const scopeSpans: unknown = raw[j];
      if (isObject(scopeSpans)) this.readScopeSpans(scopeSpans, resource);
      else cursor.warn('invalid-value', `scope spans skipped: expected an object, got ${describeJson(scopeSpans)}`);
    }
    cursor.depth = depth;
  }

  private readScopeSpans(entry: JsonObject, resource: Resource): void {
    const cursor = this.cursor;
    const depth = cursor.depth;
    cursor.spanIndex = undefined;
    const scopeKey =
      entry.scope != null
        ? 'scope'
        : entry.instrumentation_library != null
          ? 'instrumentation_library'
          : 'instrumentationLibrary';
    const scope = this.readScope(entry[scopeKey], scopeKey);
    const spans = entry.spans;
    if (spans == null) return;
    if (!Array.isArray(spans)) {
      cursor.warn('invalid-value', `spans should be an array, got ${describeJson(spans)}`, 'spans');
      return;
    }
    cursor.push('spans');
    for (let k = 0; k < spans.length; k++) {
      cursor.depth = depth + 1;
      cursor.push(k);
      const span: unknown = spans[k];
      if (isObject(span)) this.readSpan(span, resource, scope);
      else {
        cursor.spanIndex = undefined;
        cursor.warn('invalid-value', `span skipped: expected an object, got ${describeJson(span)}`);
      }
    }
    cursor.depth = depth;
    cursor.spanIndex = undefined;
  }

  private readScope(raw: unknown, key: string): InstrumentationScope | undefined {
    if (raw == null) return undefined;
    const cursor = this.cursor;
    if (!isObject(raw)) {
      cursor.warn('invalid-value', `${key} should be an object, got ${describeJson(raw)}`, key);
      return undefined;
    }
    cursor.push(key);
    const name = typeof raw.name === 'string' ? raw.name : '';
    const version = typeof raw.version === 'string' && raw.version !== '' ? raw.version : undefined;
    const attributes = this.readAttributesAt(raw, 'attributes');
    this.countDroppedAttributes(raw);
    cursor.pop();
    if (name === '' && version === undefined && attributes.length === 0) return undefined;
    return version === undefined ? { name, attributes } : { name, version, attributes };
  }

  private readAttributesAt(owner: JsonObject, key: string): readonly Attribute[] {
    const raw = owner[key];
    if (raw == null) return NO_ATTRIBUTES;
    this.cursor.push(key);
    const attributes = readAttributes(raw, this.cursor);
    this.cursor.pop();
    return attributes;
  }

  private readSpan(raw: JsonObject, resource: Resource, scope: InstrumentationScope | undefined): void {
    const cursor = this.cursor;
    const spanIndex = this.out.spans.length;
    cursor.spanIndex = spanIndex;

    // One look per span tells which spelling it uses (see RESOURCE_SPANS_KEYS); warnings name its keys.
    const rawTraceId = raw.traceId;
    const names = rawTraceId === undefined && raw.trace_id !== undefined ? PROTO_NAMES : JSON_NAMES;
    this.names = names;
    const traceId = this.readTraceId(rawTraceId ?? raw.trace_id);
    const spanId = this.readId(raw.spanId ?? raw.span_id, 8, names.spanId);
    // Only a first '0' costs a second look.
    if (traceId.charCodeAt(0) === 48 && isAllZeroId(traceId)) this.warnZeroId(names.traceId);
    if (spanId.charCodeAt(0) === 48 && isAllZeroId(spanId)) this.warnZeroId(names.spanId);
    const rawParent = raw.parentSpanId ?? raw.parent_span_id;
    // Some SDKs write an all-zero parent for a root ("0", or as many zeros as an id has), as
    // Zipkin and Jaeger tracers do: no parent, and nothing to warn about.
    const noParent = rawParent == null || rawParent === '' || (typeof rawParent === 'string' && isAllZeroId(rawParent));
    let parentSpanId = noParent ? undefined : this.readId(rawParent, 8, names.parentSpanId);
    if (parentSpanId !== undefined && parentSpanId.charCodeAt(0) === 48 && isAllZeroId(parentSpanId))
      parentSpanId = undefined;
    const name = typeof raw.name === 'string' ? raw.name : this.readOddName(raw.name);

    const start = this.readSpanTimes(raw, spanIndex);
    const durationNs = this.durationNs;

    // A list that reads without warnings is read when first asked for (see DeferredAttributesSpan).
    const rawAttributes = raw.attributes;
    const deferred = rawAttributes != null && isPlainAttributeList(rawAttributes);
    const attributes = deferred ? rawAttributes : this.readAttributesAt(raw, 'attributes');
    const events = raw.events == null ? NO_EVENTS : this.readEvents(raw.events, start);
    const links = raw.links == null ? NO_LINKS : this.readLinks(raw.links);
    if (names === JSON_NAMES) {
      if (raw.droppedAttributesCount != null)
        this.countDropped(raw.droppedAttributesCount, 'droppedAttributesCount', 'attributes');
      if (raw.droppedEventsCount != null) this.countDropped(raw.droppedEventsCount, 'droppedEventsCount', 'events');
      if (raw.droppedLinksCount != null) this.countDropped(raw.droppedLinksCount, 'droppedLinksCount', 'links');
    } else {
      this.countDropped(raw.dropped_attributes_count, 'dropped_attributes_count', 'attributes');
      this.countDropped(raw.dropped_events_count, 'dropped_events_count', 'events');
      this.countDropped(raw.dropped_links_count, 'dropped_links_count', 'links');
    }

    const span = new DeferredAttributesSpan(
      traceId,
      spanId,
      parentSpanId,
      name,
      resource.serviceName,
      raw.kind == null ? 'unspecified' : this.readKind(raw.kind),
      durationNs,
      raw.status == null ? STATUS_ONLY.unset : this.readStatus(raw.status),
      resource,
      scope,
      events,
      links,
      start,
      attributes,
      deferred ? plainAttributeList : null,
    );
    this.out.addSpan(span);
  }

  /**
   * The span's start, with its duration left in `durationNs`; spans without a start are placed
   * later, by placeSpansWithoutStart. The end time is only read into `nanosSec`/`nanosNano`: it
   * is needed for the duration alone, so it gets no object of its own.
   */
  private readSpanTimes(raw: JsonObject, spanIndex: number): EpochTime {
    const cursor = this.cursor;
    this.durationNs = 0;
    const { startTimeUnixNano: startKey, endTimeUnixNano: endKey } = this.names;
    const hasStart = this.readNanos(raw.startTimeUnixNano ?? raw.start_time_unix_nano, startKey);
    const startSec = this.nanosSec;
    const startNano = this.nanosNano;
    const hasEnd = this.readNanos(raw.endTimeUnixNano ?? raw.end_time_unix_nano, endKey);
    if (!hasStart) {
      if (!hasEnd) {
        this.missingStarts.push({ spanIndex, path: cursor.path(startKey) });
        return START_OF_SPAN;
      }
      const message = `span has no ${startKey}; placed at its end with duration 0`;
      cursor.warn('missing-field', message, startKey);
      return { sec: this.nanosSec, nano: this.nanosNano };
    }
    const start: EpochTime = { sec: startSec, nano: startNano };
    if (!hasEnd) {
      cursor.warn('missing-field', `span has no ${endKey}; shown with duration 0`, endKey);
      return start;
    }
    // As epochDiffNs(end, start).
    const durationNs = (this.nanosSec - startSec) * 1e9 + (this.nanosNano - startNano);
    if (durationNs < 0) {
      cursor.warn('invalid-value', 'span ends before it starts; shown with duration 0', endKey);
      return start;
    }
    this.durationNs = durationNs;
    return start;
  }

  /**
   * Spans of one trace come together and repeat its id: a valid id read for the previous span is
   * reused when the text is the same, which also makes it the same string, quick to compare.
   */
  private readTraceId(raw: unknown): string {
    if (typeof raw === 'string') {
      if (raw === this.lastTraceIdText) return this.lastTraceId;
      const id = isLowerHex(raw, 32) ? raw : base64IdToHex(raw, 16);
      if (id !== undefined) {
        this.lastTraceIdText = raw;
        this.lastTraceId = id;
        return id;
      }
    }
    return this.readId(raw, 16, this.names.traceId);
  }

  /** Lowercase hex passes through untouched; anything else goes through the shared normalizer. */
  private readId(raw: unknown, byteLength: 8 | 16, key: string): string {
    if (typeof raw === 'string') {
      if (isLowerHex(raw, byteLength * 2)) return raw;
      const decoded = base64IdToHex(raw, byteLength);
      if (decoded !== undefined) return decoded;
      if (raw === '') {
        this.cursor.warn('missing-field', `${key} is empty`, key);
        return '';
      }
      const normalized = normalizeOtlpId(raw, byteLength);
      if (!normalized.valid)
        this.cursor.warn(
          'invalid-id',
          `${key} ${describeJson(raw)} is neither ${byteLength * 2} hex digits ` +
            `nor base64 of ${byteLength} bytes; kept as written`,
          key,
        );
      return normalized.id;
    }
    if (raw == null) {
      this.cursor.warn('missing-field', `${key} is missing`, key);
      return '';
    }
    this.cursor.warn('invalid-id', `${key} should be a string, got ${describeJson(raw)}; kept as text`, key);
    return textOf(raw);
  }

  private warnZeroId(key: string): void {
    this.cursor.warn(
      'invalid-id',
      `${key} is all zeros, which OpenTelemetry and W3C Trace Context define as invalid; kept as written`,
      key,
    );
  }

  private readOddName(raw: unknown): string {
    // Protobuf JSON omits empty strings, so a missing name is a legal empty name.
    if (raw == null) return '';
    this.cursor.warn('invalid-value', `name should be a string, got ${describeJson(raw)}; kept as text`, 'name');
    return textOf(raw);
  }

  /** An epoch time (see readNanos), or undefined when absent or unreadable. */
  private readTime(raw: unknown, key: string): EpochTime | undefined {
    return this.readNanos(raw, key) ? { sec: this.nanosSec, nano: this.nanosNano } : undefined;
  }

  /**
   * Reads epoch nanoseconds into `nanosSec`/`nanosNano`; false when absent or unreadable. An
   * explicit 0 is kept as a time: protobuf JSON would have omitted it, so whoever wrote it meant
   * it (synthetic traces do).
   */
  private readNanos(raw: unknown, key: string): boolean {
    if (raw == null) return false;
    if (typeof raw === 'string' && this.readPlainNanos(raw)) return true;
    // JSON.parse has rounded such a number: the text is read again with it quoted (see bare-nanos.ts).
    if (typeof raw === 'number' && raw > Number.MAX_SAFE_INTEGER) this.out.inexactTimes = true;
    const time = typeof raw === 'string' || typeof raw === 'number' ? epochFromNanos(raw) : undefined;
    if (time === undefined) {
      this.cursor.warn(
        'invalid-value',
        `${key} ${describeJson(raw)} is not epoch nanoseconds ${TIME_RANGE_TEXT}; ignored`,
        key,
      );
      return false;
    }
    this.nanosSec = time.sec;
    this.nanosNano = time.nano;
    return true;
  }

  /**
   * What epochFromNanos gives for a string of nothing but digits, read without its regex and
   * slices (two times a span, 100,000 spans). False for anything else, which is left to it: up
   * to 24 digits the seconds stay below 2^53, so adding up digits is exact, as Number() is.
   */
  private readPlainNanos(text: string): boolean {
    const length = text.length;
    if (length === 0 || length > 24) return false;
    const secondDigits = length > 9 ? length - 9 : 0;
    let sec = 0;
    let nano = 0;
    for (let i = 0; i < length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return false;
      if (i < secondDigits) sec = sec * 10 + digit;
      else nano = nano * 10 + digit;
    }
    // Later times are left to epochFromNanos, which refuses them.
    if (sec > MAX_EPOCH_SEC) return false;
    this.nanosSec = sec;
    this.nanosNano = nano;
    return true;
  }

  private readKind(raw: unknown): SpanKind {
    const kind =
      typeof raw === 'number' ? KIND_BY_NUMBER[raw] : typeof raw === 'string' ? KIND_BY_NAME.get(raw) : undefined;
    if (kind !== undefined) return kind;
    this.cursor.warn('unknown-kind', `unknown span kind ${describeJson(raw)}; shown as unspecified`, 'kind');
    return 'unspecified';
  }

  private readStatus(raw: unknown): SpanStatus {
    const cursor = this.cursor;
    if (!isObject(raw)) {
      cursor.warn('invalid-value', `status should be an object, got ${describeJson(raw)}; shown as unset`, 'status');
      return STATUS_ONLY.unset;
    }
    const rawCode = raw.code;
    let code: StatusCode | undefined =
      rawCode == null
        ? 'unset'
        : typeof rawCode === 'number'
          ? STATUS_BY_NUMBER[rawCode]
          : typeof rawCode === 'string'
            ? STATUS_BY_NAME.get(rawCode)
            : undefined;
    if (code === undefined) {
      cursor.push('status');
      cursor.warn('invalid-value', `unknown status code ${describeJson(rawCode)}; shown as unset`, 'code');
      cursor.pop();
      code = 'unset';
    }
    const message = raw.message;
    if (typeof message === 'string' && message !== '') return { code, message };
    return STATUS_ONLY[code];
  }

  private readEvents(raw: unknown, spanStart: EpochTime): readonly ParsedEvent[] {
    const cursor = this.cursor;
    if (!Array.isArray(raw)) {
      cursor.warn('invalid-value', `events should be an array, got ${describeJson(raw)}`, 'events');
      return NO_EVENTS;
    }
    if (raw.length === 0) return NO_EVENTS;
    const depth = cursor.depth;
    cursor.push('events');
    const events: ParsedEvent[] = [];
    for (let i = 0; i < raw.length; i++) {
      cursor.depth = depth + 1;
      cursor.push(i);
      const event: unknown = raw[i];
      if (!isObject(event)) {
        cursor.warn('invalid-value', `event skipped: expected an object, got ${describeJson(event)}`);
        continue;
      }
      const timeKey =
        event.timeUnixNano === undefined && event.time_unix_nano !== undefined ? 'time_unix_nano' : 'timeUnixNano';
      let time = this.readTime(event[timeKey], timeKey);
      if (time === undefined) {
        cursor.warn('missing-field', `event has no ${timeKey}; placed at the start of its span`, timeKey);
        time = spanStart;
      }
      const name = typeof event.name === 'string' ? event.name : this.readOddName(event.name);
      const attributes = this.readAttributesAt(event, 'attributes');
      this.countDroppedAttributes(event);
      events.push({ time, name, attributes });
    }
    cursor.depth = depth;
    return events;
  }

  private readLinks(raw: unknown): readonly SpanLink[] {
    const cursor = this.cursor;
    if (!Array.isArray(raw)) {
      cursor.warn('invalid-value', `links should be an array, got ${describeJson(raw)}`, 'links');
      return NO_LINKS;
    }
    if (raw.length === 0) return NO_LINKS;
    const depth = cursor.depth;
    cursor.push('links');
    const links: SpanLink[] = [];
    for (let i = 0; i < raw.length; i++) {
      cursor.depth = depth + 1;
      cursor.push(i);
      const link: unknown = raw[i];
      if (!isObject(link)) {
        cursor.warn('invalid-value', `link skipped: expected an object, got ${describeJson(link)}`);
        continue;
      }
      const linkNames = link.traceId === undefined && link.trace_id !== undefined ? PROTO_NAMES : JSON_NAMES;
      const traceId = this.readId(link.traceId ?? link.trace_id, 16, linkNames.traceId);
      const spanId = this.readId(link.spanId ?? link.span_id, 8, linkNames.spanId);
      const attributes = this.readAttributesAt(link, 'attributes');
      this.countDroppedAttributes(link);
      links.push(linkOf(traceId, spanId, attributes));
    }
    cursor.depth = depth;
    return links;
  }

  /** The droppedAttributesCount of a resource, scope, event or link, under either spelling. */
  private countDroppedAttributes(owner: JsonObject): void {
    if (owner.droppedAttributesCount != null)
      this.countDropped(owner.droppedAttributesCount, 'droppedAttributesCount', 'attributes');
    else if (owner.dropped_attributes_count != null)
      this.countDropped(owner.dropped_attributes_count, 'dropped_attributes_count', 'attributes');
  }

  private countDropped(raw: unknown, key: string, what: keyof DroppedTotals): void {
    if (raw == null) return;
    const count = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
    if (count > 0) this.dropped[what] += count;
    else if (count < 0) this.cursor.warn('negative-count', `${key} is ${count}; a count cannot be negative`, key);
    else if (count !== 0) this.cursor.warn('invalid-value', `${key} ${describeJson(raw)} is not a count`, key);
  }

  /**
   * A span with neither start nor end time is placed at the earliest start of its trace, else
   * of the whole file, else at the epoch, with duration 0: that keeps it visible without
   * stretching its trace back to 1970.
   */
  private placeSpansWithoutStart(): void {
    if (this.missingStarts.length === 0) return;
    const spans = this.out.spans;
    const earliestByTrace = new Map<string, EpochTime>();
    let earliest: EpochTime | undefined;
    for (let i = 0; i < spans.length; i++) {
      const { start, traceId } = spans[i];
      if (start === START_OF_SPAN) continue;
      const known = earliestByTrace.get(traceId);
      if (known === undefined || epochCompare(start, known) < 0) earliestByTrace.set(traceId, start);
      if (earliest === undefined || epochCompare(start, earliest) < 0) earliest = start;
    }
    for (const { spanIndex, path } of this.missingStarts) {
      const span = spans[spanIndex];
      const ofTrace = earliestByTrace.get(span.traceId);
      const start = ofTrace ?? earliest ?? EPOCH_ZERO;
      const where =
        ofTrace !== undefined
          ? 'the start of its trace'
          : earliest !== undefined
            ? 'the earliest start in the file'
            : 'time 0';
      const events = span.events.map((e) =>
        e.time === START_OF_SPAN ? { time: start, name: e.name, attributes: e.attributes } : e,
      );
      placeSpanStart(span, start, events);
      const message = `span has no start or end time; placed at ${where} with duration 0`;
      this.out.warn('missing-field', message, path, spanIndex);
    }
  }
}

// What Zipkin v1 and v2 share: telling the two apart, endpoints, and turning span records in
// the v2 shape (v1 records are converted into it first) into ParsedSpans. Zipkin's shared
// client/server span ids can only be untangled once every span has been seen, so spans are
// written as they come and their ids and missing start times fixed up at the end.
//
// Field paths for warnings are built only when a warning is given: they would otherwise cost
// more than the rest of the parse.
import { NO_ATTRIBUTES, NO_EVENTS, NO_LINKS, STATUS_ONLY } from '../model/shared-values.ts';
import type { Attribute, Resource, SpanKind, SpanStatus } from '../model/trace.ts';
import {
  EPOCH_ZERO,
  epochCompare,
  epochFromMicros,
  MAX_DURATION_MICROS,
  MAX_EPOCH_MICROS,
  TIME_RANGE_TEXT,
  type EpochTime,
} from './epoch.ts';
import { isAllZeroId, isLowerHex, normalizeZipkinId } from './ids.ts';
import { KnownScopes } from './known-scopes.ts';
import { findFieldTags, otelStatusCode, scopeOfTags } from './otel-tags.ts';
import { asNumber, isObject, jsonText, pathKey, type JsonObject } from './json.ts';
import { SpanIdIndex } from '../model/span-id-index.ts';
import {
  DeferredAttributesSpan,
  type BatchBuilder,
  type ParsedEvent,
  type ParsedSpan,
  type PlainListReader,
} from './parsed.ts';
import { plainZipkinTags, type PlainZipkinTags } from './zipkin-tags.ts';

/**
 * Appended to the id of the server half of a span id shared by client and server, so that both
 * halves can live in one tree; further server halves of the same id get `:server:2`, `:server:3`...
 */
export const SERVER_HALF_SUFFIX = ':server';
/** Appended to a span's id for a piece of it reported separately (`<id>:part`, `<id>:server:part`). */
export const PART_SUFFIX = ':part';

export interface ZipkinEndpoint {
  readonly serviceName: string | undefined;
  readonly ipv4: string | undefined;
  readonly ipv6: string | undefined;
  readonly port: number | undefined;
  /**
   * Equal for equal endpoints, different for different ones. Made once per endpoint object, and
   * readers hand out one object for repeated endpoints, so that spans do not each build it.
   */
  readonly key: string;
}

export function makeEndpoint(
  serviceName: string | undefined,
  ipv4: string | undefined,
  ipv6: string | undefined,
  port: number | undefined,
): ZipkinEndpoint {
  // NUL cannot appear in a name or address, so distinct endpoints get distinct keys.
  const key = `${serviceName ?? ''}\u0000${ipv4 ?? ''}\u0000${ipv6 ?? ''}\u0000${port ?? ''}`;
  return { serviceName, ipv4, ipv6, port, key };
}

// A service mostly shows a few endpoints (its server spans with their port, the others
// without); a service with more gets the rest made anew each time, which keeps lookups short.
const ENDPOINTS_PER_SERVICE = 8;

/** Endpoints a reader has made, by service name: an equal endpoint is handed out again rather than remade. */
export class KnownEndpoints {
  private readonly byServiceName = new Map<string | undefined, ZipkinEndpoint[]>();

  get(
    serviceName: string | undefined,
    ipv4: string | undefined,
    ipv6: string | undefined,
    port: number | undefined,
  ): ZipkinEndpoint {
    let known = this.byServiceName.get(serviceName);
    if (known === undefined) {
      known = [];
      this.byServiceName.set(serviceName, known);
    }
    for (let i = 0; i < known.length; i++) {
      const e = known[i];
      if (e.ipv4 === ipv4 && e.ipv6 === ipv6 && e.port === port) return e;
    }
    const made = makeEndpoint(serviceName, ipv4, ipv6, port);
    if (known.length < ENDPOINTS_PER_SERVICE) known.push(made);
    return made;
  }
}

export interface ZipkinAnnotation {
  /** Epoch microseconds; undefined when the input had no usable timestamp (the span start is used). */
  readonly timestampMicros: number | undefined;
  readonly value: string;
}

/** One span in Zipkin's v2 shape, with fields already narrowed except the ids. */
export interface ZipkinSpanRecord {
  /** Where the input record the span came from is (see recordPath). */
  readonly outer: number;
  readonly inner: number;
  /** Ids as found in the input; they are checked and normalized when the span is written. */
  readonly traceId: unknown;
  readonly id: unknown;
  readonly parentId: unknown;
  readonly name: string | undefined;
  readonly kind: SpanKind;
  readonly shared: boolean;
  readonly debug: boolean;
  /** Epoch microseconds; undefined when absent or unusable. */
  readonly timestampMicros: number | undefined;
  readonly durationMicros: number | undefined;
  readonly localEndpoint: ZipkinEndpoint | undefined;
  /** Where the service name should have been, relative to the record; only read when it is missing. */
  readonly serviceNameField: PathRef;
  readonly remoteEndpoint: ZipkinEndpoint | undefined;
  readonly annotations: readonly ZipkinAnnotation[];
  /**
   * Tags whose values are all strings, as written (see zipkin-tags.ts), with their count; when
   * undefined, the tags are in `tags`.
   */
  readonly plainTags: JsonObject | undefined;
  readonly plainTagCount: number;
  /** False when no plain tag can give a span field (error, otel.*): they need not be looked up. */
  readonly plainTagsGiveFields: boolean;
  /** String tags in input order. Owned by the record: it becomes the span's attribute list. */
  readonly tags: Attribute[];
  /** The record's field the tags come from, for warnings. */
  readonly tagsField: 'tags' | 'binaryAnnotations';
}

// ---- Documents and detection --------------------------------------------------------------

/**
 * Calls `visit` with each span record of a Zipkin document (an array of spans, an array of
 * arrays of spans, or one span object) and where it is, until `visit` returns false.
 * `inner` is -1 for a record that is not in a nested array, `outer` is -1 for a lone object.
 */
export function visitZipkinRecords(
  doc: unknown,
  visit: (record: unknown, outer: number, inner: number) => boolean,
): void {
  if (!Array.isArray(doc)) {
    visit(doc, -1, -1);
    return;
  }
  for (let i = 0; i < doc.length; i++) {
    const item: unknown = doc[i];
    if (Array.isArray(item)) {
      for (let j = 0; j < item.length; j++) {
        if (!visit(item[j], i, j)) return;
      }
    } else if (!visit(item, i, -1)) return;
  }
}

export function recordPath(outer: number, inner: number): string {
  if (outer < 0) return '$';
  return inner < 0 ? `$[${outer}]` : `$[${outer}][${inner}]`;
}

/**
 * The record being read, for paths in warnings. It is one object updated per record, so that
 * no path string or closure is made per span; `path` can be passed wherever a PathRef goes.
 */
export class RecordPosition {
  outer = -1;
  inner = -1;
  readonly path = (): string => recordPath(this.outer, this.inner);
}

/** `either`: only fields both versions have (ids, name, times), which read the same in both. */
export type ZipkinShape = 'zipkin-v1' | 'zipkin-v2' | 'either';

const V2_ONLY_FIELDS = ['localEndpoint', 'remoteEndpoint', 'kind', 'tags', 'shared'] as const;
// Jaeger writes traceID/spanID; OpenTelemetry SDK dumps nest ids in spanContext.
const FOREIGN_FIELDS = ['traceID', 'spanID', 'spanContext'] as const;
// A Zipkin document shows a span with traceId and id among its first few records, or it is not one.
const RECORDS_TO_FIND_A_SPAN = 10;

function shapeOfRecord(record: JsonObject): ZipkinShape {
  for (const field of V2_ONLY_FIELDS) if (field in record) return 'zipkin-v2';
  if (Array.isArray(record.binaryAnnotations)) return 'zipkin-v1';
  const annotations = record.annotations;
  if (Array.isArray(annotations)) {
    for (const a of annotations) if (isObject(a) && 'endpoint' in a) return 'zipkin-v1';
  }
  return 'either';
}

/**
 * Which Zipkin version a document is, or undefined when it is not Zipkin. The first record with
 * a field only one version has decides.
 */
export function detectZipkinShape(doc: unknown): ZipkinShape | undefined {
  if (!Array.isArray(doc) && !isObject(doc)) return undefined;
  let foundSpan = false;
  let foreign = false;
  let shape: ZipkinShape = 'either';
  let seen = 0;
  visitZipkinRecords(doc, (record) => {
    if (!isObject(record)) return true;
    seen++;
    for (const field of FOREIGN_FIELDS) {
      if (field in record) {
        foreign = true;
        return false;
      }
    }
    if (typeof record.traceId === 'string' && typeof record.id === 'string') foundSpan = true;
    else if (!foundSpan && seen >= RECORDS_TO_FIND_A_SPAN) return false;
    if (shape === 'either') shape = shapeOfRecord(record);
    // A first record with a bad id decides the version but is not the span that proves the
    // document is Zipkin: keep looking (as far as RECORDS_TO_FIND_A_SPAN) for one that is.
    return shape === 'either' || !foundSpan;
  });
  return foreign || !foundSpan ? undefined : shape;
}

// ---- Narrowing shared by both versions ----------------------------------------------------

/** A JSON path, or how to build it when a warning needs it. */
export type PathRef = string | (() => string);

function resolvePath(path: PathRef): string {
  return typeof path === 'string' ? path : path();
}

/**
 * Epoch microseconds from the timestamp or duration field `key` of `parent`; warns about values
 * that are present but unusable. Zipkin writes a timestamp of 0 for "not set".
 */
export function readMicros(
  parent: JsonObject,
  key: 'timestamp' | 'duration',
  parentPath: PathRef,
  out: BatchBuilder,
  spanIndex: number,
): number | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' && value > 0 ? value : asNumber(value);
  if (n === 0 && key === 'timestamp') return undefined;
  if (n === undefined || n < 0 || n > (key === 'timestamp' ? MAX_EPOCH_MICROS : MAX_DURATION_MICROS)) {
    const problem = `${key} ${jsonText(value)} is not a non-negative number of microseconds ${TIME_RANGE_TEXT}`;
    out.warn('invalid-value', problem, pathKey(resolvePath(parentPath), key), spanIndex);
    return undefined;
  }
  return n;
}

/** The endpoint in field `key` of `parent`, or undefined when there is none. */
export function readEndpoint(
  parent: JsonObject,
  key: string,
  parentPath: PathRef,
  out: BatchBuilder,
  spanIndex: number,
  known: KnownEndpoints,
): ZipkinEndpoint | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    out.warn('invalid-value', 'endpoint is not an object', pathKey(resolvePath(parentPath), key), spanIndex);
    return undefined;
  }
  const { serviceName, ipv4, ipv6 } = value;
  const port = asNumber(value.port);
  return known.get(
    typeof serviceName === 'string' && serviceName !== '' ? serviceName : undefined,
    typeof ipv4 === 'string' && ipv4 !== '' ? ipv4 : undefined,
    typeof ipv6 === 'string' && ipv6 !== '' ? ipv6 : undefined,
    // Port 0 is how Zipkin writes "unknown".
    port !== undefined && port > 0 ? port : undefined,
  );
}

/** The text of an annotation's value; a value that is not a string has already been warned about. */
export function annotationText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : jsonText(value);
}

export function sameServiceName(a: ZipkinEndpoint | undefined, b: ZipkinEndpoint | undefined): boolean {
  return a?.serviceName === b?.serviceName;
}

export function stringAttribute(key: string, value: string): Attribute {
  return { key, value: { type: 'string', value } };
}

// ---- Writing spans ------------------------------------------------------------------------

const UNKNOWN_SERVICE = 'unknown';
const UNNAMED = 'unknown';
const DEBUG_ATTRIBUTE: Attribute = { key: 'zipkin.debug', value: { type: 'bool', value: true } };
const SHARED_ATTRIBUTE: Attribute = { key: 'zipkin.shared', value: { type: 'bool', value: true } };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DraftEvent = Mutable<ParsedEvent>;
/**
 * Spans are built here and handed out only after finish() has fixed their ids and times; the
 * writer changes those fields in place (the span objects are DeferredAttributesSpans).
 */
type DraftSpan = Omit<Mutable<ParsedSpan>, 'events'> & { events: DraftEvent[] };

/** Path of a field of the record, or of a path relative to it. */
function fieldPath(record: ZipkinSpanRecord, relative: string): string {
  return `${recordPath(record.outer, record.inner)}.${relative}`;
}

function endpointAttributes(e: ZipkinEndpoint, side: 'host' | 'peer'): Attribute[] {
  const attributes: Attribute[] = [];
  if (side === 'peer' && e.serviceName !== undefined) attributes.push(stringAttribute('peer.service', e.serviceName));
  if (e.ipv4 !== undefined) attributes.push(stringAttribute(`net.${side}.ip`, e.ipv4));
  if (e.ipv6 !== undefined) attributes.push(stringAttribute(`net.${side}.ipv6`, e.ipv6));
  if (e.port !== undefined) {
    attributes.push({ key: `net.${side}.port`, value: { type: 'int', value: String(Math.trunc(e.port)) } });
  }
  return attributes;
}

/**
 * The tags that give span fields, as text (undefined when absent): Zipkin's error tag, and
 * what OpenTelemetry's Zipkin exporter writes: otel.status_code and otel.status_description,
 * otel.scope.name and otel.scope.version (otel.library.* before). They stay attributes too.
 */
interface FieldTags {
  error: string | undefined;
  statusCode: string | undefined;
  statusDescription: string | undefined;
  scopeName: string | undefined;
  scopeVersion: string | undefined;
}

const OTEL_STATUS_CODE = 'otel.status_code';
const OTEL_STATUS_DESCRIPTION = 'otel.status_description';

/** Zipkin's tags are string attributes, and of repeated keys the first counts (as Zipkin reads its error tag). */
function fieldTagsOf(tags: readonly Attribute[]): FieldTags {
  const found = findFieldTags(tags, 'first');
  const textOf = (a: Attribute | undefined) => (a?.value.type === 'string' ? a.value.value : undefined);
  return {
    error: textOf(found.error),
    statusCode: textOf(found.statusCode),
    statusDescription: textOf(found.statusDescription),
    scopeName: found.scopeName,
    scopeVersion: found.scopeVersion,
  };
}

const NO_FIELD_TAGS: FieldTags = Object.freeze({
  error: undefined,
  statusCode: undefined,
  statusDescription: undefined,
  scopeName: undefined,
  scopeVersion: undefined,
});

function fieldTagsOfPlain(tags: JsonObject): FieldTags {
  // Plain tags are all strings.
  const text = (key: string) => tags[key] as string | undefined;
  const scope = scopeOfTags(
    text('otel.scope.name'),
    text('otel.scope.version'),
    text('otel.library.name'),
    text('otel.library.version'),
  );
  return {
    error: text('error'),
    statusCode: text(OTEL_STATUS_CODE),
    statusDescription: text(OTEL_STATUS_DESCRIPTION),
    scopeName: scope.name,
    scopeVersion: scope.version,
  };
}

/** Annotations mostly come in time order; sorting them anyway would cost a sort's scratch space for every span. */
function inTimeOrder(events: readonly DraftEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (epochCompare(events[i - 1].time, events[i].time) > 0) return false;
  return true;
}

function annotationBounds(annotations: readonly ZipkinAnnotation[]): { earliest: number; latest: number } | undefined {
  let earliest = Infinity;
  let latest = -Infinity;
  for (const a of annotations) {
    const t = a.timestampMicros;
    if (t === undefined) continue;
    if (t < earliest) earliest = t;
    if (t > latest) latest = t;
  }
  return earliest === Infinity ? undefined : { earliest, latest };
}

/** Keyed by trace id, then span id: no key strings need to be built per span. */
type ById<V> = Map<string, Map<string, V>>;

function nestedGet<V>(map: ById<V>, outer: string, inner: string): V | undefined {
  return map.get(outer)?.get(inner);
}

function nestedSet<V>(map: ById<V>, outer: string, inner: string, value: V): void {
  let innerMap = map.get(outer);
  if (innerMap === undefined) {
    innerMap = new Map<string, V>();
    map.set(outer, innerMap);
  }
  innerMap.set(inner, value);
}

/** What a span id is used for within a trace, as bit flags. */
const USED_BY_CLIENT = 1;
/** By a span that is not a shared-flagged server half: such a half needs one to hang from. */
const USED_BY_PLAIN_SPAN = 2;
/** By a span with no kind and no shared flag: maybe a piece of a span reported in parts. */
const USED_BY_BARE_SPAN = 4;

/** The spans that carry one id and a kind, after server halves got their own ids. */
interface SpansOfId {
  /** The first span with that id that is not a server half (the client, usually). */
  plain: string | undefined;
  firstServerHalf: string | undefined;
  /** All of them, with their endpoint keys, in input order. */
  readonly members: { readonly spanId: string; readonly endpoint: string; readonly isServerHalf: boolean }[];
}

function memberAt(spans: SpansOfId, endpoint: string, serverHalvesOnly: boolean): string | undefined {
  for (const member of spans.members) {
    if (member.endpoint === endpoint && (member.isServerHalf || !serverHalvesOnly)) return member.spanId;
  }
  return undefined;
}

/**
 * Writes records into a batch, one span each, in order, then untangles span ids that several
 * records use:
 * - Zipkin's shared spans: a client span and a server span with one id (the server half is
 *   flagged `shared`, or is a SERVER span whose id a CLIENT span also has). The server half gets
 *   its own id (`<id>:server`, `<id>:server:2`... when several servers answered one client id)
 *   and the client half as parent; spans whose parent is that id are put under the server half,
 *   where the work happened (the one at their endpoint when there are several).
 * - Spans reported in pieces: a record with no kind that has the id of a span with a kind, at
 *   the same endpoint or at none, is a piece of it that Zipkin would merge. It must stay a span,
 *   so it becomes a child of that span with its own id (`<id>:part`), rather than a duplicate
 *   that could take the other span's children.
 * Other records with one id (true duplicates) keep it.
 */
export class ZipkinSpanWriter {
  /** The batch's spans, all written here, in order: the writer keeps no list of its own. */
  private get drafts(): DraftSpan[] {
    return this.out.spans as unknown as DraftSpan[];
  }
  private readonly sharedFlags: boolean[] = [];
  private readonly endpointKeys: string[] = [];
  /** Spans with no time at all, and where their records are. */
  private readonly withoutStart: { readonly index: number; readonly outer: number; readonly inner: number }[] = [];
  private readonly resources = new Map<string, Resource>();
  private readonly scopes = new KnownScopes();
  private readonly peerAttributes = new Map<string, Attribute[]>();
  // Every distinct (trace id, span id) as written gets a number, its slot, when the span is
  // added: its strings are fresh in the cache then, which makes a visible difference at 100k spans.
  private readonly slotOf: number[] = [];
  /** Slots by trace id, then span id as written. */
  private readonly slotById = new Map<string, SpanIdIndex>();
  /** USED_BY_* flags, by slot. */
  private readonly usage: number[] = [];
  private lastTraceId: string | undefined;
  private slotsOfLastTrace = new SpanIdIndex(0);
  private lastRawTraceId: string | undefined;
  private lastTraceIdNormalized = '';

  constructor(private readonly out: BatchBuilder) {}

  add(record: ZipkinSpanRecord): void {
    const out = this.out;
    const spanIndex = out.spans.length;
    const traceId = this.readId(record, 'traceId', spanIndex) ?? 'missing-trace-id';
    const spanId = this.readId(record, 'id', spanIndex) ?? `missing-span-id-${spanIndex}`;
    let parentSpanId = this.readId(record, 'parentId', spanIndex);
    if (parentSpanId === spanId) {
      const problem = `span ${spanId} names itself as its parent; shown as a root`;
      out.warn('cycle', problem, fieldPath(record, 'parentId'), spanIndex);
      parentSpanId = undefined;
    }

    const needsAnnotations = record.timestampMicros === undefined || record.durationMicros === undefined;
    const bounds = needsAnnotations ? annotationBounds(record.annotations) : undefined;
    const startMicros = record.timestampMicros ?? bounds?.earliest;
    // A span with no time at all gets one in finish(), from its parent or its trace.
    const start = startMicros === undefined ? EPOCH_ZERO : epochFromMicros(startMicros);
    if (startMicros === undefined)
      this.withoutStart.push({ index: spanIndex, outer: record.outer, inner: record.inner });
    else if (record.timestampMicros === undefined) {
      const problem = 'span has no timestamp; its earliest annotation is used as its start';
      out.warn('missing-field', problem, fieldPath(record, 'timestamp'), spanIndex);
    }

    let durationNs: number;
    if (record.durationMicros !== undefined) durationNs = record.durationMicros * 1000;
    else {
      durationNs =
        bounds !== undefined && startMicros !== undefined ? Math.max(0, bounds.latest - startMicros) * 1000 : 0;
      const fallback = durationNs > 0 ? 'it is taken to end at its last annotation' : 'it is shown with zero duration';
      out.warn('missing-field', `span has no duration; ${fallback}`, fieldPath(record, 'duration'), spanIndex);
    }

    const localEndpoint = record.localEndpoint;
    let serviceName = localEndpoint?.serviceName;
    if (serviceName === undefined) {
      serviceName = UNKNOWN_SERVICE;
      const path = fieldPath(record, resolvePath(record.serviceNameField));
      out.warn('missing-field', `span has no service name; shown as "${UNKNOWN_SERVICE}"`, path, spanIndex);
    }
    const localKey = localEndpoint === undefined ? '' : localEndpoint.key;

    // Spans without annotations share the empty list: the writer only changes events that exist.
    const events =
      record.annotations.length === 0
        ? (NO_EVENTS as unknown as DraftEvent[])
        : new Array<DraftEvent>(record.annotations.length);
    for (let a = 0; a < events.length; a++) {
      const annotation = record.annotations[a];
      const time = annotation.timestampMicros === undefined ? start : epochFromMicros(annotation.timestampMicros);
      events[a] = { time, name: annotation.value, attributes: NO_ATTRIBUTES };
    }
    if (events.length > 1 && !inTimeOrder(events)) events.sort((x, y) => epochCompare(x.time, y.time));

    let fieldTags: FieldTags;
    let attributes: Attribute[] | PlainZipkinTags;
    let reader: PlainListReader | null = null;
    const extras = this.extraAttributesOf(record);
    if (record.plainTags !== undefined) {
      fieldTags = record.plainTagsGiveFields ? fieldTagsOfPlain(record.plainTags) : NO_FIELD_TAGS;
      attributes = { tags: record.plainTags, tagCount: record.plainTagCount, extras };
      reader = plainZipkinTags;
    } else {
      attributes = record.tags;
      fieldTags = fieldTagsOf(attributes);
      for (const attribute of extras) attributes.push(attribute);
    }
    const status = this.statusOf(fieldTags, record, spanIndex);
    const scope =
      fieldTags.scopeName === undefined ? undefined : this.scopes.get(fieldTags.scopeName, fieldTags.scopeVersion);

    const span = new DeferredAttributesSpan(
      traceId,
      spanId,
      parentSpanId,
      record.name ?? UNNAMED,
      serviceName,
      record.kind,
      durationNs,
      status,
      this.resourceOf(localKey, serviceName, localEndpoint),
      scope,
      events,
      NO_LINKS,
      start,
      attributes,
      reader,
    );
    out.addSpan(span);
    this.sharedFlags.push(record.shared);
    this.endpointKeys.push(localKey);
    this.noteIdUse(traceId, spanId, record.kind, record.shared);
  }

  private noteIdUse(traceId: string, spanId: string, kind: SpanKind, shared: boolean): void {
    // Spans of one trace mostly come together; this spares a lookup per span.
    if (traceId !== this.lastTraceId) {
      let slots = this.slotById.get(traceId);
      if (slots === undefined) {
        slots = new SpanIdIndex(0);
        this.slotById.set(traceId, slots);
      }
      this.slotsOfLastTrace = slots;
      this.lastTraceId = traceId;
    }
    let slot = this.slotsOfLastTrace.addFirst(spanId, this.usage.length);
    if (slot === -1) {
      slot = this.usage.length;
      this.usage.push(0);
    }
    this.slotOf.push(slot);
    let usage = this.usage[slot];
    if (kind === 'client') usage |= USED_BY_CLIENT;
    if (!(shared && kind !== 'client')) usage |= USED_BY_PLAIN_SPAN;
    if (kind === 'unspecified' && !shared) usage |= USED_BY_BARE_SPAN;
    this.usage[slot] = usage;
  }

  /** Untangles span ids used by several records and gives spans without a time a start. */
  finish(): void {
    this.untangleSharedIds();
    if (this.withoutStart.length > 0) this.fillMissingStarts();
  }

  /**
   * Zipkin marks failure by the presence of the `error` tag (an empty value still means error);
   * OpenTelemetry's Zipkin exporter writes otel.status_code and otel.status_description as well.
   */
  private statusOf(tags: FieldTags, record: ZipkinSpanRecord, spanIndex: number): SpanStatus {
    const { error, statusCode: code, statusDescription: description } = tags;
    if (error === undefined && code === undefined) return STATUS_ONLY.unset;
    const statusCode = code === undefined ? undefined : otelStatusCode(code);
    if (error === undefined && statusCode !== 'error') {
      if (statusCode !== undefined) return STATUS_ONLY[statusCode];
      const problem = `${OTEL_STATUS_CODE} ${JSON.stringify(code)} is not OK, ERROR or UNSET; status left unset`;
      const where =
        record.tagsField === 'tags'
          ? pathKey(fieldPath(record, 'tags'), OTEL_STATUS_CODE)
          : fieldPath(record, record.tagsField);
      this.out.warn('invalid-value', problem, where, spanIndex);
      return STATUS_ONLY.unset;
    }
    const message = error !== undefined && error !== '' ? error : description;
    return message === undefined || message === '' ? STATUS_ONLY.error : { code: 'error', message };
  }

  private readId(
    record: ZipkinSpanRecord,
    field: 'traceId' | 'id' | 'parentId',
    spanIndex: number,
  ): string | undefined {
    const raw = record[field];
    if (raw === undefined || raw === null || raw === '') {
      if (field !== 'parentId')
        this.out.warn('missing-field', `span has no ${field}`, fieldPath(record, field), spanIndex);
      return undefined;
    }
    if (typeof raw !== 'string') {
      this.out.warn('invalid-id', `${field} ${jsonText(raw)} is not a string`, fieldPath(record, field), spanIndex);
      return undefined;
    }
    // Some tracers write an all-zero parent id for a root span.
    if (field === 'parentId' && isAllZeroId(raw)) return undefined;
    // Consecutive spans mostly share their trace id, and most ids are already in normal form.
    if (field === 'traceId' && raw === this.lastRawTraceId) return this.lastTraceIdNormalized;
    if (isLowerHex(raw, 16)) return raw;
    const normalized = normalizeZipkinId(raw, field === 'traceId');
    if (!normalized.valid) {
      const problem = `${field} "${raw}" is not a 64- or 128-bit hex id; kept as written`;
      this.out.warn('invalid-id', problem, fieldPath(record, field), spanIndex);
    } else if (field === 'traceId') {
      this.lastRawTraceId = raw;
      this.lastTraceIdNormalized = normalized.id;
    }
    return normalized.id;
  }

  private resourceOf(key: string, serviceName: string, endpoint: ZipkinEndpoint | undefined): Resource {
    // The service name may be a fallback that the endpoint key does not include.
    const cacheKey = endpoint?.serviceName === serviceName ? key : `${serviceName}\u0000\u0000${key}`;
    let resource = this.resources.get(cacheKey);
    if (resource === undefined) {
      resource = { serviceName, attributes: endpoint === undefined ? [] : endpointAttributes(endpoint, 'host') };
      this.resources.set(cacheKey, resource);
    }
    return resource;
  }

  /** The attributes a record adds after its tags: its remote endpoint's, and its debug and shared flags. */
  private extraAttributesOf(record: ZipkinSpanRecord): readonly Attribute[] {
    const peer = record.remoteEndpoint === undefined ? NO_ATTRIBUTES : this.peerAttributesOf(record.remoteEndpoint);
    if (!record.debug && !record.shared) return peer;
    const extras = peer.slice();
    if (record.debug) extras.push(DEBUG_ATTRIBUTE);
    if (record.shared) extras.push(SHARED_ATTRIBUTE);
    return extras;
  }

  private peerAttributesOf(endpoint: ZipkinEndpoint): readonly Attribute[] {
    const key = endpoint.key;
    let attributes = this.peerAttributes.get(key);
    if (attributes === undefined) {
      attributes = endpointAttributes(endpoint, 'peer');
      this.peerAttributes.set(key, attributes);
    }
    return attributes;
  }

  private untangleSharedIds(): void {
    const isServerHalf = new Uint8Array(this.drafts.length);
    const halvesOfId = this.separateServerHalves(isServerHalf);
    const { spansOfSlot, found, withServerHalf } = this.spansOfSharedIds(isServerHalf, halvesOfId);
    if (!found) return;

    const { drafts, sharedFlags, slotOf } = this;
    const pieceCount = new Map<string, number>();
    // Spans of one trace mostly come together; this spares a lookup per span.
    let lastTraceId: string | undefined;
    let slotsInTrace: SpanIdIndex | undefined;
    for (let i = 0; i < drafts.length; i++) {
      if (isServerHalf[i]) continue;
      const draft = drafts[i];
      const whole =
        draft.kind === 'unspecified' && !sharedFlags[i]
          ? this.spanThisIsAPieceOf(i, spansOfSlot[slotOf[i]])
          : undefined;
      if (whole !== undefined) {
        const n = (pieceCount.get(whole) ?? 0) + 1;
        pieceCount.set(whole, n);
        draft.spanId = n === 1 ? whole + PART_SUFFIX : `${whole}${PART_SUFFIX}:${n}`;
        draft.parentSpanId = whole;
      } else if (withServerHalf && draft.parentSpanId !== undefined) {
        if (draft.traceId !== lastTraceId) {
          lastTraceId = draft.traceId;
          slotsInTrace = this.slotById.get(draft.traceId);
        }
        // The parent is still named by the id it was written with: its slot finds its spans.
        const parentSlot = slotsInTrace === undefined ? -1 : slotsInTrace.get(draft.parentSpanId);
        const spans = parentSlot === -1 ? undefined : spansOfSlot[parentSlot];
        if (spans?.firstServerHalf !== undefined) {
          draft.parentSpanId = memberAt(spans, this.endpointKeys[i], true) ?? spans.firstServerHalf;
        }
      }
    }
  }

  /** Renames server halves of shared ids; returns how many halves each id has. */
  private separateServerHalves(isServerHalf: Uint8Array): Int32Array {
    const { drafts, sharedFlags } = this;
    const halvesOfId = new Int32Array(this.usage.length);
    for (let i = 0; i < drafts.length; i++) {
      const draft = drafts[i];
      const slot = this.slotOf[i];
      const usage = this.usage[slot];
      if ((usage & USED_BY_PLAIN_SPAN) === 0) continue;
      const kind = draft.kind;
      const claimsServerHalf =
        (sharedFlags[i] && kind !== 'client') || (kind === 'server' && (usage & USED_BY_CLIENT) !== 0);
      if (!claimsServerHalf) continue;
      const n = ++halvesOfId[slot];
      const originalId = draft.spanId;
      draft.spanId = n === 1 ? originalId + SERVER_HALF_SUFFIX : `${originalId}${SERVER_HALF_SUFFIX}:${n}`;
      draft.parentSpanId = originalId;
      isServerHalf[i] = 1;
    }
    return halvesOfId;
  }

  /**
   * The spans with a kind, by the slot of the id they were written with, for ids that have
   * server halves or pieces: only those are looked up afterwards. `found` says whether there
   * are any, `withServerHalf` whether some have a server half.
   */
  private spansOfSharedIds(
    isServerHalf: Uint8Array,
    halvesOfId: Int32Array,
  ): { spansOfSlot: (SpansOfId | undefined)[]; found: boolean; withServerHalf: boolean } {
    const spansOfSlot = new Array<SpansOfId | undefined>(this.usage.length);
    let found = false;
    let withServerHalf = false;
    for (let i = 0; i < this.drafts.length; i++) {
      const draft = this.drafts[i];
      const slot = this.slotOf[i];
      if (draft.kind === 'unspecified' || (halvesOfId[slot] === 0 && (this.usage[slot] & USED_BY_BARE_SPAN) === 0))
        continue;
      let spans = spansOfSlot[slot];
      if (spans === undefined) {
        spans = { plain: undefined, firstServerHalf: undefined, members: [] };
        spansOfSlot[slot] = spans;
        found = true;
      }
      if (isServerHalf[i] && spans.firstServerHalf === undefined) {
        spans.firstServerHalf = draft.spanId;
        withServerHalf = true;
      } else if (!isServerHalf[i]) spans.plain ??= draft.spanId;
      spans.members.push({ spanId: draft.spanId, endpoint: this.endpointKeys[i], isServerHalf: isServerHalf[i] === 1 });
    }
    return { spansOfSlot, found, withServerHalf };
  }

  /** The id of the span that span `i`, with no kind and no shared flag, is a piece of, if it is one. */
  private spanThisIsAPieceOf(i: number, spans: SpansOfId | undefined): string | undefined {
    if (spans === undefined) return undefined;
    const endpoint = this.endpointKeys[i];
    // Zipkin merges a piece without endpoint into the first span of its id, the client half.
    return memberAt(spans, endpoint, false) ?? (endpoint === '' ? spans.plain : undefined);
  }

  private fillMissingStarts(): void {
    const { drafts, out } = this;
    const missing = new Uint8Array(drafts.length);
    for (const { index } of this.withoutStart) missing[index] = 1;
    const traceStart = new Map<string, EpochTime>();
    const startById: ById<EpochTime> = new Map();
    for (let i = 0; i < drafts.length; i++) {
      if (missing[i]) continue;
      const { traceId, spanId, start } = drafts[i];
      const known = traceStart.get(traceId);
      if (known === undefined || epochCompare(start, known) < 0) traceStart.set(traceId, start);
      if (nestedGet(startById, traceId, spanId) === undefined) nestedSet(startById, traceId, spanId, start);
    }
    for (const { index, outer, inner } of this.withoutStart) {
      const draft = drafts[index];
      const parentStart =
        draft.parentSpanId === undefined ? undefined : nestedGet(startById, draft.traceId, draft.parentSpanId);
      const traceEarliest = traceStart.get(draft.traceId);
      const start = parentStart ?? traceEarliest ?? EPOCH_ZERO;
      draft.start = start;
      for (const event of draft.events) event.time = start;
      const fallback =
        parentStart !== undefined
          ? "its parent's start is used"
          : traceEarliest !== undefined
            ? 'the earliest start in its trace is used'
            : 'no span of its trace has a time, so epoch 0 is used';
      const path = pathKey(recordPath(outer, inner), 'timestamp');
      out.warn('missing-field', `span has no timestamp and no timed annotations; ${fallback}`, path, index);
    }
  }
}

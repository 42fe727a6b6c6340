// One Jaeger span record → one ParsedSpan. Every record yields a span: a field that cannot be
// read becomes a warning (with its JSON path, on this span) and a fallback value.
import { NO_EVENTS } from '../model/shared-values.ts';
import type {
  Attribute,
  InstrumentationScope,
  Resource,
  SpanKind,
  SpanLink,
  SpanStatus,
  WarningCode,
} from '../model/trace.ts';
import {
  EPOCH_ZERO,
  epochCompare,
  epochFromMicros,
  isEpochMicros,
  MAX_DURATION_MICROS,
  TIME_RANGE_TEXT,
  type EpochTime,
} from './epoch.ts';
import { isAllZeroId, isLowerHex, normalizeJaegerId } from './ids.ts';
import {
  attributeText,
  compactPlainTags,
  compactTagList,
  isPlainTagList,
  plainTagList,
  readTagObject,
  readTypedTags,
  type WarnFn,
} from './jaeger-tags.ts';
import { ProcessResolver, UNKNOWN_SERVICE, type ProcessTable } from './jaeger-process.ts';
import { asNumber, isObject, jsonText, type JsonObject } from './json.ts';
import {
  DeferredAttributesSpan,
  placeSpanStart,
  readPlainList,
  type BatchBuilder,
  type ParsedEvent,
  type PlainListReader,
} from './parsed.ts';
import { readReferences, type ReferenceResult } from './jaeger-references.ts';
import { isTagFieldKey, readTagFields } from './jaeger-tag-fields.ts';
import { KnownScopes } from './known-scopes.ts';

/** Where a span sits: its trace's processes and the trace-level id to fall back on. */
export interface SpanScope {
  readonly processes: ProcessTable;
  /** The enclosing trace's traceID as written, for spans that leave theirs out. */
  readonly traceId: string | undefined;
}

export const MISSING_NAME = '(no operationName)';

/**
 * Starts from 2000 on are real epoch times. A startTime of 0 in a trace that has such times is
 * a writer's "not set", not 1970 (taking it literally stretches the trace over 50 years); in a
 * trace without any, it is the first instant of a synthetic trace.
 */
const REAL_EPOCH_FROM_SEC = 946_684_800;
const MISSING_START_FALLBACK =
  "the span is placed at its parent's start (else at the earliest start in its trace; epoch 0 if no span has one)";

/** A stand-in start, recognised by identity when the fallback is filled in. */
const MISSING_TIME: EpochTime = { sec: 0, nano: 0 };
/** The start of spans whose startTime is 0, recognised by identity in case it turns out to mean "not set". */
const ZERO_TIME: EpochTime = { sec: 0, nano: 0 };

/** The process of a span until it is placed in its trace. */
const UNPLACED: Resource = { serviceName: UNKNOWN_SERVICE, attributes: [] };

interface PendingWarning {
  readonly code: WarningCode;
  readonly message: string;
  readonly path: string;
}

/**
 * A span read from its JSON but for what needs its trace: its process (Jaeger writes a trace's
 * processes after its spans) and, when it has no traceID, its trace id. The spans of a large file
 * are read so while it streams in, so that their JSON can be let go of (jaeger-stream.ts); the
 * trace's reader places them (JaegerSpanReader.place). Its warnings wait for the span's index.
 */
export class PreReadSpan extends DeferredAttributesSpan {
  /** What placing the span needs, let go of once it is placed. */
  processId: unknown;
  process: unknown;
  warnings: readonly PendingWarning[] | undefined;
  /** The span has no traceID: it takes its trace's. */
  readonly traceIdMissing: boolean;

  constructor(
    readonly owner: string,
    readonly position: number,
    traceId: string | undefined,
    spanId: string,
    parentSpanId: string | undefined,
    name: string,
    kind: SpanKind,
    durationNs: number,
    status: SpanStatus,
    scope: InstrumentationScope | undefined,
    events: readonly ParsedEvent[],
    links: readonly SpanLink[],
    start: EpochTime,
    attributeList: unknown,
    attributeReader: PlainListReader | null,
    processId: unknown,
    process: unknown,
    warnings: readonly PendingWarning[] | undefined,
  ) {
    super(
      traceId ?? '',
      spanId,
      parentSpanId,
      name,
      UNPLACED.serviceName,
      kind,
      durationNs,
      status,
      UNPLACED,
      scope,
      events,
      links,
      start,
      attributeList,
      attributeReader,
    );
    this.traceIdMissing = traceId === undefined;
    this.processId = processId;
    this.process = process;
    this.warnings = warnings;
  }

  path(): string {
    return this.position < 0 ? this.owner : `${this.owner}[${this.position}]`;
  }

  /** Gives the span its trace id and process, in place: it is the batch's span from then on. */
  placeIn(traceId: string, resource: Resource): void {
    const placed = this as unknown as { traceId: string; serviceName: string; resource: Resource };
    placed.traceId = traceId;
    placed.serviceName = resource.serviceName;
    placed.resource = resource;
    this.processId = undefined;
    this.process = undefined;
    this.warnings = undefined;
  }
}

/** Reads span JSON into PreReadSpans, which keep nothing of the JSON but the tag lists they defer. */
export class JaegerSpanPreReader {
  private readonly scopes = new KnownScopes();
  private readonly references: ReferenceResult = { parentSpanId: undefined, links: [] };
  // Where the span being read is, kept in pieces: its path is written out only for a warning.
  private spanOwner = '$';
  private spanPosition = -1;
  private logPosition = 0;
  private readonly spanPath = (): string =>
    this.spanPosition < 0 ? this.spanOwner : `${this.spanOwner}[${this.spanPosition}]`;
  private readonly logPath = (): string => `${this.spanPath()}.logs[${this.logPosition}]`;
  private pending: PendingWarning[] | undefined;
  private readonly warnSpan: WarnFn = (code, message, path) => {
    this.pending ??= [];
    this.pending.push({ code, message, path });
  };
  // Spans of one trace repeat the same traceID; normalizing it once per run of equal ids saves an id check per span.
  private lastRawTraceId = '';
  private lastTraceId = '';
  readonly normalizeTraceId = (written: string): string => {
    if (written !== this.lastRawTraceId) {
      this.lastRawTraceId = written;
      this.lastTraceId = normalizeJaegerId(written).id;
    }
    return this.lastTraceId;
  };

  /** Reads the span at `owner[position]`, or at `owner` when position is -1. */
  read(raw: JsonObject, owner: string, position: number): PreReadSpan {
    this.spanOwner = owner;
    this.spanPosition = position;
    this.pending = undefined;
    const warn = this.warnSpan;
    const path = this.spanPath;

    const writtenTraceId = raw.traceID;
    const traceId = writtenTraceId === undefined ? undefined : this.traceIdOf(writtenTraceId);
    const spanId = this.spanIdOf(raw.spanID);

    const writtenName = raw.operationName;
    let name = MISSING_NAME;
    if (typeof writtenName === 'string') name = writtenName;
    else {
      warn(
        writtenName === undefined || writtenName === null ? 'missing-field' : 'invalid-value',
        `operationName is missing or not a string; shown as "${MISSING_NAME}"`,
        `${path()}.operationName`,
      );
    }

    const start = this.startOf(raw.startTime);
    const durationNs = this.durationOf(raw.duration);
    // A list that reads without warnings is read when first asked for (see DeferredAttributesSpan);
    // the few tags that give span fields are read now.
    const rawTags = raw.tags;
    // Elasticsearch's tags-as-fields, next to (or instead of) the tags list.
    const tagObject = raw.tag;
    const fieldTags: unknown[] = [];
    const plainTags =
      (tagObject === undefined || tagObject === null) &&
      Array.isArray(rawTags) &&
      isPlainTagList(rawTags, { accepts: isTagFieldKey, into: fieldTags });
    const attributes = plainTags
      ? readPlainList(plainTagList, fieldTags)
      : [...readTypedTags(rawTags, path, 'tags', warn), ...readTagObject(tagObject, path, warn)];
    const events = this.eventsOf(raw.logs, start);

    const refs = readReferences(
      raw.references,
      path,
      traceId ?? '',
      this.normalizeTraceId,
      normalizeSpanId,
      warn,
      this.references,
    );
    let parentSpanId = refs.parentSpanId;
    if (parentSpanId === undefined && raw.parentSpanID !== undefined)
      parentSpanId = this.legacyParentOf(raw.parentSpanID);

    this.spanWarnings(raw.warnings);

    const fields = readTagFields(attributes, rawTags, path, warn);
    return new PreReadSpan(
      owner,
      position,
      traceId,
      spanId,
      parentSpanId,
      name,
      fields.kind,
      durationNs,
      fields.status,
      fields.scopeName === undefined ? undefined : this.scopes.get(fields.scopeName, fields.scopeVersion),
      events,
      refs.links,
      start,
      plainTags ? compactPlainTags(rawTags) : attributes,
      plainTags ? compactTagList : null,
      raw.processID,
      raw.process,
      this.pending,
    );
  }

  private traceIdOf(written: unknown): string {
    if (typeof written === 'string' && written.trim() !== '') return this.normalizeTraceId(written);
    return readId(written, 'traceID', this.warnSpan, this.spanPath());
  }

  private spanIdOf(written: unknown): string {
    // Most ids are lowercase hex already, which normalizing leaves as it is.
    if (typeof written === 'string' && isLowerHex(written)) return written;
    return readId(written, 'spanID', this.warnSpan, this.spanPath());
  }

  private startOf(written: unknown): EpochTime {
    const micros = asNumber(written);
    if (micros === 0) return ZERO_TIME;
    if (micros !== undefined && isEpochMicros(micros)) return epochFromMicros(micros);
    const fallback = MISSING_START_FALLBACK;
    if (written === undefined || written === null) {
      this.warnSpan('missing-field', `startTime is missing; ${fallback}`, `${this.spanPath()}.startTime`);
    } else {
      const message = `startTime ${jsonText(written)} is not epoch microseconds ${TIME_RANGE_TEXT}; ${fallback}`;
      this.warnSpan('invalid-value', message, `${this.spanPath()}.startTime`);
    }
    return MISSING_TIME;
  }

  private durationOf(written: unknown): number {
    const micros = asNumber(written);
    if (micros !== undefined && micros >= 0 && micros <= MAX_DURATION_MICROS) return Math.round(micros * 1000);
    if (written === undefined || written === null) {
      this.warnSpan('missing-field', 'duration is missing; taken as 0', `${this.spanPath()}.duration`);
    } else {
      const message = `duration ${jsonText(written)} is not a number of microseconds ${TIME_RANGE_TEXT}; taken as 0`;
      this.warnSpan('invalid-value', message, `${this.spanPath()}.duration`);
    }
    return 0;
  }

  private eventsOf(logs: unknown, spanStart: EpochTime): readonly ParsedEvent[] {
    if (logs === undefined || logs === null) return NO_EVENTS;
    if (!Array.isArray(logs)) {
      this.warnSpan('invalid-value', 'logs is not an array; ignored', `${this.spanPath()}.logs`);
      return NO_EVENTS;
    }
    if (logs.length === 0) return NO_EVENTS;
    const events: ParsedEvent[] = [];
    for (let i = 0; i < logs.length; i++) {
      const log: unknown = logs[i];
      this.logPosition = i;
      if (!isObject(log)) {
        this.warnSpan('invalid-value', 'log entry is not an object; ignored', this.logPath());
        continue;
      }
      const attributes = readTypedTags(log.fields, this.logPath, 'fields', this.warnSpan);
      events.push({ time: this.logTimeOf(log.timestamp, spanStart), name: eventName(attributes), attributes });
    }
    return events;
  }

  private logTimeOf(written: unknown, spanStart: EpochTime): EpochTime {
    const micros = asNumber(written);
    if (micros !== undefined && isEpochMicros(micros)) return epochFromMicros(micros);
    const missing = written === undefined || written === null;
    const message = `log timestamp ${missing ? 'is missing' : `is not epoch microseconds ${TIME_RANGE_TEXT}`}; the span start is used`;
    this.warnSpan(missing ? 'missing-field' : 'invalid-value', message, `${this.logPath()}.timestamp`);
    return spanStart;
  }

  private legacyParentOf(written: unknown): string | undefined {
    if (typeof written !== 'string') {
      this.warnSpan('invalid-id', 'parentSpanID is not a string; ignored', `${this.spanPath()}.parentSpanID`);
      return undefined;
    }
    // Jaeger's Thrift-era writers used 0 for "no parent".
    if (isAllZeroId(written.trim())) return undefined;
    return normalizeJaegerId(written).id;
  }

  private spanWarnings(written: unknown): void {
    if (!Array.isArray(written)) return;
    for (let i = 0; i < written.length; i++) {
      const text: unknown = written[i];
      this.warnSpan('other', typeof text === 'string' ? text : jsonText(text), `${this.spanPath()}.warnings[${i}]`);
    }
  }
}

/** Places spans in a batch with their processes, and fills in missing starts once all are read. */
export class JaegerSpanReader {
  private readonly preReader = new JaegerSpanPreReader();
  private readonly processes: ProcessResolver;
  /** Spans read without a usable startTime; their start is filled in by finish(). */
  private readonly startless: number[] = [];
  /** Spans whose startTime is 0, with the path of that field. */
  private readonly zeroStarts: { readonly index: number; readonly path: string }[] = [];
  private spanIndex = 0;
  private readonly warnSpan: WarnFn;

  constructor(private readonly batch: BatchBuilder) {
    this.warnSpan = (code, message, path) => batch.warn(code, message, path, this.spanIndex);
    this.processes = new ProcessResolver((code, message, path) => batch.warn(code, message, path));
  }

  /** Reads the span at `owner[position]`, or at `owner` when position is -1. */
  read(raw: JsonObject, owner: string, position: number, scope: SpanScope): void {
    this.place(this.preReader.read(raw, owner, position), scope);
  }

  /** Adds a span read before its trace was known, in the trace `scope` describes. */
  place(pre: PreReadSpan, scope: SpanScope): void {
    const index = this.batch.spans.length;
    this.spanIndex = index;
    const warn = this.warnSpan;
    if (pre.warnings !== undefined) for (const w of pre.warnings) warn(w.code, w.message, w.path);
    const path = () => pre.path();
    const traceId = pre.traceIdMissing ? this.traceIdOfTrace(scope, path()) : pre.traceId;
    const resource = this.processes.resolve(pre.processId, pre.process, path, scope.processes, warn);
    if (pre.start === MISSING_TIME) this.startless.push(index);
    else if (pre.start === ZERO_TIME) this.zeroStarts.push({ index, path: `${path()}.startTime` });
    pre.placeIn(traceId, resource);
    this.batch.addSpan(pre);
  }

  /** The id of a span that has no traceID: its trace's, else an empty one. */
  private traceIdOfTrace(scope: SpanScope, spanPath: string): string {
    const written = scope.traceId;
    if (written === undefined) return readId(undefined, 'traceID', this.warnSpan, spanPath);
    this.warnSpan('missing-field', "span has no traceID; the enclosing trace's traceID is used", `${spanPath}.traceID`);
    if (written.trim() !== '') return this.preReader.normalizeTraceId(written);
    return readId(written, 'traceID', this.warnSpan, spanPath);
  }

  /**
   * Gives spans without a usable startTime a start: their nearest ancestor's that has one, as
   * Jaeger UI repairs them, else the earliest start of their trace, else of the batch, else epoch 0.
   */
  finish(): void {
    this.zeroStartsAsMissing();
    if (this.startless.length === 0) return;
    const spans = this.batch.spans;
    const earliestByTrace = new Map<string, EpochTime>();
    let earliest: EpochTime | undefined;
    /** Index of the first span of each (trace id, span id), for walking up parents. */
    const indexById = new Map<string, Map<string, number>>();
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      let ofTrace = indexById.get(span.traceId);
      if (ofTrace === undefined) {
        ofTrace = new Map();
        indexById.set(span.traceId, ofTrace);
      }
      if (!ofTrace.has(span.spanId)) ofTrace.set(span.spanId, i);
      if (span.start === MISSING_TIME) continue;
      const known = earliestByTrace.get(span.traceId);
      if (known === undefined || epochCompare(span.start, known) < 0) earliestByTrace.set(span.traceId, span.start);
      if (earliest === undefined || epochCompare(span.start, earliest) < 0) earliest = span.start;
    }
    const startOfAncestors = (index: number): EpochTime | undefined => {
      const ofTrace = indexById.get(spans[index].traceId)!;
      // Bounded by the span count: parent references may form a cycle.
      for (let step = 0, at = index; step < spans.length; step++) {
        const parentId = spans[at].parentSpanId;
        const parent = parentId === undefined ? undefined : ofTrace.get(parentId);
        if (parent === undefined || parent === index) return undefined;
        if (spans[parent].start !== MISSING_TIME) return spans[parent].start;
        at = parent;
      }
      return undefined;
    };
    const starts = this.startless.map(
      (index) => startOfAncestors(index) ?? earliestByTrace.get(spans[index].traceId) ?? earliest ?? EPOCH_ZERO,
    );
    this.startless.forEach((index, k) => {
      const span = spans[index];
      const start = starts[k];
      const events = span.events.map((event) => (event.time === MISSING_TIME ? { ...event, time: start } : event));
      placeSpanStart(span, start, events);
    });
  }

  /** In traces with real epoch times, spans whose startTime is 0 join the spans without one. */
  private zeroStartsAsMissing(): void {
    if (this.zeroStarts.length === 0) return;
    const spans = this.batch.spans;
    const withRealTimes = new Set<string>();
    for (const span of spans) if (span.start.sec >= REAL_EPOCH_FROM_SEC) withRealTimes.add(span.traceId);
    for (const { index, path } of this.zeroStarts) {
      const span = spans[index];
      if (!withRealTimes.has(span.traceId)) continue;
      const message = `startTime is 0 while other spans of its trace have real times, so it is taken as not set; ${MISSING_START_FALLBACK}`;
      this.batch.warn('missing-field', message, path, index);
      const events = span.events.map((event) => (event.time === ZERO_TIME ? { ...event, time: MISSING_TIME } : event));
      placeSpanStart(span, MISSING_TIME, events);
      this.startless.push(index);
    }
  }
}

/** An id written other than as a non-empty string, made one, with a warning saying how. */
function readId(written: unknown, field: string, warn: WarnFn, spanPath: string): string {
  if (typeof written === 'string') {
    const normalized = normalizeJaegerId(written);
    if (!normalized.valid) warn('invalid-id', `${field} is empty`, `${spanPath}.${field}`);
    return normalized.id;
  }
  if (typeof written === 'number' && Number.isSafeInteger(written)) {
    const message = `${field} is a number, not a string; its decimal digits are used as the id`;
    warn('invalid-id', message, `${spanPath}.${field}`);
    return String(written);
  }
  const problem = `${field} is ${written === undefined ? 'missing' : 'not a string'}; the span has an empty id`;
  warn('invalid-id', problem, `${spanPath}.${field}`);
  return '';
}

function normalizeSpanId(written: string): string {
  return isLowerHex(written) ? written : normalizeJaegerId(written).id;
}

function eventName(fields: readonly Attribute[]): string {
  for (const field of fields) {
    if (field.key === 'event') return attributeText(field.value) ?? 'log';
  }
  return 'log';
}

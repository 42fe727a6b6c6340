// What every format module produces: spans in the model's shape but with absolute times,
// before they are split into traces and given tree structure by buildTraces.
import type {
  Attribute,
  AttributeValue,
  InstrumentationScope,
  Resource,
  SpanKind,
  SpanLink,
  SpanStatus,
  TraceFormat,
  WarningCode,
} from '../model/trace.ts';
import type { EpochTime } from './epoch.ts';

export interface ParsedEvent {
  readonly time: EpochTime;
  readonly name: string;
  readonly attributes: readonly Attribute[];
}

/**
 * A span as a format parser writes it: the model's Span object itself, still to be finished in
 * place by buildTraces, which fills in `index`, `startNs` and the events' relative times from the
 * absolute `start` and event `time`, and then empties `start`. Finishing in place rather than
 * copying keeps 100,000-span files at one span object each.
 *
 * Parsers write every field below, in this order (an absent parent or scope as undefined), so
 * that all spans share one hidden class whatever their input; `index` as 0 and `startNs` as NaN.
 * NaN because the field will hold nanoseconds past the small-integer range: a small integer
 * there first would make V8 change the field's representation, and then migrate every span
 * object one by one.
 */
export interface ParsedSpan {
  /** Filled in by buildTraces; optional only so that hand-made spans (tests) may leave it out. */
  readonly index?: number;
  /** Normalized ids: lowercase hex where the input was hex or base64 of 8/16 bytes, else as written. */
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly serviceName: string;
  readonly kind: SpanKind;
  /** Filled in by buildTraces; optional only so that hand-made spans (tests) may leave it out. */
  readonly startNs?: number;
  readonly durationNs: number;
  readonly status: SpanStatus;
  readonly attributes: readonly Attribute[];
  readonly resource: Resource;
  readonly scope?: InstrumentationScope;
  readonly events: readonly ParsedEvent[];
  readonly links: readonly SpanLink[];
  readonly start: EpochTime;
}

export type ScalarType = 'string' | 'int' | 'bool' | 'double' | 'bytes';

/** Takes a plain attribute list one scalar at a time (int as its decimal digits, bytes as base64). */
export interface ScalarSink {
  scalar(key: string, type: ScalarType, value: string | number | boolean): void;
}

/**
 * A format's reader of the attribute lists it defers, in whatever form the format writes them
 * (a JSON array, a JSON object of tags...). Those lists were checked to read without warnings
 * and to hold scalars only.
 */
export interface PlainListReader {
  /** Calls `sink` once per attribute, in order. */
  visit(raw: unknown, sink: ScalarSink): void;
  /** How many attributes `raw` holds. */
  count(raw: unknown): number;
}

/** The PlainListReader count of lists written as JSON arrays of one attribute per entry. */
export function entryCount(raw: unknown): number {
  return (raw as readonly unknown[]).length;
}

class AttributeCollector implements ScalarSink {
  readonly list: Attribute[] = [];
  scalar(key: string, type: ScalarType, value: string | number | boolean): void {
    this.list.push({ key, value: { type, value } as AttributeValue });
  }
}

/** The attributes of a plain list, as objects of the model. */
export function readPlainList(reader: PlainListReader, raw: unknown): readonly Attribute[] {
  const collector = new AttributeCollector();
  reader.visit(raw, collector);
  return collector.list;
}

/**
 * A ParsedSpan whose attribute list is read from its JSON when first asked for. Parsers use it
 * only for lists checked to read without warnings, so that nothing about the input is learnt
 * late; at 100,000 spans the attribute objects are most of what a parse allocates, and most
 * are never looked at on the thread that parsed them. The worker's packer takes such a list
 * straight from the JSON (visitPlainAttributes) and never makes the objects at all.
 */
export class DeferredAttributesSpan implements ParsedSpan {
  readonly index: number = 0;
  readonly startNs: number = NaN;

  /**
   * `reader` is null when `attributes` is the span's attribute list, read while parsing; else
   * `attributes` is the plain list as written, read by `reader`.
   */
  constructor(
    readonly traceId: string,
    readonly spanId: string,
    readonly parentSpanId: string | undefined,
    readonly name: string,
    readonly serviceName: string,
    readonly kind: SpanKind,
    readonly durationNs: number,
    readonly status: SpanStatus,
    readonly resource: Resource,
    readonly scope: InstrumentationScope | undefined,
    readonly events: readonly ParsedEvent[],
    readonly links: readonly SpanLink[],
    readonly start: EpochTime,
    private list: unknown,
    private reader: PlainListReader | null,
  ) {}

  get attributes(): readonly Attribute[] {
    if (this.reader !== null) {
      this.list = readPlainList(this.reader, this.list);
      this.reader = null;
    }
    return this.list as readonly Attribute[];
  }

  /** How many attributes a list not read yet holds; -1 when it has been read (use `attributes`). */
  unreadAttributeCount(): number {
    return this.reader === null ? -1 : this.reader.count(this.list);
  }

  /** Hands a list not read yet to `sink`, one attribute at a time, and leaves it unread. */
  visitUnreadAttributes(sink: ScalarSink): void {
    this.reader?.visit(this.list, sink);
  }
}

/**
 * Places a span that had no start time, in place: a copy would lose what a class instance
 * (DeferredAttributesSpan) keeps behind its getters.
 */
export function placeSpanStart(span: ParsedSpan, start: EpochTime, events: readonly ParsedEvent[]): void {
  const placed = span as { start: EpochTime; events: readonly ParsedEvent[] };
  placed.start = start;
  placed.events = events;
}

export interface ParseWarning {
  readonly code: WarningCode;
  readonly message: string;
  /** JSON path of the offending value, e.g. `$.data[0].spans[3].duration` (JSON Lines: `line 4: $...`). */
  readonly path: string;
  /** Index into ParsedBatch.spans of the span concerned, when there is one. */
  readonly spanIndex?: number;
}

export interface ParsedBatch {
  readonly format: TraceFormat;
  readonly spans: ParsedSpan[];
  readonly warnings: ParseWarning[];
  readonly notes: string[];
  /**
   * True when some epoch nanoseconds came as JSON numbers past 2^53, whose last digits
   * JSON.parse lost: the text is then read again with them quoted (bare-nanos.ts). Checking
   * afterwards costs files with string times nothing.
   */
  readonly inexactTimes?: boolean;
}

/** Thrown when a document is not of the format a parser was asked to read; the message says why. */
export class FormatError extends Error {
  constructor(
    message: string,
    readonly path: string = '$',
  ) {
    super(message);
    this.name = 'FormatError';
  }
}

/** Collects spans, warnings and notes while a parser walks a document. */
export class BatchBuilder {
  readonly spans: ParsedSpan[] = [];
  readonly warnings: ParseWarning[] = [];
  readonly notes: string[] = [];
  inexactTimes = false;

  constructor(readonly format: TraceFormat) {}

  /** Adds a span and returns its index, for warnings that concern it. */
  addSpan(span: ParsedSpan): number {
    this.spans.push(span);
    return this.spans.length - 1;
  }

  warn(code: WarningCode, message: string, path: string, spanIndex?: number): void {
    this.warnings.push(spanIndex === undefined ? { code, message, path } : { code, message, path, spanIndex });
  }

  finish(): ParsedBatch {
    const { format, spans, warnings, notes } = this;
    return this.inexactTimes
      ? { format, spans, warnings, notes, inexactTimes: true }
      : { format, spans, warnings, notes };
  }
}

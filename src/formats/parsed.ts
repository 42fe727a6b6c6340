// What every format module produces: spans in the model's vocabulary but with absolute
// times, before they are split into traces and given tree structure by buildTraces.
import type {
  Attribute,
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

export interface ParsedSpan {
  /** Normalized ids: lowercase hex where the input was hex or base64 of 8/16 bytes, else as written. */
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly serviceName: string;
  readonly kind: SpanKind;
  readonly start: EpochTime;
  readonly durationNs: number;
  readonly status: SpanStatus;
  readonly attributes: readonly Attribute[];
  readonly resource: Resource;
  readonly scope?: InstrumentationScope;
  readonly events: readonly ParsedEvent[];
  readonly links: readonly SpanLink[];
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
    return { format: this.format, spans: this.spans, warnings: this.warnings, notes: this.notes };
  }
}

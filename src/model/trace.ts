// The one normalized trace model. Views and analysis see only these types; every input
// format is converted into them by src/formats. Modelled on the OpenTelemetry data types.

/** A typed attribute value. int64 keeps its exact decimal digits (it may exceed 2^53). */
export type AttributeValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int'; readonly value: string }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'bytes'; readonly value: string } // base64, as the wire formats carry it
  | { readonly type: 'array'; readonly value: readonly AttributeValue[] }
  | { readonly type: 'map'; readonly value: readonly Attribute[] }
  | { readonly type: 'empty' };

export interface Attribute {
  readonly key: string;
  readonly value: AttributeValue;
}

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

export type StatusCode = 'unset' | 'ok' | 'error';

export interface SpanStatus {
  readonly code: StatusCode;
  readonly message?: string;
}

export interface Resource {
  readonly serviceName: string;
  readonly attributes: readonly Attribute[];
}

export interface InstrumentationScope {
  readonly name: string;
  readonly version?: string;
  readonly attributes: readonly Attribute[];
}

export interface SpanEvent {
  /** Nanoseconds since the start of the trace. */
  readonly timeNs: number;
  readonly name: string;
  readonly attributes: readonly Attribute[];
}

/** Why one span refers to another outside the tree edge. */
export type LinkRelation = 'link' | 'follows_from' | 'child_of';

export interface SpanLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly relation: LinkRelation;
  readonly attributes: readonly Attribute[];
}

export interface Span {
  /** Position in Trace.spans; the tree arrays are indexed by it. */
  readonly index: number;
  readonly traceId: string;
  readonly spanId: string;
  /** The parent named by the input, whether or not it is present in the trace. */
  readonly parentSpanId?: string;
  readonly name: string;
  readonly serviceName: string;
  readonly kind: SpanKind;
  /** Nanoseconds since the trace start (exact: relative times fit a float64). */
  readonly startNs: number;
  readonly durationNs: number;
  readonly status: SpanStatus;
  readonly attributes: readonly Attribute[];
  readonly resource: Resource;
  readonly scope?: InstrumentationScope;
  readonly events: readonly SpanEvent[];
  readonly links: readonly SpanLink[];
}

export type WarningCode =
  | 'missing-parent'
  | 'duplicate-span-id'
  | 'cycle'
  | 'clock-skew'
  | 'invalid-id'
  | 'invalid-value'
  | 'missing-field'
  | 'unknown-kind'
  | 'negative-count'
  | 'other';

export interface TraceWarning {
  readonly code: WarningCode;
  readonly message: string;
  /** Index into Trace.spans of the span concerned, when there is one. */
  readonly spanIndex?: number;
  /** Where in the input the problem is (a JSON path such as `$.data[0].spans[3].duration`). */
  readonly path?: string;
}

/**
 * Tree structure over Trace.spans, as columns so that views and analysis can walk it
 * iteratively and it can be transferred between threads cheaply. -1 means none.
 */
export interface SpanTree {
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly childCount: Int32Array;
  readonly depth: Int32Array;
  /** Span indexes in depth-first order, children by start time. */
  readonly preorder: Int32Array;
  /** Indexes of root spans, by start time. */
  readonly roots: readonly number[];
  /** Roots that name a parent absent from the trace. */
  readonly missingParent: Uint8Array;
  readonly maxDepth: number;
}

export interface Trace {
  readonly traceId: string;
  /** Epoch time of the trace start in nanoseconds, as exact decimal digits. */
  readonly startEpochNs: string;
  readonly durationNs: number;
  readonly spans: readonly Span[];
  readonly tree: SpanTree;
  /** Service names, sorted. */
  readonly services: readonly string[];
  readonly warnings: readonly TraceWarning[];
  readonly errorCount: number;
  /** True when some span names a parent that is not in the trace. */
  readonly incomplete: boolean;
}

export type TraceFormat = 'jaeger' | 'zipkin-v1' | 'zipkin-v2' | 'otlp' | 'otlp-jsonl' | 'tempo';

export interface LoadedFile {
  readonly fileName: string;
  readonly format: TraceFormat;
  readonly traces: readonly Trace[];
  /** Problems about the file as a whole (not one trace), with where they are. */
  readonly warnings: readonly TraceWarning[];
  /** Neutral information, e.g. lines of other signals that were skipped. */
  readonly notes: readonly string[];
}

/** A file that could not be read as any trace format. */
export interface LoadError {
  readonly fileName: string;
  readonly message: string;
}

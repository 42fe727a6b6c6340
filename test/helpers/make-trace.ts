// Builds a Trace from a compact description, through the same buildTraces path as real files,
// so analysis tests see exactly the tree (order, roots, clipping warnings) the app would.
import { buildTraces } from '../../src/formats/normalize.ts';
import type { EpochTime } from '../../src/formats/epoch.ts';
import type { ParsedBatch, ParsedSpan } from '../../src/formats/parsed.ts';
import type { Attribute, AttributeValue, SpanKind, SpanLink, Trace } from '../../src/model/trace.ts';

/** A number becomes an int when it is whole, else a double; pass an AttributeValue to choose. */
export type AttrInput = string | number | boolean | AttributeValue;

export interface SpanSpec {
  readonly id: string;
  /** Parent span id; it need not exist in the trace (that makes an orphan). */
  readonly parent?: string;
  /** Nanoseconds after the epoch base. */
  readonly start: number;
  readonly dur: number;
  readonly service?: string;
  /** Defaults to the id. */
  readonly name?: string;
  readonly kind?: SpanKind;
  readonly error?: boolean;
  readonly attrs?: Readonly<Record<string, AttrInput>>;
  /** Event names; each event is placed at the span start. */
  readonly events?: readonly string[];
  /** Adds a follows_from link to the parent, as Jaeger's FOLLOWS_FROM reference would. */
  readonly followsFrom?: boolean;
}

export interface MakeTraceOptions {
  /** Absolute time that `start: 0` stands for; EPOCH_ZERO gives inputs whose times really are 0. */
  readonly epoch?: EpochTime;
  readonly traceId?: string;
}

export const DEFAULT_EPOCH: EpochTime = { sec: 1_700_000_000, nano: 123_456_789 };

export function attrValue(input: AttrInput): AttributeValue {
  if (typeof input === 'string') return { type: 'string', value: input };
  if (typeof input === 'boolean') return { type: 'bool', value: input };
  if (typeof input === 'number')
    return Number.isInteger(input) ? { type: 'int', value: String(input) } : { type: 'double', value: input };
  return input;
}

function attributesOf(attrs: SpanSpec['attrs']): Attribute[] {
  if (attrs === undefined) return [];
  return Object.entries(attrs).map(([key, value]) => ({ key, value: attrValue(value) }));
}

function addNs(epoch: EpochTime, ns: number): EpochTime {
  const total = epoch.nano + ns;
  const carry = Math.floor(total / 1e9);
  return { sec: epoch.sec + carry, nano: total - carry * 1e9 };
}

export function makeParsedSpan(spec: SpanSpec, traceId: string, epoch: EpochTime): ParsedSpan {
  const service = spec.service ?? 'svc';
  const start = addNs(epoch, spec.start);
  const links: SpanLink[] =
    spec.followsFrom && spec.parent !== undefined
      ? [{ traceId, spanId: spec.parent, relation: 'follows_from', attributes: [] }]
      : [];
  return {
    traceId,
    spanId: spec.id,
    parentSpanId: spec.parent,
    name: spec.name ?? spec.id,
    serviceName: service,
    kind: spec.kind ?? 'internal',
    start,
    durationNs: spec.dur,
    status: spec.error ? { code: 'error' } : { code: 'unset' },
    attributes: attributesOf(spec.attrs),
    resource: { serviceName: service, attributes: [] },
    events: (spec.events ?? []).map((name) => ({ time: start, name, attributes: [] })),
    links,
  };
}

/** Span times in the result are relative to the earliest span, as for any loaded trace. */
export function makeTrace(specs: readonly SpanSpec[], options: MakeTraceOptions = {}): Trace {
  const traceId = options.traceId ?? '0af7651916cd43dd8448eb211c80319c';
  const epoch = options.epoch ?? DEFAULT_EPOCH;
  const batch: ParsedBatch = {
    format: 'otlp',
    spans: specs.map((s) => makeParsedSpan(s, traceId, epoch)),
    warnings: [],
    notes: [],
  };
  const { traces } = buildTraces(batch);
  if (traces.length !== 1) throw new Error(`expected one trace, built ${traces.length}`);
  return traces[0];
}

/** Span index by span id (the first span with that id). */
export function indexOf(trace: Trace, id: string): number {
  const i = trace.spans.findIndex((s) => s.spanId === id);
  if (i === -1) throw new Error(`no span ${id}`);
  return i;
}

// Turns one parsed batch into traces: spans are split by trace id, times become
// nanoseconds relative to each trace's start, and each trace gets its span tree.
import { buildSpanTree, type SpanTimes } from '../model/tree.ts';
import type { Span, SpanEvent, Trace, TraceWarning } from '../model/trace.ts';
import { epochCompare, epochDiffNs, epochToString, type EpochTime } from './epoch.ts';
import type { ParsedBatch, ParsedEvent, ParsedSpan } from './parsed.ts';

export interface NormalizedBatch {
  readonly traces: Trace[];
  /** Warnings that concern no single span (their path says where). */
  readonly warnings: TraceWarning[];
}

/** Batch indexes of each trace's spans, in batch order; traces in order of first appearance. */
function groupByTrace(spans: readonly ParsedSpan[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  let lastId: string | undefined;
  let lastGroup: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    const id = spans[i].traceId;
    // Spans of one trace mostly come together: this spares a lookup per span.
    if (id === lastId) {
      lastGroup.push(i);
      continue;
    }
    let group = groups.get(id);
    if (group === undefined) {
      group = [];
      groups.set(id, group);
    }
    group.push(i);
    lastId = id;
    lastGroup = group;
  }
  return groups;
}

function earliestStart(spans: readonly ParsedSpan[]): EpochTime {
  let earliest = spans[0].start;
  for (let i = 1; i < spans.length; i++) if (epochCompare(spans[i].start, earliest) < 0) earliest = spans[i].start;
  return earliest;
}

/**
 * The start of the batch when all its spans have one trace id (the usual file of one trace),
 * else undefined. One walk over the spans answers both.
 */
function startOfOneTrace(spans: readonly ParsedSpan[]): EpochTime | undefined {
  const id = spans[0].traceId;
  let earliest = spans[0].start;
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i];
    if (span.traceId !== id) return undefined;
    if (epochCompare(span.start, earliest) < 0) earliest = span.start;
  }
  return earliest;
}

function relativeEvents(events: readonly ParsedEvent[], traceStart: EpochTime): SpanEvent[] {
  const relative: SpanEvent[] = new Array(events.length);
  for (let e = 0; e < events.length; e++) {
    const ev = events[e];
    relative[e] = { timeNs: epochDiffNs(ev.time, traceStart), name: ev.name, attributes: ev.attributes };
  }
  return relative;
}

/** A ParsedSpan being finished into a Span in place (see ParsedSpan). */
type SpanInProgress = { -readonly [K in keyof Span]: Span[K] } & { start: EpochTime | undefined };

/** Fills in the trace-relative fields of a parsed span, which from then on is the model's Span. */
function finishSpan(parsed: ParsedSpan, index: number, traceStart: EpochTime): Span {
  const span = parsed as unknown as SpanInProgress;
  span.index = index;
  span.startNs = epochDiffNs(parsed.start, traceStart);
  if (parsed.events.length > 0) span.events = relativeEvents(parsed.events, traceStart);
  // The absolute start is in startNs and Trace.startEpochNs now; the model has no field for it.
  span.start = undefined;
  return span;
}

/**
 * `parsed` are the trace's spans in batch order; finished in place, the array becomes the
 * trace's spans. `batchIndexes` are their indexes in the batch, undefined when it is the whole batch.
 */
function buildTrace(
  traceId: string,
  traceStart: EpochTime,
  parsed: ParsedSpan[],
  batchIndexes: readonly number[] | undefined,
  spanWarnings: Map<number, TraceWarning[]>,
): Trace {
  const n = parsed.length;
  const warnings: TraceWarning[] = [];
  // Filled on the way for buildSpanTree, which then need not visit the span objects for them.
  const times: SpanTimes = { starts: new Float64Array(n), durations: new Float64Array(n) };
  const services = new Set<string>();
  let lastService: string | undefined;
  let endNs = 0;
  let errorCount = 0;
  for (let index = 0; index < n; index++) {
    const span = finishSpan(parsed[index], index, traceStart);
    times.starts[index] = span.startNs;
    times.durations[index] = span.durationNs;
    const endOfSpan = span.startNs + span.durationNs;
    if (endOfSpan > endNs) endNs = endOfSpan;
    // Neighbouring spans mostly share a service; the set needs to see each run of them once.
    if (span.serviceName !== lastService) {
      services.add(span.serviceName);
      lastService = span.serviceName;
    }
    if (span.status.code === 'error') errorCount++;
    if (spanWarnings.size > 0) {
      const parseWarnings = spanWarnings.get(batchIndexes === undefined ? index : batchIndexes[index]);
      if (parseWarnings) for (const w of parseWarnings) warnings.push({ ...w, spanIndex: index });
    }
  }

  // Every element has been finished in place above.
  const spans = parsed as readonly unknown[] as Span[];
  const { tree, warnings: treeWarnings } = buildSpanTree(spans, times);
  for (const w of treeWarnings) warnings.push(w);
  let incomplete = false;
  for (let i = 0; i < tree.missingParent.length && !incomplete; i++) incomplete = tree.missingParent[i] === 1;

  return {
    traceId,
    startEpochNs: epochToString(traceStart),
    durationNs: endNs,
    spans,
    tree,
    services: [...services].sort(),
    warnings,
    errorCount,
    incomplete,
  };
}

/**
 * Traces come out ordered by start time. This consumes the batch: its span objects become the
 * traces' spans (and, when the batch is one trace, its span array that trace's span array).
 */
export function buildTraces(batch: ParsedBatch): NormalizedBatch {
  const fileWarnings: TraceWarning[] = [];
  const spanWarnings = new Map<number, TraceWarning[]>();
  for (const w of batch.warnings) {
    const converted: TraceWarning = { code: w.code, message: w.message, path: w.path };
    if (w.spanIndex === undefined) {
      fileWarnings.push(converted);
      continue;
    }
    const list = spanWarnings.get(w.spanIndex);
    if (list) list.push(converted);
    else spanWarnings.set(w.spanIndex, [converted]);
  }

  const traces: Trace[] = [];
  const spans = batch.spans;
  const startOfOne = spans.length > 0 ? startOfOneTrace(spans) : undefined;
  if (startOfOne !== undefined) {
    traces.push(buildTrace(spans[0].traceId, startOfOne, spans, undefined, spanWarnings));
  } else {
    for (const [traceId, members] of groupByTrace(spans)) {
      const parsed: ParsedSpan[] = new Array(members.length);
      for (let i = 0; i < members.length; i++) parsed[i] = spans[members[i]];
      traces.push(buildTrace(traceId, earliestStart(parsed), parsed, members, spanWarnings));
    }
  }
  traces.sort((a, b) => compareDecimal(a.startEpochNs, b.startEpochNs));
  return { traces, warnings: fileWarnings };
}

/** Compares non-negative decimal digit strings without converting them to numbers. */
function compareDecimal(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

// Turns one parsed batch into traces: spans are split by trace id, times become
// nanoseconds relative to each trace's start, and each trace gets its span tree.
import { buildSpanTree } from '../analysis/tree.ts';
import type { Span, SpanEvent, Trace, TraceWarning } from '../model/trace.ts';
import { epochCompare, epochDiffNs, epochToString, type EpochTime } from './epoch.ts';
import type { ParsedBatch, ParsedSpan } from './parsed.ts';

export interface NormalizedBatch {
  readonly traces: Trace[];
  /** Warnings that concern no single span (their path says where). */
  readonly warnings: TraceWarning[];
}

function groupByTrace(spans: readonly ParsedSpan[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < spans.length; i++) {
    const id = spans[i].traceId;
    const group = groups.get(id);
    if (group) group.push(i);
    else groups.set(id, [i]);
  }
  return groups;
}

function relativeEvents(parsed: ParsedSpan, traceStart: EpochTime): SpanEvent[] {
  const events: SpanEvent[] = new Array(parsed.events.length);
  for (let e = 0; e < parsed.events.length; e++) {
    const ev = parsed.events[e];
    events[e] = { timeNs: epochDiffNs(ev.time, traceStart), name: ev.name, attributes: ev.attributes };
  }
  return events;
}

function buildTrace(
  traceId: string,
  members: readonly number[],
  batch: ParsedBatch,
  spanWarnings: Map<number, TraceWarning[]>,
): Trace {
  let traceStart = batch.spans[members[0]].start;
  for (const m of members) if (epochCompare(batch.spans[m].start, traceStart) < 0) traceStart = batch.spans[m].start;

  const spans: Span[] = new Array(members.length);
  const warnings: TraceWarning[] = [];
  const services = new Set<string>();
  let endNs = 0;
  let errorCount = 0;
  for (let index = 0; index < members.length; index++) {
    const p = batch.spans[members[index]];
    const startNs = epochDiffNs(p.start, traceStart);
    spans[index] = {
      index,
      traceId,
      spanId: p.spanId,
      parentSpanId: p.parentSpanId,
      name: p.name,
      serviceName: p.serviceName,
      kind: p.kind,
      startNs,
      durationNs: p.durationNs,
      status: p.status,
      attributes: p.attributes,
      resource: p.resource,
      scope: p.scope,
      events: p.events.length === 0 ? (p.events as []) : relativeEvents(p, traceStart),
      links: p.links,
    };
    if (startNs + p.durationNs > endNs) endNs = startNs + p.durationNs;
    services.add(p.serviceName);
    if (p.status.code === 'error') errorCount++;
    const parseWarnings = spanWarnings.get(members[index]);
    if (parseWarnings) for (const w of parseWarnings) warnings.push({ ...w, spanIndex: index });
  }

  const { tree, warnings: treeWarnings } = buildSpanTree(spans);
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

/** Traces come out ordered by start time. */
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
  for (const [traceId, members] of groupByTrace(batch.spans)) {
    traces.push(buildTrace(traceId, members, batch, spanWarnings));
  }
  traces.sort((a, b) => compareDecimal(a.startEpochNs, b.startEpochNs));
  return { traces, warnings: fileWarnings };
}

/** Compares non-negative decimal digit strings without converting them to numbers. */
function compareDecimal(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

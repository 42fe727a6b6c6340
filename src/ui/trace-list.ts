// The trace picker's list: which loaded traces to show and in what order. Pure, so that a file
// of thousands of traces is filtered and sorted without rendering them all.
import type { Trace } from '../model/trace.ts';
import type { TraceRef } from '../state/trace-store.ts';
import { traceTitle } from './trace-label.ts';
import type { ScatterRow } from './trace-scatter-layout.ts';

export interface TraceEntry {
  readonly ref: TraceRef;
  readonly trace: Trace;
  readonly fileName: string;
}

export interface TraceListRow extends TraceEntry {
  readonly service: string;
  readonly operation: string;
}

/** The orders Jaeger UI offers for search results, plus the order of the files. */
export const TRACE_ORDERS = {
  loaded: 'As loaded',
  recent: 'Most recent',
  longest: 'Longest first',
  shortest: 'Shortest first',
  'most-spans': 'Most spans',
  'least-spans': 'Least spans',
  errors: 'Most errors',
} as const;

export type TraceOrder = keyof typeof TRACE_ORDERS;

export function isTraceOrder(value: string): value is TraceOrder {
  return Object.hasOwn(TRACE_ORDERS, value);
}

/** Titles every entry once; filtering and sorting then only compare. */
export function traceListRows(entries: readonly TraceEntry[]): TraceListRow[] {
  return entries.map((entry) => ({ ...entry, ...traceTitle(entry.trace) }));
}

/** Epoch nanoseconds are decimal strings without leading zeros: a longer one is later. */
function compareEpochNs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

type Listed = ScatterRow['trace'];

const COMPARE: Record<Exclude<TraceOrder, 'loaded'>, (a: Listed, b: Listed) => number> = {
  recent: (a, b) => compareEpochNs(b.startEpochNs, a.startEpochNs),
  longest: (a, b) => b.durationNs - a.durationNs,
  shortest: (a, b) => a.durationNs - b.durationNs,
  'most-spans': (a, b) => b.spans.length - a.spans.length,
  'least-spans': (a, b) => a.spans.length - b.spans.length,
  errors: (a, b) => b.errorCount - a.errorCount,
};

/**
 * Rows whose root operation, root service or trace id contains `filter` (any case), in `order`;
 * ties keep the order of the files (the sort is stable). Loaded traces and search summaries alike.
 */
export function shownTraces<R extends ScatterRow>(rows: readonly R[], filter: string, order: TraceOrder): R[] {
  const needle = filter.trim().toLowerCase();
  const kept =
    needle === ''
      ? rows.slice()
      : rows.filter(
          (r) =>
            r.operation.toLowerCase().includes(needle) ||
            r.service.toLowerCase().includes(needle) ||
            r.trace.traceId.toLowerCase().includes(needle),
        );
  if (order !== 'loaded') {
    const compare = COMPARE[order];
    kept.sort((a, b) => compare(a.trace, b.trace));
  }
  return kept;
}

export interface TraceGroup<Row> {
  /** undefined for the traces that name no session. */
  readonly sessionId: string | undefined;
  readonly rows: readonly Row[];
}

/**
 * The rows grouped by session, groups in the order their first trace is shown, traces without
 * a session last; one group of everything when no trace names a session.
 */
export function groupBySession<Row>(
  rows: readonly Row[],
  sessionOf: (row: Row) => string | undefined,
): TraceGroup<Row>[] {
  const groups = new Map<string | undefined, Row[]>();
  for (const row of rows) {
    const session = sessionOf(row);
    let group = groups.get(session);
    if (group === undefined) groups.set(session, (group = []));
    group.push(row);
  }
  const withoutSession = groups.get(undefined);
  groups.delete(undefined);
  const out: TraceGroup<Row>[] = [...groups].map(([sessionId, rows]) => ({ sessionId, rows }));
  if (withoutSession !== undefined) out.push({ sessionId: undefined, rows: withoutSession });
  return out;
}

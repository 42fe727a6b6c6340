// Everything the waterfall derives from the trace and the view state, each piece memoized on
// exactly what it depends on: scrolling re-renders none of it, and a collapse recomputes only
// the rows (one O(n) pass over typed arrays, no per-span React work).
import { useMemo } from 'react';
import { keptChildCounts, rowPositions, visibleRows } from '../../view-model/visible-rows.ts';
import { rowFilter, type RowFilter } from '../../view-model/row-filter.ts';
import { searchSpans } from '../../analysis/search.ts';
import { descendantErrors } from '../../analysis/subtree-errors.ts';
import type { CriticalSection } from '../../analysis/critical-path.ts';
import type { Trace } from '../../model/trace.ts';
import { analyzeTrace, type TraceAnalysis } from '../../state/analysis-cache.ts';
import { useViewStore } from '../../state/view-store.ts';
import { useDebounced } from './use-debounced.ts';

/** Traces above this size search after a pause in typing instead of on every keystroke. */
const DEBOUNCE_ABOVE_SPANS = 5000;
const SEARCH_DEBOUNCE_MS = 150;

export interface WaterfallModel {
  readonly trace: Trace;
  readonly analysis: TraceAnalysis;
  /** Visible rows: span indexes in preorder. */
  readonly rows: Int32Array;
  /** Row of each span, -1 when hidden. */
  readonly rowOf: Int32Array;
  /** Children per span that the filter keeps. */
  readonly childCounts: Int32Array;
  readonly filter: RowFilter | null;
  /** The query the matches are for (the search box text after the debounce). */
  readonly query: string;
  /** Every search match, in preorder. */
  readonly matches: Int32Array;
  /** Matches the filters leave on screen: the ones next/previous step through. */
  readonly reachableMatches: Int32Array;
  readonly matchMask: Uint8Array | null;
  readonly descendantErrors: Uint8Array;
  readonly criticalBySpan: ReadonlyMap<number, readonly CriticalSection[]>;
}

function maskOf(indexes: Int32Array, n: number): Uint8Array {
  const mask = new Uint8Array(n);
  for (let k = 0; k < indexes.length; k++) mask[indexes[k]] = 1;
  return mask;
}

function sectionsBySpan(sections: readonly CriticalSection[]): Map<number, CriticalSection[]> {
  const bySpan = new Map<number, CriticalSection[]>();
  for (const s of sections) {
    const list = bySpan.get(s.spanIndex);
    if (list) list.push(s);
    else bySpan.set(s.spanIndex, [s]);
  }
  return bySpan;
}

export function useWaterfallModel(trace: Trace): WaterfallModel {
  const collapsed = useViewStore((s) => s.collapsed);
  const filters = useViewStore((s) => s.filters);
  const search = useViewStore((s) => s.search);
  const showOnlyMatches = useViewStore((s) => s.showOnlyMatches);
  const n = trace.spans.length;

  const analysis = useMemo(() => analyzeTrace(trace), [trace]);
  const criticalBySpan = useMemo(() => sectionsBySpan(analysis.paths.main.sections), [analysis]);
  const errorsBelow = useMemo(() => descendantErrors(trace), [trace]);

  const query = useDebounced(search.trim(), n > DEBOUNCE_ABOVE_SPANS ? SEARCH_DEBOUNCE_MS : 0);
  const matches = useMemo(() => searchSpans(trace, query), [trace, query]);
  const matchMask = useMemo(() => (query === '' ? null : maskOf(matches, n)), [query, matches, n]);

  const onlyMatches = showOnlyMatches && query !== '' ? matches : null;
  const filter = useMemo(
    () => rowFilter(trace, filters, analysis.onCriticalPath, onlyMatches),
    [trace, filters, analysis, onlyMatches],
  );
  const keep = filter?.keep ?? null;
  const reachableMatches = useMemo(() => (keep ? matches.filter((i) => keep[i] === 1) : matches), [matches, keep]);

  const rows = useMemo(() => visibleRows(trace.tree, collapsed, keep), [trace, collapsed, keep]);
  const rowOf = useMemo(() => rowPositions(rows, n), [rows, n]);
  const childCounts = useMemo(() => keptChildCounts(trace.tree, keep), [trace, keep]);

  return {
    trace,
    analysis,
    rows,
    rowOf,
    childCounts,
    filter,
    query,
    matches,
    reachableMatches,
    matchMask,
    descendantErrors: errorsBelow,
    criticalBySpan,
  };
}

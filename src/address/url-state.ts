// The address bar as the state of the page. Source parameters say what to load, view
// parameters how to look at it; a change of view parameters never loads anything. The address
// follows the stores as the user works (replaceState for small changes, pushState for a new
// trace or view), and Back/Forward or opening a link restores the stores from it.
import { parseDurationInput } from '../view-model/duration-input.ts';
import { openingCollapsed } from '../view-model/initial-collapse.ts';
import type { Trace } from '../model/trace.ts';
import { allTraces, currentTrace, useTraceStore } from '../state/trace-store.ts';
import { useViewStore, type TimeRange } from '../state/view-store.ts';
import type { ViewName } from '../view-model/views.ts';
import { checkBaseUrl, isBackendKind } from '../io/backend-api.ts';
import { readSearchParams, SEARCH_VIEW, searchKey, writeSearchParams } from '../io/search/search-params.ts';
import { openSearch } from '../loading/run-search.ts';
import { useSearchStore } from '../loading/search-store.ts';
import { openSource } from '../loading/open-source.ts';
import { useSourceStore } from '../loading/source-store.ts';
import { sameTraceId } from '../io/trace-id.ts';
import { sourceKey, type TraceSource } from '../loading/trace-source.ts';
import {
  FRAGMENT_KEY,
  MAX_COLLAPSE_IDS,
  P,
  formatQuery,
  readSource,
  readViewParams,
  sameParams,
  writeSourceParams,
  writeViewParams,
  type ViewParamState,
} from './url-params.ts';

// ---- per-trace lookups, built once per trace ----

const spanIdLookup = new WeakMap<Trace, Map<string, number[]>>();

/** Span indexes by span id, in tree order: ids repeat in Zipkin (client and server halves). */
function spansById(trace: Trace): Map<string, number[]> {
  let map = spanIdLookup.get(trace);
  if (!map) {
    map = new Map();
    for (const i of trace.tree.preorder) {
      const id = trace.spans[i].spanId;
      const list = map.get(id);
      if (list) list.push(i);
      else map.set(id, [i]);
    }
    spanIdLookup.set(trace, map);
  }
  return map;
}

// ---- state to parameters ----

function collapseDelta(trace: Trace, collapsed: ReadonlySet<number>): { collapse: string[]; expand: string[] } {
  const base = openingCollapsed(trace.tree);
  // The view starts from this very set: nothing changed, and a large trace need not be walked.
  if (collapsed === base) return { collapse: [], expand: [] };
  const collapse: number[] = [];
  const expand: number[] = [];
  // Past the limit nothing is written, so there is no need to look further.
  for (const i of collapsed) if (!base.has(i) && collapse.push(i) > MAX_COLLAPSE_IDS) break;
  for (const i of base) if (!collapsed.has(i) && expand.push(i) > MAX_COLLAPSE_IDS) break;
  const ids = (list: number[]) => list.sort((a, b) => a - b).map((i) => trace.spans[i].spanId);
  return { collapse: ids(collapse), expand: ids(expand) };
}

function viewState(trace: Trace): ViewParamState {
  const v = useViewStore.getState();
  const selected = useTraceStore.getState().selectedSpan;
  let span: ViewParamState['span'] = null;
  if (selected !== null && selected < trace.spans.length) {
    const id = trace.spans[selected].spanId;
    span = { id, nth: Math.max(1, (spansById(trace).get(id) ?? []).indexOf(selected) + 1) };
  }
  return {
    view: v.view,
    span,
    zoom: v.zoom,
    search: v.search,
    matchesOnly: v.showOnlyMatches,
    errorsOnly: v.filters.errorsOnly,
    criticalOnly: v.filters.criticalOnly,
    aiOnly: v.filters.aiOnly === true,
    colorByKind: v.colorByKind,
    services: v.filters.services,
    minDurationNs: v.filters.minDurationNs,
    ...collapseDelta(trace, v.collapsed),
  };
}

/** The trace parameter picks one trace when several are loaded; for a backend it is the id fetched. */
function selectsTrace(source: TraceSource, traceCount: number): boolean {
  return source.kind !== 'backend' && traceCount > 1;
}

/** The current state as parameters, source first. */
export function viewParams(): URLSearchParams {
  const params = new URLSearchParams();
  const source = useSourceStore.getState().source;
  writeSourceParams(source, params);
  const state = useTraceStore.getState();
  const trace = currentTrace(state);
  if (!trace) return params;
  if (selectsTrace(source, allTraces(state.files).length)) params.set(P.trace, trace.traceId);
  writeViewParams(viewState(trace), params);
  return params;
}

export function sourceFragment(source: TraceSource): string {
  return source.kind === 'embedded' ? `#${FRAGMENT_KEY}=${source.fragment}` : '';
}

// ---- parameters to state ----

function sameZoom(a: TimeRange | null, b: TimeRange | null): boolean {
  return a === b || (a !== null && b !== null && a.startNs === b.startNs && a.endNs === b.endNs);
}

function sameSet(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function listed(ids: readonly string[]): string {
  return ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
}

function resolveSpan(trace: Trace, span: ViewParamState['span'], notices: string[]): number | null {
  if (!span) return null;
  const list = spansById(trace).get(span.id) ?? spansById(trace).get(span.id.toLowerCase());
  if (!list) {
    notices.push(`Span ${span.id} is not in this trace; no span is selected.`);
    return null;
  }
  if (span.nth > list.length) {
    notices.push(
      `This trace has ${list.length} span${list.length === 1 ? '' : 's'} with id ${span.id}, not ${span.nth}; the first is selected.`,
    );
    return list[0];
  }
  return list[span.nth - 1];
}

function resolveZoom(trace: Trace, zoom: TimeRange | null, notices: string[]): TimeRange | null {
  if (!zoom) return null;
  // Written rounded to whole nanoseconds, so the end may pass the duration by less than one.
  if (zoom.startNs < trace.durationNs && zoom.endNs <= Math.ceil(trace.durationNs)) return zoom;
  notices.push(
    `Zoom ${zoom.startNs}-${zoom.endNs} ns is outside this trace (0-${Math.round(trace.durationNs)} ns); the whole trace is shown.`,
  );
  return null;
}

function resolveCollapsed(trace: Trace, state: ViewParamState, notices: string[]): ReadonlySet<number> {
  const base = openingCollapsed(trace.tree);
  if (state.collapse.length === 0 && state.expand.length === 0) return base;
  const byId = spansById(trace);
  const next = new Set(base);
  const missing: string[] = [];
  const each = (ids: readonly string[], act: (i: number) => void) => {
    for (const id of ids) {
      const list = byId.get(id);
      if (!list) missing.push(id);
      else for (const i of list) if (trace.tree.childCount[i] > 0) act(i);
    }
  };
  each(state.collapse, (i) => next.add(i));
  each(state.expand, (i) => next.delete(i));
  if (missing.length > 0)
    notices.push(
      `${missing.length === 1 ? 'Span' : 'Spans'} ${listed(missing)} to collapse or expand ${missing.length === 1 ? 'is' : 'are'} not in this trace; ignored.`,
    );
  return next;
}

/**
 * Sets span selection, view, zoom, search, filters and collapsed spans from the parameters,
 * each to its default when absent, and returns (and shows) notices for what was ignored.
 * Parameters that name another of the loaded traces describe that trace and are left alone.
 */
export function applyViewParams(params: URLSearchParams, trace: Trace): string[] {
  const requested = params.get(P.trace);
  const traceState = useTraceStore.getState();
  const source = useSourceStore.getState().source;
  if (requested && selectsTrace(source, allTraces(traceState.files).length) && !sameTraceId(requested, trace.traceId))
    return [];

  const { state, notices } = readViewParams(params, parseDurationInput);
  const api = params.get(P.api);
  if (api !== null && !isBackendKind(api))
    notices.push(`Unknown backend type "${api}" ignored (jaeger, zipkin or tempo).`);
  const selected = resolveSpan(trace, state.span, notices);
  const zoom = resolveZoom(trace, state.zoom, notices);
  const known = new Set(trace.services);
  const unknownServices = state.services.filter((s) => !known.has(s));
  if (unknownServices.length > 0)
    notices.push(`Service filter ${listed(unknownServices.map((s) => `"${s}"`))} ignored: not in this trace.`);
  const services = state.services.filter((s) => known.has(s));
  const collapsed = resolveCollapsed(trace, state, notices);

  const view = useViewStore.getState();
  if (view.view !== state.view) view.setView(state.view);
  if (!sameZoom(view.zoom, zoom)) view.setZoom(zoom);
  if (view.search !== state.search) view.setSearch(state.search);
  if (view.showOnlyMatches !== state.matchesOnly) view.setShowOnlyMatches(state.matchesOnly);
  const f = view.filters;
  if (
    f.errorsOnly !== state.errorsOnly ||
    f.criticalOnly !== state.criticalOnly ||
    (f.aiOnly === true) !== state.aiOnly ||
    f.minDurationNs !== state.minDurationNs ||
    !sameList(f.services, services)
  )
    view.setFilters({
      errorsOnly: state.errorsOnly,
      criticalOnly: state.criticalOnly,
      aiOnly: state.aiOnly,
      minDurationNs: state.minDurationNs,
      services,
    });
  if (view.colorByKind !== state.colorByKind) view.setColorByKind(state.colorByKind);
  if (!sameSet(view.collapsed, collapsed)) view.setCollapsed(collapsed);
  if (traceState.selectedSpan !== selected) traceState.selectSpan(selected);

  useSourceStore.getState().addNotices(notices);
  return notices;
}

// ---- writing the address ----

const WRITE_DELAY_MS = 120;
let writeTimer: ReturnType<typeof setTimeout> | undefined;
/** The next write corrects the address in place (after a restore dropped ignored parameters). */
let replaceNext = false;
/** While the stores are being set from the address, the address is not written back. */
let restoring = 0;

/** A new trace, source or view is a step Back should return to; the rest refines the step. */
function isNavigation(before: URLSearchParams, after: URLSearchParams): boolean {
  // Each search run is a step of its own, as in Jaeger UI: Back returns to the one before.
  if (after.get(P.view) === SEARCH_VIEW && !sameParams(before, after)) return true;
  return [P.url, P.backend, P.api, P.tenant, P.demo, P.trace, P.view].some(
    (name) => before.get(name) !== after.get(name),
  );
}

function writeAddress(params: URLSearchParams, hash: string, push: boolean | null): void {
  const before = new URLSearchParams(location.search);
  if (sameParams(before, params) && location.hash === hash) return;
  const url = `${location.pathname}${formatQuery(params)}${hash}`;
  const state = { source: sourceKey(useSourceStore.getState().source) };
  if (push ?? (isNavigation(before, params) || location.hash !== hash)) history.pushState(state, '', url);
  else history.replaceState(state, '', url);
}

function flush(): void {
  writeTimer = undefined;
  if (restoring > 0) return;
  const search = useSearchStore.getState();
  if (search.open && search.query) {
    const params = new URLSearchParams();
    writeSearchParams(search.query, params);
    const push = replaceNext ? false : null;
    replaceNext = false;
    writeAddress(params, '', push);
    return;
  }
  if (!currentTrace(useTraceStore.getState())) return;
  const push = replaceNext ? false : null;
  replaceNext = false;
  writeAddress(viewParams(), sourceFragment(useSourceStore.getState().source), push);
}

function scheduleWrite(): void {
  if (writeTimer === undefined) writeTimer = setTimeout(flush, WRITE_DELAY_MS);
}

/**
 * A change still waiting to be written (a span just selected) belongs to the step before a
 * view change: it is written there, so that Back returns to it.
 */
function writePendingBeforeViewChange(previousView: ViewName): void {
  if (writeTimer === undefined || restoring > 0 || !currentTrace(useTraceStore.getState())) return;
  clearTimeout(writeTimer);
  writeTimer = undefined;
  const params = viewParams();
  if (previousView === 'waterfall') params.delete(P.view);
  else params.set(P.view, previousView);
  writeAddress(params, sourceFragment(useSourceStore.getState().source), false);
}

/**
 * A new source is about to be shown: the address names it, with no view parameters of the
 * trace before, before anyone reads the address for the new trace.
 */
function writeNewSource(): void {
  const { source, files } = useSourceStore.getState();
  const params = new URLSearchParams();
  writeSourceParams(source, params);
  const traces = files.flatMap((f) => f.traces);
  if (selectsTrace(source, traces.length)) params.set(P.trace, traces[0].traceId);
  const view = useViewStore.getState().view;
  if (view !== 'waterfall') params.set(P.view, view);
  writeAddress(params, sourceFragment(source), true);
}

// ---- restoring from the address ----

function selectRequestedTrace(params: URLSearchParams): boolean {
  const requested = params.get(P.trace);
  const state = useTraceStore.getState();
  const entries = allTraces(state.files);
  if (!requested || !selectsTrace(useSourceStore.getState().source, entries.length)) return true;
  const match = entries.find((e) => sameTraceId(e.trace.traceId, requested));
  if (!match) {
    useSourceStore
      .getState()
      .addNotices([`Trace ${requested} is not among the ${entries.length} traces loaded; the first is shown.`]);
    return false;
  }
  if (state.current?.file !== match.ref.file || state.current.trace !== match.ref.trace) state.selectTrace(match.ref);
  return true;
}

/**
 * Once the source's files are shown (the trace store has already reset the view state for the
 * trace, synchronously): the requested trace, then the view parameters on top.
 */
function finishRestore(params: URLSearchParams): void {
  if (!selectRequestedTrace(params)) return;
  const trace = currentTrace(useTraceStore.getState());
  if (trace) applyViewParams(params, trace);
}

/**
 * The search page the address describes: the answer held when it is the same search (Back from
 * a trace opened from it), else the search is run at once when the fields make a whole query.
 */
function restoreSearch(params: URLSearchParams): void {
  const raw = params.get(P.backend) ?? '';
  const base = checkBaseUrl(raw, location.href);
  if (!base.ok) {
    useSourceStore.getState().addNotices([`The search link names no usable backend: ${base.message}`]);
    return;
  }
  const { query, notices } = readSearchParams(params, base.base);
  useSourceStore.getState().addNotices(notices);
  const store = useSearchStore.getState();
  if (store.answer !== null && query.api !== null && store.answer.key === searchKey(query)) {
    store.show(query);
    store.setStatus({ kind: 'done' });
    return;
  }
  openSearch(query);
}

/** Brings the page to the state the address describes, loading only when the source differs. */
export async function restoreAddress(search: string, hash: string, historyKey: string | null = null): Promise<void> {
  const params = new URLSearchParams(search);
  if (params.get(P.view) === SEARCH_VIEW) {
    restoring++;
    try {
      restoreSearch(params);
    } finally {
      restoring--;
      replaceNext = true;
      scheduleWrite();
    }
    return;
  }
  useSearchStore.getState().hide();
  const wanted = readSource(params, hash);
  const store = useSourceStore.getState();
  restoring++;
  let write = true;
  try {
    const key = historyKey ?? sourceKey(wanted);
    const cached = store.cached(key);
    if (key === sourceKey(store.source) && useTraceStore.getState().files.length > 0) {
      finishRestore(params);
    } else if (cached) {
      store.shown(cached.source, cached.files);
      useTraceStore.getState().finishLoad(cached.files, []);
      finishRestore(params);
    } else if (historyKey?.startsWith('local:')) {
      store.addNotices([
        'That trace was opened from a file on this computer and is no longer in memory: open the file again.',
      ]);
      write = false;
    } else if (wanted.kind === 'none') {
      write = false;
    } else {
      write = await openSource(wanted, { afterShow: () => finishRestore(params) });
    }
  } finally {
    restoring--;
    // Parameters that were ignored leave the address once it is written back, in place.
    if (write) {
      replaceNext = true;
      scheduleWrite();
    }
  }
}

/** Keeps the address in step with the stores; call once at start. Returns the way to stop. */
export function startUrlSync(): () => void {
  const unsubscribers = [
    useTraceStore.subscribe((s, before) => {
      if (s.current !== before.current || s.selectedSpan !== before.selectedSpan || s.files !== before.files)
        scheduleWrite();
    }),
    useViewStore.subscribe((s, before) => {
      if (s.view !== before.view) writePendingBeforeViewChange(before.view);
      scheduleWrite();
    }),
    useSourceStore.subscribe((s, before) => {
      if (s.source !== before.source && restoring === 0) writeNewSource();
    }),
    useSearchStore.subscribe((s, before) => {
      if (s.open !== before.open || s.query !== before.query) scheduleWrite();
    }),
    // Traces loaded by any way (a drop, a link, a result) take the place of the search page.
    useTraceStore.subscribe((s, before) => {
      if (s.files !== before.files && s.files.length > 0 && useSearchStore.getState().open)
        useSearchStore.getState().hide();
    }),
  ];
  const onPopState = (event: PopStateEvent) => {
    const state: unknown = event.state;
    const key =
      typeof state === 'object' && state !== null && 'source' in state && typeof state.source === 'string'
        ? state.source
        : null;
    void restoreAddress(location.search, location.hash, key);
  };
  window.addEventListener('popstate', onPopState);
  return () => {
    for (const u of unsubscribers) u();
    window.removeEventListener('popstate', onPopState);
    clearTimeout(writeTimer);
    writeTimer = undefined;
  };
}

// The address as a description of what is on screen: source parameters (what to load) and
// view parameters (how to look at it), encoded and decoded without touching any store.
import type { TimeRange } from '../state/view-store.ts';
import { DEFAULT_VIEW, isViewName, VIEW_NAMES, type ViewName } from '../view-model/views.ts';
import { isBackendKind } from '../io/backend-api.ts';
import type { TraceSource } from '../loading/trace-source.ts';

/** Parameter names; url, backend, trace, span and view are part of the test contract. */
export const P = {
  url: 'url',
  backend: 'backend',
  api: 'api',
  tenant: 'tenant',
  trace: 'trace',
  demo: 'demo',
  span: 'span',
  nth: 'nth',
  view: 'view',
  zoom: 'zoom',
  search: 'search',
  matchesOnly: 'matchesOnly',
  errors: 'errors',
  critical: 'critical',
  aiOnly: 'aiOnly',
  colorBy: 'colorBy',
  service: 'service',
  minDuration: 'minDuration',
  collapse: 'collapse',
  expand: 'expand',
} as const;

const KNOWN = new Set<string>(Object.values(P));

/** Beyond this many span ids, collapse state is left out of the address (it opens as by default). */
export const MAX_COLLAPSE_IDS = 50;

export const FRAGMENT_KEY = 'trace';

export interface ViewParamState {
  readonly view: ViewName;
  /** nth counts from 1 among spans sharing the id (Zipkin client and server halves). */
  readonly span: { readonly id: string; readonly nth: number } | null;
  readonly zoom: TimeRange | null;
  readonly search: string;
  readonly matchesOnly: boolean;
  readonly errorsOnly: boolean;
  readonly criticalOnly: boolean;
  /** Only GenAI steps (and their ancestors) are shown. */
  readonly aiOnly: boolean;
  /** Bars coloured by GenAI step kind rather than by service. */
  readonly colorByKind: boolean;
  readonly services: readonly string[];
  readonly minDurationNs: number;
  /** Span ids collapsed, and expanded, beyond how the trace opens. */
  readonly collapse: readonly string[];
  readonly expand: readonly string[];
}

export const DEFAULT_VIEW_PARAMS: ViewParamState = {
  view: DEFAULT_VIEW,
  span: null,
  zoom: null,
  search: '',
  matchesOnly: false,
  errorsOnly: false,
  criticalOnly: false,
  aiOnly: false,
  colorByKind: false,
  services: [],
  minDurationNs: 0,
  collapse: [],
  expand: [],
};

// ---- source ----

export function writeSourceParams(source: TraceSource, params: URLSearchParams): void {
  switch (source.kind) {
    case 'url':
      params.set(P.url, source.url);
      return;
    case 'backend':
      params.set(P.backend, source.base);
      if (source.api) params.set(P.api, source.api);
      if (source.tenant) params.set(P.tenant, source.tenant);
      params.set(P.trace, source.traceId);
      return;
    case 'local':
    case 'none':
      // Reopening the address cannot bring the file back; an empty page says so better than the demo.
      params.set(P.demo, '0');
      return;
    case 'demo':
    case 'embedded':
      return;
  }
}

/** The trace carried in the fragment (#trace=…), if any. */
function fragmentTrace(hash: string): string | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const value = new URLSearchParams(text).get(FRAGMENT_KEY);
  return value && value !== '' ? value : null;
}

/** What the address asks to load; a backend id is checked later, where its message can be shown. */
export function readSource(params: URLSearchParams, hash: string): TraceSource {
  const fragment = fragmentTrace(hash);
  if (fragment) return { kind: 'embedded', fragment };
  const url = params.get(P.url);
  if (url) return { kind: 'url', url };
  const base = params.get(P.backend);
  if (base) {
    const api = params.get(P.api);
    return {
      kind: 'backend',
      base,
      api: isBackendKind(api) ? api : null,
      traceId: params.get(P.trace) ?? '',
      tenant: params.get(P.tenant) ?? '',
    };
  }
  return params.get(P.demo) === '0' ? { kind: 'none' } : { kind: 'demo' };
}

// ---- view ----

/** A duration as exact text that parseDurationInput reads back: 5ms, 1500us, 250ns. */
export function exactDuration(ns: number): string {
  const n = Math.round(ns);
  if (n % 1e9 === 0) return `${n / 1e9}s`;
  if (n % 1e6 === 0) return `${n / 1e6}ms`;
  if (n % 1e3 === 0) return `${n / 1e3}us`;
  return `${n}ns`;
}

function idList(ids: readonly string[]): string {
  return ids.join(',');
}

export function writeViewParams(state: ViewParamState, params: URLSearchParams): void {
  if (state.span) {
    params.set(P.span, state.span.id);
    if (state.span.nth > 1) params.set(P.nth, String(state.span.nth));
  }
  if (state.view !== DEFAULT_VIEW) params.set(P.view, state.view);
  if (state.zoom) params.set(P.zoom, `${Math.round(state.zoom.startNs)}-${Math.round(state.zoom.endNs)}`);
  if (state.search !== '') params.set(P.search, state.search);
  if (state.matchesOnly) params.set(P.matchesOnly, '1');
  if (state.errorsOnly) params.set(P.errors, '1');
  if (state.criticalOnly) params.set(P.critical, '1');
  if (state.aiOnly) params.set(P.aiOnly, '1');
  if (state.colorByKind) params.set(P.colorBy, 'kind');
  for (const s of state.services) params.append(P.service, s);
  if (state.minDurationNs > 0) params.set(P.minDuration, exactDuration(state.minDurationNs));
  // Past the limit the link opens with the trace's initial collapse rather than growing unbounded.
  if (state.collapse.length + state.expand.length <= MAX_COLLAPSE_IDS) {
    if (state.collapse.length > 0) params.set(P.collapse, idList(state.collapse));
    if (state.expand.length > 0) params.set(P.expand, idList(state.expand));
  }
}

export interface DecodedView {
  readonly state: ViewParamState;
  /** Parameters that could not be read, said for a person. */
  readonly notices: string[];
}

function flag(params: URLSearchParams, name: string, notices: string[]): boolean {
  const v = params.get(name);
  if (v === null) return false;
  if (v === '1' || v === 'true' || v === '') return true;
  if (v !== '0' && v !== 'false') notices.push(`"${name}=${v}" is not 1 or 0; ignored.`);
  return false;
}

function colorByKind(params: URLSearchParams, notices: string[]): boolean {
  const v = params.get(P.colorBy);
  if (v === null || v === 'service') return false;
  if (v === 'kind') return true;
  notices.push(`"${P.colorBy}=${v}" is neither service nor kind; ignored.`);
  return false;
}

function ids(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function readViewParams(
  params: URLSearchParams,
  parseDuration: (text: string) => number | undefined,
): DecodedView {
  const notices: string[] = [];
  for (const name of new Set(params.keys()))
    if (!KNOWN.has(name)) notices.push(`Unknown link parameter "${name}" ignored.`);

  let view: ViewName = DEFAULT_VIEW;
  const viewText = params.get(P.view);
  if (viewText !== null) {
    if (isViewName(viewText)) view = viewText;
    else notices.push(`Unknown view "${viewText}" ignored (views: ${VIEW_NAMES.join(', ')}).`);
  }

  let span: ViewParamState['span'] = null;
  const spanId = params.get(P.span)?.trim();
  if (spanId) {
    const nthText = params.get(P.nth);
    const nth = nthText === null ? 1 : Number(nthText);
    if (Number.isInteger(nth) && nth >= 1) span = { id: spanId, nth };
    else {
      notices.push(`"nth=${nthText}" is not a positive whole number; the first span with id ${spanId} is selected.`);
      span = { id: spanId, nth: 1 };
    }
  }

  let zoom: TimeRange | null = null;
  const zoomText = params.get(P.zoom);
  if (zoomText !== null) {
    const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(zoomText.trim());
    const startNs = m ? Number(m[1]) : NaN;
    const endNs = m ? Number(m[2]) : NaN;
    if (m && endNs > startNs) zoom = { startNs, endNs };
    else
      notices.push(`Zoom "${zoomText}" ignored: expected START-END in nanoseconds from the trace start, START < END.`);
  }

  let minDurationNs = 0;
  const minText = params.get(P.minDuration);
  if (minText !== null) {
    const ns = parseDuration(minText);
    if (ns !== undefined) minDurationNs = ns;
    else notices.push(`Minimum duration "${minText}" ignored: not a duration (e.g. 5ms, 1.5s).`);
  }

  return {
    state: {
      view,
      span,
      zoom,
      search: params.get(P.search) ?? '',
      matchesOnly: flag(params, P.matchesOnly, notices),
      errorsOnly: flag(params, P.errors, notices),
      criticalOnly: flag(params, P.critical, notices),
      aiOnly: flag(params, P.aiOnly, notices),
      colorByKind: colorByKind(params, notices),
      services: params.getAll(P.service).filter((s) => s !== ''),
      minDurationNs,
      collapse: ids(params.get(P.collapse)),
      expand: ids(params.get(P.expand)),
    },
    notices,
  };
}

// ---- the address ----

/** Keeps , : / @ readable in a query value: they are legal there and links get pasted in chat. */
function encodePart(text: string): string {
  return encodeURIComponent(text).replace(/%(2C|3A|2F|40)/g, (m) => decodeURIComponent(m));
}

export function formatQuery(params: URLSearchParams): string {
  const parts: string[] = [];
  for (const [k, v] of params) parts.push(`${encodePart(k)}=${encodePart(v)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Same meaning, whatever the order of parameters or their encoding. */
export function sameParams(a: URLSearchParams, b: URLSearchParams): boolean {
  const sa = [...a].map(([k, v]) => `${k}=${v}`).sort();
  const sb = [...b].map(([k, v]) => `${k}=${v}`).sort();
  return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
}

// Jaeger UI's addresses read as this page's: /search?service=…&lookback=1h… is the same
// search, /trace/<id>?uiFind=… the same trace with the same words found, so that a team can
// point its Jaeger UI hostname here and keep its links. Pure: the caller says which backend.

/** Jaeger UI's search parameters, which this page's search takes as they are. */
const SEARCH_PARAMS = [
  'service',
  'operation',
  'tags',
  'lookback',
  'limit',
  'minDuration',
  'maxDuration',
  'start',
  'end',
];

export type JaegerUiLink =
  | { readonly kind: 'search'; readonly params: URLSearchParams }
  | { readonly kind: 'trace'; readonly traceId: string; readonly find: string };

/** What a Jaeger UI path under `appBase` (the page's base path) asks for, or null when it is none. */
export function readJaegerUiPath(pathname: string, search: string, appBase: string): JaegerUiLink | null {
  const root = appBase.endsWith('/') ? appBase : `${appBase}/`;
  if (!pathname.startsWith(root)) return null;
  const rest = pathname.slice(root.length).replace(/\/+$/, '');
  const params = new URLSearchParams(search);
  if (rest === 'search') {
    const out = new URLSearchParams();
    for (const name of SEARCH_PARAMS) {
      const value = params.get(name);
      if (value !== null && value !== '') out.set(name, value);
    }
    return { kind: 'search', params: out };
  }
  const trace = /^trace\/([0-9a-fA-F]{1,32})$/.exec(rest);
  if (trace) return { kind: 'trace', traceId: trace[1].toLowerCase(), find: params.get('uiFind') ?? '' };
  return null;
}

/** This page's address parameters for the link, reading `backend` (a Jaeger). */
export function jaegerUiParams(link: JaegerUiLink, backend: string): URLSearchParams {
  const out = new URLSearchParams();
  if (link.kind === 'search') {
    out.set('view', 'search');
    out.set('backend', backend);
    out.set('api', 'jaeger');
    for (const [k, v] of link.params) out.set(k, v);
    return out;
  }
  out.set('backend', backend);
  out.set('api', 'jaeger');
  out.set('trace', link.traceId);
  if (link.find !== '') out.set('search', link.find);
  return out;
}

// Where each tracing backend serves one trace, and how to tell which backend a base URL is.

export type BackendKind = 'jaeger' | 'zipkin' | 'tempo';

export const BACKEND_KINDS: readonly BackendKind[] = ['jaeger', 'zipkin', 'tempo'];

export const BACKEND_LABEL: Readonly<Record<BackendKind, string>> = {
  jaeger: 'Jaeger',
  zipkin: 'Zipkin',
  tempo: 'Tempo',
};

export function isBackendKind(value: string | null | undefined): value is BackendKind {
  return value === 'jaeger' || value === 'zipkin' || value === 'tempo';
}

export interface TraceEndpoint {
  readonly url: string;
  /** Which API answered, for the note shown with the trace. */
  readonly api: string;
}

export type BaseUrlCheck =
  | { readonly ok: true; readonly base: string }
  | { readonly ok: false; readonly message: string };

/**
 * A backend's base URL: absolute http(s), or a path on this page's server (the built-in proxy,
 * e.g. /proxy/jaeger). Kept as typed, without a trailing slash, so links stay readable.
 */
export function checkBaseUrl(raw: string, pageHref: string): BaseUrlCheck {
  const text = raw.trim().replace(/\/+$/, '');
  if (text === '')
    return { ok: false, message: 'Enter the backend address, e.g. http://localhost:16686 or /proxy/jaeger.' };
  let url: URL;
  try {
    url = new URL(text, pageHref);
  } catch {
    return { ok: false, message: `"${text}" is not a URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: `Only http and https backends can be read, not ${url.protocol}` };
  if (!/^(https?:\/\/|\/)/i.test(text))
    return { ok: false, message: `Write the address with http:// or https:// (or a path starting with /): "${text}".` };
  if (url.search !== '' || url.hash !== '')
    return { ok: false, message: 'The base URL must not hold a query or fragment.' };
  return { ok: true, base: text };
}

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** The endpoints to try in turn: the current API first, then the older one it replaced. */
export function traceEndpoints(kind: BackendKind, base: string, traceId: string): TraceEndpoint[] {
  const id = encodeURIComponent(traceId);
  switch (kind) {
    case 'jaeger':
      return [
        { url: join(base, `/api/v3/traces/${id}`), api: 'API v3' },
        { url: join(base, `/api/traces/${id}`), api: 'HTTP JSON API' },
      ];
    case 'zipkin':
      return [{ url: join(base, `/api/v2/trace/${id}`), api: 'API v2' }];
    case 'tempo':
      return [
        { url: join(base, `/api/v2/traces/${id}`), api: 'API v2' },
        { url: join(base, `/api/traces/${id}`), api: 'API v1' },
      ];
  }
}

/** A cheap request each backend answers in a shape of its own, for auto-detection. */
export function probeUrl(kind: BackendKind, base: string): string {
  switch (kind) {
    case 'jaeger':
      return join(base, '/api/services');
    case 'zipkin':
      return join(base, '/api/v2/services');
    case 'tempo':
      return join(base, '/api/echo');
  }
}

/**
 * Whether a successful probe answer really came from that backend: a web server that serves
 * an HTML page for every path must not pass for one.
 */
export function probeAnswerMatches(kind: BackendKind, body: string): boolean {
  const text = body.trim();
  if (kind === 'tempo') return text === 'echo';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return false;
  }
  if (kind === 'zipkin') return Array.isArray(doc) && doc.every((s) => typeof s === 'string');
  return typeof doc === 'object' && doc !== null && 'data' in doc && (Array.isArray(doc.data) || doc.data === null);
}

/** Headers a backend needs: Tempo's multi-tenant mode names the tenant in X-Scope-OrgID. */
export function backendHeaders(tenant: string): Record<string, string> {
  const t = tenant.trim();
  return t === '' ? {} : { 'X-Scope-OrgID': t };
}

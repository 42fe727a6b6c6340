// What the TRACE_PROXY proxy refuses before anything reaches a backend. The proxy sits on the
// user's machine next to backends inside their network, so any page they visit could try to use
// it as a relay: only the viewer's own reads get through.
import type { IncomingHttpHeaders } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { PROXY_PREFIX, type ProxyTarget } from './proxy-config.ts';

interface ProxyRequest {
  readonly method: string | undefined;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export type ProxyVerdict =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly status: 400 | 403 | 405; readonly message: string };

const READ_METHODS = new Set(['GET', 'HEAD']);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The path decoded (encoded slashes and dots included) and resolved segment by segment, or
 * undefined when it climbs above the root or cannot be decoded: a backend that decodes %2F
 * before resolving must not be handed a path that leaves its base.
 */
export function normaliseProxyPath(rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  // A second layer of encoding (%252f) would be decoded by the next server: refuse it rather than guess.
  if (/%(2e|2f|5c)/i.test(decoded) || decoded.includes('\0')) return undefined;
  const segments: string[] = [];
  for (const segment of decoded.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const trailing = decoded.endsWith('/') && segments.length > 0 ? '/' : '';
  return `/${segments.map(encodeSegment).join('/')}${trailing}`;
}

/** Percent-encodes what a path segment may not hold, leaving the sub-delimiters, ':' and '@' (RFC 3986 pchar) as they are. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(21|24|26|27|28|29|2A|2B|2C|3A|3B|3D|40)/g, (code) =>
    decodeURIComponent(code),
  );
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    return url.host === host && (url.protocol === 'http:' || url.protocol === 'https:');
  } catch {
    return false;
  }
}

/** Whether a request under /proxy/<name>/ may be forwarded, and the normalised URL to forward. */
export function checkProxyRequest(request: ProxyRequest, target: ProxyTarget): ProxyVerdict {
  const method = (request.method ?? 'GET').toUpperCase();
  if (!READ_METHODS.has(method))
    return { ok: false, status: 405, message: `The proxy forwards only GET and HEAD, not ${method}.` };
  const fetchSite = header(request.headers, 'sec-fetch-site');
  if (fetchSite === 'cross-site' || fetchSite === 'same-site')
    return { ok: false, status: 403, message: 'The proxy serves only the viewer itself, not other sites.' };
  const origin = header(request.headers, 'origin');
  if (origin !== undefined && !sameOrigin(origin, header(request.headers, 'host')))
    return { ok: false, status: 403, message: `The proxy serves only the viewer itself, not ${origin}.` };
  const prefix = `${PROXY_PREFIX}${target.name}`;
  const rest = request.url.slice(prefix.length);
  const queryAt = rest.indexOf('?');
  const path = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = queryAt < 0 ? '' : rest.slice(queryAt);
  const normalised = normaliseProxyPath(path === '' ? '/' : path);
  if (normalised === undefined)
    return { ok: false, status: 400, message: `The path leaves ${prefix}/ or cannot be decoded.` };
  return { ok: true, url: `${prefix}${normalised}${query}` };
}

function targetFor(url: string, targets: readonly ProxyTarget[]): ProxyTarget | undefined {
  return targets.find(({ name }) => {
    const prefix = `${PROXY_PREFIX}${name}`;
    return (
      url.startsWith(prefix) &&
      (url.length === prefix.length || url[prefix.length] === '/' || url[prefix.length] === '?')
    );
  });
}

/** Runs before vite's proxy: refuses what must not be relayed and rewrites the rest to its normalised path. */
function proxyGuardMiddleware(targets: readonly ProxyTarget[]): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = req.url ?? '';
    const target = targetFor(url, targets);
    if (target === undefined) {
      next();
      return;
    }
    const verdict = checkProxyRequest({ method: req.method, url, headers: req.headers }, target);
    if (!verdict.ok) {
      res.writeHead(verdict.status, {
        'Content-Type': 'text/plain; charset=utf-8',
        ...(verdict.status === 405 ? { Allow: 'GET, HEAD' } : {}),
      });
      res.end(verdict.message);
      return;
    }
    req.url = verdict.url;
    next();
  };
}

/**
 * Installs the guard in the dev and preview servers. Middlewares added in these hooks run after
 * vite's Host check (which refuses names it does not serve, against DNS rebinding) and before
 * its proxy.
 */
export function proxyGuardPlugin(targets: readonly ProxyTarget[]): Plugin {
  return {
    name: 'trace-proxy-guard',
    configureServer(server) {
      server.middlewares.use(proxyGuardMiddleware(targets));
    },
    configurePreviewServer(server) {
      server.middlewares.use(proxyGuardMiddleware(targets));
    },
  };
}

// The built-in proxy of `npm start` and `npm run preview`: TRACE_PROXY names backends
// ("jaeger=http://localhost:16686,tempo=http://localhost:3200") that the viewer's own server
// forwards under /proxy/<name>/, so the page reads them from its own origin (no CORS needed).
// Only the configured targets are reachable: nothing in a request can choose where it goes.
// What a request may carry there is checked first by proxy-guard.ts.
import type { ProxyOptions } from 'vite';
import type { ProxyHeaders } from './proxy-credentials.ts';

export const PROXY_PREFIX = '/proxy/';

export interface ProxyTarget {
  readonly name: string;
  readonly target: string;
}

export class ProxyConfigError extends Error {
  override name = 'ProxyConfigError';
}

/** Reads TRACE_PROXY; throws ProxyConfigError naming the bad entry, so a typo stops the server with a reason. */
export function parseTraceProxy(value: string | undefined): ProxyTarget[] {
  if (value === undefined || value.trim() === '') return [];
  const targets: ProxyTarget[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const name = eq > 0 ? entry.slice(0, eq).trim() : '';
    const target =
      eq > 0
        ? entry
            .slice(eq + 1)
            .trim()
            .replace(/\/+$/, '')
        : '';
    if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name))
      throw new ProxyConfigError(
        `TRACE_PROXY entry "${entry}": expected name=http://host:port, with a name of letters, digits, - and _`,
      );
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new ProxyConfigError(`TRACE_PROXY entry "${entry}": "${target}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ProxyConfigError(`TRACE_PROXY entry "${entry}": only http and https targets can be proxied`);
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
      throw new ProxyConfigError(
        `TRACE_PROXY entry "${entry}": the target must be a plain base URL (no query, fragment or credentials)`,
      );
    if (targets.some((t) => t.name === name)) throw new ProxyConfigError(`TRACE_PROXY names "${name}" twice`);
    targets.push({ name, target });
  }
  return targets;
}

/** The browser's identity stays with the browser, and the backend's cookies stay with the server. */
const DROPPED_REQUEST_HEADERS = ['cookie', 'authorization', 'proxy-authorization'];
const DROPPED_RESPONSE_HEADERS = ['set-cookie', 'www-authenticate'];

/**
 * vite's server.proxy / preview.proxy for the targets: /proxy/<name>/rest → <target>/rest,
 * without the browser's credentials and with the ones configured for that target.
 */
export function viteProxy(
  targets: readonly ProxyTarget[],
  headers: ProxyHeaders = new Map(),
): Record<string, ProxyOptions> {
  const proxy: Record<string, ProxyOptions> = {};
  for (const { name, target } of targets) {
    const prefix = `${PROXY_PREFIX}${name}`;
    const configured = headers.get(name) ?? {};
    // Anchored so that /proxy/jaeger2 or /proxy/jaeger@host do not match the jaeger entry.
    proxy[`^${prefix}(/|\\?|$)`] = {
      target,
      changeOrigin: true,
      configure: (server) => {
        server.on('proxyReq', (proxyReq) => {
          for (const header of DROPPED_REQUEST_HEADERS) proxyReq.removeHeader(header);
          for (const [header, value] of Object.entries(configured)) proxyReq.setHeader(header, value);
        });
        server.on('proxyRes', (proxyRes) => {
          for (const header of DROPPED_RESPONSE_HEADERS) delete proxyRes.headers[header];
        });
      },
      rewrite: (path) => {
        const rest = path.slice(prefix.length);
        return rest.startsWith('/') ? rest : `/${rest}`;
      },
    };
  }
  return proxy;
}

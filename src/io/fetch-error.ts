// Why a download failed, worded for the person who asked for it.

export type FetchFailure =
  | {
      readonly kind: 'network';
      readonly crossOrigin: boolean;
      /** For another origin: whether the server answered a request the page may not read (so CORS is what blocked it). */
      readonly reachable?: boolean;
    }
  | { readonly kind: 'scheme'; readonly protocol: string }
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly statusText: string;
      readonly detail: string;
      readonly fromApi: boolean;
    }
  | { readonly kind: 'cut'; readonly received: number; readonly total: number | null }
  | { readonly kind: 'aborted' }
  | {
      readonly kind: 'stalled';
      /** Waiting for the server's answer, or for more of its body. */
      readonly phase: 'answer' | 'body';
      readonly seconds: number;
      readonly received: number;
    }
  | { readonly kind: 'too-large'; readonly limit: number };

/** A download failure; `message` is complete and shown as is after the source's name. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    readonly failure: FetchFailure,
    message: string,
  ) {
    super(message);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** The proxy name a person would give this backend in TRACE_PROXY, from its host. */
function proxyNameFor(url: URL): string {
  const port = url.port;
  if (port === '16686') return 'jaeger';
  if (port === '9411') return 'zipkin';
  if (port === '3200') return 'tempo';
  return 'backend';
}

/**
 * `address` is what the person typed (a backend's base URL, or the file's URL): the proxy
 * hint rewrites that, not the API path derived from it.
 */
export function failureMessage(url: string, failure: FetchFailure, pageOrigin: string, address: string = url): string {
  switch (failure.kind) {
    case 'network': {
      if (!failure.crossOrigin)
        return `network error fetching ${url}: the server did not answer (is it running, and is the address right?)`;
      if (failure.reachable === false)
        return (
          `could not read ${url}: the server did not answer, or it redirected in a loop or to an address the browser will not follow ` +
          '(is it running, and is the address right?)'
        );
      const target = new URL(address, url);
      const name = proxyNameFor(target);
      const rest = `${target.pathname === '/' ? '' : target.pathname}${target.search}`;
      return (
        `could not read ${url}: the browser blocked the request or the server did not answer. ` +
        `${target.origin} is another origin than this page (${pageOrigin}), so the browser only lets the page read it if the server allows it (CORS). ` +
        `Fix: allow ${pageOrigin} in the server's CORS settings (allowed origins), or let the viewer's server proxy it: ` +
        `start it with TRACE_PROXY="${name}=${target.origin}" npm start (or npm run preview) and use ${pageOrigin}/proxy/${name}${rest} as the address.`
      );
    }
    case 'http': {
      const status = `HTTP ${failure.status}${failure.statusText ? ` ${failure.statusText}` : ''}`;
      return `${status} from ${url}${failure.detail ? `: ${failure.detail}` : ''}`;
    }
    case 'cut': {
      const of = failure.total !== null ? ` of ${formatBytes(failure.total)}` : '';
      return `the download from ${url} broke off after ${formatBytes(failure.received)}${of} (the connection was closed)`;
    }
    case 'aborted':
      return `the download from ${url} was cancelled`;
    case 'scheme':
      return `${url} was not fetched: only http and https addresses can be opened, not ${failure.protocol}`;
    case 'stalled':
      return failure.phase === 'answer'
        ? `${url} did not answer within ${failure.seconds} s (the connection is open but nothing came back); is the server overloaded, or the address wrong?`
        : `the download from ${url} stalled: nothing arrived for ${failure.seconds} s after ${formatBytes(failure.received)}`;
    case 'too-large':
      return `the download from ${url} was stopped: it decompresses to more than ${formatBytes(failure.limit)}, the most the viewer reads in one tab`;
  }
}

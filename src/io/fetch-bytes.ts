// Downloads a body with progress (bytes and, when the size is known, percent) and turns
// every way a fetch can fail into a FetchError that says what happened.
import { MAX_INFLATED_BYTES } from './decode.ts';
import { errorDetail } from './error-body.ts';
import { FetchError, failureMessage, type FetchFailure } from './fetch-error.ts';
import { joinBytes } from './join-bytes.ts';

/**
 * A download with nothing new for this long is given up: a server that accepts the connection
 * and never answers, or a body that stops, would otherwise show "Reading…" for ever.
 */
export const STALL_TIMEOUT_MS = 30_000;

export interface DownloadProgress {
  readonly received: number;
  /** Bytes the server announced, when it did and they are the bytes the page receives. */
  readonly total: number | null;
}

export interface FetchOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** The address the person gave, when the URL fetched is derived from it (a backend's base URL). */
  readonly address?: string;
  /** Nothing received for this long ends the download (STALL_TIMEOUT_MS by default). */
  readonly stallTimeoutMs?: number;
}

/** Why the request's own signal fired, when it did: the person cancelled, or the download stalled. */
interface Watch {
  readonly signal: AbortSignal;
  /** Something arrived: the stall timer starts again. */
  alive(phase: 'body'): void;
  /** The failure to report for an abort, or undefined when nothing was aborted. */
  abortFailure(received: number): FetchFailure | undefined;
  stop(): void;
}

function watch(options: FetchOptions): Watch {
  const controller = new AbortController();
  const outer = options.signal;
  const cancel = () => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', cancel, { once: true });
  const ms = options.stallTimeoutMs ?? STALL_TIMEOUT_MS;
  let phase: 'answer' | 'body' = 'answer';
  let stalled: 'answer' | 'body' | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = phase;
      controller.abort();
    }, ms);
  };
  arm();
  return {
    signal: controller.signal,
    alive(next) {
      phase = next;
      arm();
    },
    abortFailure(received) {
      if (stalled !== null) return { kind: 'stalled', phase: stalled, seconds: ms / 1000, received };
      return controller.signal.aborted ? { kind: 'aborted' } : undefined;
    },
    stop() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', cancel);
    },
  };
}

export interface Fetched {
  readonly bytes: Uint8Array;
  readonly response: Response;
}

function pageOrigin(): string {
  return typeof location === 'undefined' ? 'null' : location.origin;
}

function isCrossOrigin(url: string): boolean {
  if (typeof location === 'undefined') return true;
  try {
    return new URL(url, location.href).origin !== location.origin;
  } catch {
    return false;
  }
}

function fail(url: string, failure: FetchFailure, address?: string): FetchError {
  return new FetchError(url, failure, failureMessage(url, failure, pageOrigin(), address));
}

/**
 * The announced size, unless the body is content-encoded: then Content-Length counts the
 * compressed bytes while the reader yields decompressed ones.
 */
function announcedSize(response: Response): number | null {
  const length = Number(response.headers.get('content-length'));
  const encoding = response.headers.get('content-encoding');
  if (!Number.isFinite(length) || length <= 0 || (encoding !== null && encoding !== 'identity')) return null;
  return length;
}

function isEncoded(response: Response): boolean {
  const encoding = response.headers.get('content-encoding');
  return encoding !== null && encoding !== 'identity';
}

async function readBody(url: string, response: Response, options: FetchOptions, watcher: Watch): Promise<Uint8Array> {
  const total = announcedSize(response);
  // The browser inflates a Content-Encoding: gzip body itself; a bomb is stopped at the same
  // limit as a .gz file.
  const limit = isEncoded(response) ? MAX_INFLATED_BYTES : Number.POSITIVE_INFINITY;
  const body = response.body;
  if (!body) return new Uint8Array(await response.arrayBuffer());
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  options.onProgress?.({ received, total });
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      throw fail(url, watcher.abortFailure(received) ?? { kind: 'cut', received, total });
    }
    if (step.done) break;
    watcher.alive('body');
    received += step.value.length;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      throw fail(url, { kind: 'too-large', limit });
    }
    chunks.push(step.value);
    options.onProgress?.({ received, total: total !== null && received <= total ? total : null });
  }
  if (total !== null && received < total) throw fail(url, { kind: 'cut', received, total });
  return joinBytes(chunks, received);
}

export async function fetchBytes(url: string, options: FetchOptions = {}): Promise<Fetched> {
  const watcher = watch(options);
  try {
    return await fetchWatched(url, options, watcher);
  } finally {
    watcher.stop();
  }
}

/** The scheme of a URL that is not http(s), or undefined when it is (relative URLs are the page's own). */
function foreignScheme(url: string): string | undefined {
  try {
    const { protocol } = new URL(url, typeof location === 'undefined' ? 'http://localhost/' : location.href);
    return protocol === 'http:' || protocol === 'https:' ? undefined : protocol;
  } catch {
    return undefined;
  }
}

/**
 * Whether another origin answers at all, asked without reading it (no-cors): when it does, CORS
 * blocked the real request; when it does not, the server is down or its redirects fail.
 */
async function answersOpaquely(url: string, signal: AbortSignal): Promise<boolean> {
  try {
    await fetch(url, { mode: 'no-cors', signal });
    return true;
  } catch {
    return false;
  }
}

async function fetchWatched(url: string, options: FetchOptions, watcher: Watch): Promise<Fetched> {
  const scheme = foreignScheme(url);
  if (scheme !== undefined) throw fail(url, { kind: 'scheme', protocol: scheme });
  // Reported before the server says anything, so the download (and its Cancel) shows from the start.
  options.onProgress?.({ received: 0, total: null });
  let response: Response;
  try {
    response = await fetch(url, { headers: options.headers, signal: watcher.signal });
  } catch {
    // fetch rejects with a TypeError for every network-level failure, CORS included; the
    // browser does not say which, but for another origin CORS is by far the likeliest.
    const aborted = watcher.abortFailure(0);
    if (aborted) throw fail(url, aborted);
    const crossOrigin = isCrossOrigin(url);
    if (!crossOrigin) throw fail(url, { kind: 'network', crossOrigin }, options.address);
    const reachable = await answersOpaquely(url, watcher.signal);
    const abortedMeanwhile = watcher.abortFailure(0);
    if (abortedMeanwhile) throw fail(url, abortedMeanwhile);
    throw fail(url, { kind: 'network', crossOrigin, reachable }, options.address);
  }
  watcher.alive('body');
  if (!response.ok) {
    const body = await response.text().catch(() => '');
    const aborted = watcher.abortFailure(0);
    if (aborted) throw fail(url, aborted);
    const detail = errorDetail(body);
    throw fail(url, {
      kind: 'http',
      status: response.status,
      statusText: response.statusText,
      detail: detail.text,
      fromApi: detail.fromApi,
    });
  }
  return { bytes: await readBody(url, response, options, watcher), response };
}

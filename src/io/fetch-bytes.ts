// Downloads a body with progress (bytes and, when the size is known, percent) and turns
// every way a fetch can fail into a FetchError that says what happened.
import { errorDetail } from './error-body.ts';
import { FetchError, failureMessage, type FetchFailure } from './fetch-error.ts';

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

async function readBody(url: string, response: Response, options: FetchOptions): Promise<Uint8Array> {
  const total = announcedSize(response);
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
      if (options.signal?.aborted) throw fail(url, { kind: 'aborted' });
      throw fail(url, { kind: 'cut', received, total });
    }
    if (step.done) break;
    chunks.push(step.value);
    received += step.value.length;
    options.onProgress?.({ received, total: total !== null && received <= total ? total : null });
  }
  if (total !== null && received < total) throw fail(url, { kind: 'cut', received, total });
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

export async function fetchBytes(url: string, options: FetchOptions = {}): Promise<Fetched> {
  let response: Response;
  try {
    response = await fetch(url, { headers: options.headers, signal: options.signal });
  } catch {
    // fetch rejects with a TypeError for every network-level failure, CORS included; the
    // browser does not say which, but for another origin CORS is by far the likeliest.
    if (options.signal?.aborted) throw fail(url, { kind: 'aborted' });
    throw fail(url, { kind: 'network', crossOrigin: isCrossOrigin(url) }, options.address);
  }
  if (!response.ok) {
    const body = await response.text().catch(() => '');
    const detail = errorDetail(body);
    throw fail(url, {
      kind: 'http',
      status: response.status,
      statusText: response.statusText,
      detail: detail.text,
      fromApi: detail.fromApi,
    });
  }
  return { bytes: await readBody(url, response, options), response };
}

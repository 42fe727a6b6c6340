import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchBytes, STALL_TIMEOUT_MS, type DownloadProgress } from '../../../src/io/fetch-bytes.ts';
import { FetchError } from '../../../src/io/fetch-error.ts';

function chunkedResponse(
  chunks: string[],
  init: { length?: number; breakAfter?: number; status?: number } = {},
): Response {
  const encoder = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (init.breakAfter !== undefined && i === init.breakAfter) {
        controller.error(new TypeError('network error'));
        return;
      }
      if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]));
      else controller.close();
    },
  });
  const headers = new Headers();
  if (init.length !== undefined) headers.set('content-length', String(init.length));
  return new Response(body, { status: init.status ?? 200, headers });
}

afterEach(() => vi.unstubAllGlobals());

/** A server that answers, but not to this page: only a no-cors request (which the page cannot read) gets through. */
async function corsBlocked(_url: string | URL | Request, init?: RequestInit): Promise<Response> {
  if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
  throw new TypeError('Failed to fetch');
}

describe('fetchBytes', () => {
  it('reports bytes received against the announced size while streaming', async () => {
    vi.stubGlobal('fetch', async () => chunkedResponse(['{"a":', '1}'], { length: 7 }));
    const progress: DownloadProgress[] = [];
    const { bytes } = await fetchBytes('http://localhost:3000/t.json', { onProgress: (p) => progress.push(p) });
    expect(new TextDecoder().decode(bytes)).toBe('{"a":1}');
    expect(progress).toEqual([
      // Reported before the server answers, so the download and its Cancel show from the start.
      { received: 0, total: null },
      { received: 0, total: 7 },
      { received: 5, total: 7 },
      { received: 7, total: 7 },
    ]);
  });

  it('says how far a download got when the connection breaks off', async () => {
    vi.stubGlobal('fetch', async () => chunkedResponse(['x'.repeat(2048), 'y'], { length: 10_000, breakAfter: 1 }));
    const error = await fetchBytes('http://localhost:3000/t.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toBe(
      'the download from http://localhost:3000/t.json broke off after 2.0 KB of 9.8 KB (the connection was closed)',
    );
  });

  it('notices a body shorter than announced even when the stream ends quietly', async () => {
    vi.stubGlobal('fetch', async () => chunkedResponse(['{"a":'], { length: 7 }));
    await expect(fetchBytes('http://localhost:3000/t.json')).rejects.toThrow(/broke off after 5 B of 7 B/);
  });

  it("gives the HTTP status with the API's message or the body's first line", async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('{"error":{"httpCode":404,"message":"trace not found"}}', {
          status: 404,
          statusText: 'Not Found',
        }),
    );
    await expect(fetchBytes('http://localhost:3000/api/v3/traces/ab')).rejects.toThrow(
      'HTTP 404 Not Found from http://localhost:3000/api/v3/traces/ab: trace not found',
    );
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('boom: storage unavailable\nstack...', { status: 500, statusText: 'Internal Server Error' }),
    );
    await expect(fetchBytes('http://localhost:3000/x')).rejects.toThrow(
      'HTTP 500 Internal Server Error from http://localhost:3000/x: boom: storage unavailable',
    );
  });

  it('explains CORS and the proxy when another origin cannot be read', async () => {
    vi.stubGlobal('fetch', corsBlocked);
    const error = (await fetchBytes('http://jaeger.internal:16686/api/traces/ab').catch(
      (e: unknown) => e,
    )) as FetchError;
    expect(error.failure).toEqual({ kind: 'network', crossOrigin: true, reachable: true });
    expect(error.message).toContain('CORS');
    expect(error.message).toContain(`TRACE_PROXY="jaeger=http://jaeger.internal:16686"`);
    expect(error.message).toContain(`use ${location.origin}/proxy/jaeger/api/traces/ab as the address`);
  });

  it('rewrites the address the person gave, not the API path derived from it, in the proxy hint', async () => {
    vi.stubGlobal('fetch', corsBlocked);
    const error = (await fetchBytes('https://ops.example.com/jaeger/api/v3/traces/ab', {
      address: 'https://ops.example.com/jaeger',
    }).catch((e: unknown) => e)) as FetchError;
    expect(error.message).toContain(`TRACE_PROXY="backend=https://ops.example.com"`);
    expect(error.message).toContain(`use ${location.origin}/proxy/backend/jaeger as the address`);
  });

  it('calls a failure on this page’s own server a network error, not CORS', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = (await fetchBytes('/proxy/jaeger/api/traces/ab').catch((e: unknown) => e)) as FetchError;
    expect(error.message).toMatch(/^network error fetching \/proxy\/jaeger\/api\/traces\/ab/);
    expect(error.message).not.toContain('CORS');
  });
});

/** A fetch whose server accepted the connection and never answers; only an abort ends it. */
async function neverAnswers(_url: string | URL | Request, init?: RequestInit): Promise<Response> {
  return new Promise((_, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
}

/** A body that sends `first` and then nothing more, until aborted. */
function silentAfter(
  first: string,
  status = 200,
): (url: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return async (_url, init) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(first));
        init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
      },
    });
    return new Response(body, { status });
  };
}

async function failureOf(promise: Promise<unknown>): Promise<FetchError> {
  const caught = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(caught instanceof FetchError)) throw new Error(`expected a FetchError, got ${String(caught)}`);
  return caught;
}

describe('fetchBytes: a server that stalls', () => {
  afterEach(() => vi.useRealTimers());

  it('gives up on a server that accepts and never answers, and says so', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', neverAnswers);
    const progress: DownloadProgress[] = [];
    const result = failureOf(fetchBytes('http://localhost:3000/t.json', { onProgress: (p) => progress.push(p) }));
    expect(progress).toEqual([{ received: 0, total: null }]);
    await vi.advanceTimersByTimeAsync(STALL_TIMEOUT_MS);
    const error = await result;
    expect(error.failure).toMatchObject({ kind: 'stalled', phase: 'answer' });
    expect(error.message).toBe(
      'http://localhost:3000/t.json did not answer within 30 s (the connection is open but nothing came back); is the server overloaded, or the address wrong?',
    );
  });

  it('gives up on a 503 whose body drips, and on a body that stops', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', silentAfter('Service Unavail', 503));
    const dripping = failureOf(fetchBytes('http://localhost:3000/t.json'));
    await vi.advanceTimersByTimeAsync(STALL_TIMEOUT_MS);
    expect((await dripping).failure.kind).toBe('stalled');
    vi.stubGlobal('fetch', silentAfter('{"data":['));
    const stopped = failureOf(fetchBytes('http://localhost:3000/t.json'));
    await vi.advanceTimersByTimeAsync(STALL_TIMEOUT_MS);
    const error = await stopped;
    expect(error.failure).toMatchObject({ kind: 'stalled', phase: 'body', received: 9 });
    expect(error.message).toBe(
      'the download from http://localhost:3000/t.json stalled: nothing arrived for 30 s after 9 B',
    );
  });

  it('can be cancelled before the server answers', async () => {
    vi.stubGlobal('fetch', neverAnswers);
    const controller = new AbortController();
    const result = failureOf(fetchBytes('http://localhost:3000/t.json', { signal: controller.signal }));
    controller.abort();
    expect((await result).failure.kind).toBe('aborted');
  });
});

describe('fetchBytes: failures that are not CORS', () => {
  it('does not blame CORS when the server does not answer even an unreadable request (redirect loop, unsafe redirect, down)', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await failureOf(fetchBytes('http://jaeger.internal:16686/loop'));
    expect(error.failure).toEqual({ kind: 'network', crossOrigin: true, reachable: false });
    expect(error.message).not.toContain('CORS');
    expect(error.message).toContain('redirected in a loop or to an address the browser will not follow');
  });

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/t.json',
    'data:application/json,{}',
    'javascript:alert(1)',
  ])('refuses %s before fetching, naming the scheme', async (url) => {
    const fetched = vi.fn();
    vi.stubGlobal('fetch', fetched);
    const error = await failureOf(fetchBytes(url));
    expect(error.failure.kind).toBe('scheme');
    expect(error.message).toMatch(/only http and https addresses can be opened, not [a-z]+:$/);
    expect(fetched).not.toHaveBeenCalled();
  });
});

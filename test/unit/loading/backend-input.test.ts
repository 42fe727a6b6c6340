import { afterEach, describe, expect, it, vi } from 'vitest';
import { backendInput, type BackendRequest } from '../../../src/loading/backend-input.ts';
import { SourceError } from '../../../src/loading/load-files.ts';

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const BASE = 'http://backend.test';

type Route = () => Response;

function serve(routes: Record<string, Route>): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: string) => {
    asked.push(input.replace(BASE, ''));
    const route = routes[input.replace(BASE, '')];
    return route ? route() : new Response('404 page not found', { status: 404, statusText: 'Not Found' });
  });
  return asked;
}

async function read(request: Partial<BackendRequest>) {
  const { input, source } = backendInput({ base: BASE, api: null, traceId: ID, tenant: '', ...request });
  const bytes = await input.bytes({ onProgress: () => {}, signal: new AbortController().signal });
  return { text: new TextDecoder().decode(bytes), notes: input.notes?.() ?? [], source: source() };
}

afterEach(() => vi.unstubAllGlobals());

describe('backendInput', () => {
  it('detects the backend by its cheap endpoint and says which answered', async () => {
    const asked = serve({
      '/api/echo': () => new Response('echo'),
      [`/api/v2/traces/${ID}`]: () => new Response('{"trace":{"resourceSpans":[]}}'),
    });
    const r = await read({});
    expect(r.text).toBe('{"trace":{"resourceSpans":[]}}');
    expect(asked).toEqual(['/api/services', '/api/v2/services', '/api/echo', `/api/v2/traces/${ID}`]);
    expect(r.source).toMatchObject({ kind: 'backend', api: 'tempo' });
    expect(r.notes.join()).toMatch(/Tempo API v2 .*detected as Tempo/);
  });

  it("falls back to Jaeger's older API when v3 is not served", async () => {
    const asked = serve({ [`/api/traces/${ID}`]: () => new Response('{"data":[]}') });
    const r = await read({ api: 'jaeger' });
    expect(asked).toEqual([`/api/v3/traces/${ID}`, `/api/traces/${ID}`]);
    expect(r.notes.join()).toMatch(/Jaeger HTTP JSON API/);
  });

  it("stops at Jaeger v3's own not-found answer and reports it", async () => {
    const asked = serve({
      [`/api/v3/traces/${ID}`]: () =>
        new Response('{"error":{"httpCode":404,"message":"trace not found"}}', {
          status: 404,
          statusText: 'Not Found',
        }),
    });
    const error = await read({ api: 'jaeger' }).catch((e: unknown) => e);
    expect(asked).toEqual([`/api/v3/traces/${ID}`]);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toBe(
      `Jaeger: HTTP 404 Not Found from ${BASE}/api/v3/traces/${ID}: trace not found`,
    );
  });

  it('does not fall back on a server error', async () => {
    const asked = serve({
      [`/api/v2/traces/${ID}`]: () =>
        new Response('ingester unavailable', { status: 500, statusText: 'Internal Server Error' }),
    });
    await expect(read({ api: 'tempo' })).rejects.toThrow(/HTTP 500 .*ingester unavailable/);
    expect(asked).toEqual([`/api/v2/traces/${ID}`]);
  });

  it('sends the Tempo tenant header only to Tempo', async () => {
    const headers: Record<string, string>[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      headers.push({ ...(init.headers as Record<string, string>) });
      return url.endsWith('/api/echo')
        ? new Response('echo')
        : url.includes('/api/v2/traces/')
          ? new Response('{}')
          : new Response('', { status: 404 });
    });
    await read({ tenant: 'team-a' });
    expect(headers).toEqual([{}, {}, { 'X-Scope-OrgID': 'team-a' }, { 'X-Scope-OrgID': 'team-a' }]);
  });

  it('names every backend it tried when none answered', async () => {
    serve({ '/api/services': () => new Response('<!doctype html><title>Grafana</title>') });
    await expect(read({})).rejects.toThrow(
      /no tracing backend answered at http:\/\/backend.test\. Tried Jaeger \(.*not as Jaeger does\); Zipkin \(HTTP 404.*\); Tempo \(HTTP 404/,
    );
  });

  it('falls back when the newer API path serves a web page', async () => {
    serve({
      [`/api/v3/traces/${ID}`]: () => new Response('<!doctype html><html></html>'),
      [`/api/traces/${ID}`]: () => new Response('{"data":[]}'),
    });
    expect((await read({ api: 'jaeger' })).text).toBe('{"data":[]}');
  });
});

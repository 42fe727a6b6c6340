// The TRACE_PROXY proxy tried as an attacker would: against `vite preview` (and `vite` for the
// Host check) with a loopback backend that records everything it receives.
import { request } from 'node:http';
import type { Browser } from 'playwright-core';
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { BACKEND_COOKIE, type RecordingBackend, startRecordingBackend } from './recording-backend.ts';

const BASE = '/base/jaeger';
const PROXY_ENV = (backend: RecordingBackend) => ({
  TRACE_PROXY: `jaeger=${backend.origin}${BASE}`,
  TRACE_PROXY_AUTH_JAEGER: 'Bearer server-side-token',
  TRACE_PROXY_HEADERS_JAEGER: 'X-Scope-OrgID: team-a',
});

let backend: RecordingBackend;
let server: PreviewServer;
let devServer: ViteDevServer;
let browser: Browser;
let port: number;
let devPort: number;

/** Runs `start` with the proxy's environment set, as `TRACE_PROXY=... npm run preview` would. */
async function withProxyEnv<T>(start: () => Promise<T>): Promise<T> {
  const env = PROXY_ENV(backend);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await start();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

beforeAll(async () => {
  [backend, browser] = await Promise.all([startRecordingBackend(), launchBrowser()]);
  server = await withProxyEnv(() =>
    preview({ preview: { host: '127.0.0.1', port: 4380, strictPort: false, open: false }, logLevel: 'silent' }),
  );
  port = Number(new URL(server.resolvedUrls?.local[0] ?? '').port);
  devServer = await withProxyEnv(async () => {
    const dev = await createServer({
      server: { host: '127.0.0.1', port: 4480, strictPort: false, hmr: false, watch: null },
      logLevel: 'silent',
      optimizeDeps: { noDiscovery: true },
    });
    return dev.listen();
  });
  devPort = Number(new URL(devServer.resolvedUrls?.local[0] ?? '').port);
});
afterAll(async () => {
  await Promise.all([server?.close(), devServer?.close(), backend?.close(), browser?.close()]);
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw request: the path goes on the request line exactly as written, headers exactly as given. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; to?: number } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: options.to ?? port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.method === 'POST' ? 'x=1' : undefined);
  });
}

/** What the backend received while `action` ran. */
async function receivedDuring(action: () => Promise<unknown>) {
  const before = backend.received.length;
  await action();
  // The browser also asks the backend for its favicon, which is not the proxy's doing.
  return backend.received.slice(before).filter((r) => r.url.startsWith(BASE));
}

describe('the proxy forwards the viewer’s reads', () => {
  it('relays GET and HEAD under the base path, with the server-side credentials and without the browser’s', async () => {
    const got = await receivedDuring(async () => {
      const answer = await send('/proxy/jaeger/api/traces/abc?x=1', {
        headers: { Cookie: 'session=user', Authorization: 'Basic dXNlcjpwdw==', 'Sec-Fetch-Site': 'same-origin' },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect((await send('/proxy/jaeger/api/traces/abc', { method: 'HEAD' })).status).toBe(200);
    });
    expect(got.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${BASE}/api/traces/abc?x=1`,
      `HEAD ${BASE}/api/traces/abc`,
    ]);
    expect(got[0].headers.cookie).toBeUndefined();
    expect(got[0].headers.authorization).toBe('Bearer server-side-token');
    expect(got[0].headers['x-scope-orgid']).toBe('team-a');
  });

  it('keeps dot segments that stay under the base path, resolved', async () => {
    const got = await receivedDuring(() => send('/proxy/jaeger/api/x/%2e%2e/traces/a%2fb/../c'));
    expect(got.map((r) => r.url)).toEqual([`${BASE}/api/traces/a/c`]);
  });
});

describe('the proxy refuses what the viewer never sends', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s gets 405 and reaches no backend', async (method) => {
    const got = await receivedDuring(async () => {
      const answer = await send('/proxy/jaeger/api/traces', { method });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    });
    expect(got).toEqual([]);
  });

  it('refuses other sites with 403: Sec-Fetch-Site cross-site or same-site, or a foreign Origin', async () => {
    const got = await receivedDuring(async () => {
      const refused: Record<string, string>[] = [
        { 'Sec-Fetch-Site': 'cross-site' },
        { 'Sec-Fetch-Site': 'same-site' },
        { Origin: 'http://evil.example' },
        { Origin: `http://127.0.0.1:${port + 1}` },
        { Origin: 'null' },
      ];
      for (const headers of refused) expect((await send('/proxy/jaeger/api/services', { headers })).status).toBe(403);
    });
    expect(got).toEqual([]);
    // The viewer's own origin is served.
    expect((await send('/proxy/jaeger/api/services', { headers: { Origin: `http://127.0.0.1:${port}` } })).status).toBe(
      200,
    );
  });

  it.each([
    '/proxy/jaeger/..%2f..%2fy',
    '/proxy/jaeger/..%2F..%2Fy',
    '/proxy/jaeger/%2e%2e/%2e%2e/y',
    '/proxy/jaeger/api/..%5c..%5cy',
    '/proxy/jaeger/%252e%252e%252fy',
    '/proxy/jaeger/%E0%A4%A',
  ])('answers 400 to %s, which would leave the base path', async (path) => {
    const got = await receivedDuring(async () => {
      expect((await send(path)).status).toBe(400);
    });
    expect(got).toEqual([]);
  });

  it('refuses a Host header it does not serve (DNS rebinding), in preview and in dev', async () => {
    for (const to of [port, devPort]) {
      const got = await receivedDuring(async () => {
        expect((await send('/proxy/jaeger/api/services', { to, headers: { Host: 'evil.example' } })).status).toBe(403);
      });
      expect(got).toEqual([]);
    }
    // The dev server runs the same guard.
    expect((await send('/proxy/jaeger/api/services', { to: devPort, method: 'POST' })).status).toBe(405);
  });
});

describe('in the browser', () => {
  it('another site cannot make the browser relay a simple POST or a GET through the proxy', async () => {
    const page = await browser.newPage();
    // localhost and 127.0.0.1 are different sites, so this page is foreign to the viewer.
    await page.goto(`http://localhost:${backend.port}/other-site.html`);
    const got = await receivedDuring(() =>
      page.evaluate(async (target) => {
        for (const method of ['POST', 'GET'])
          await fetch(target, {
            method,
            mode: 'no-cors',
            credentials: 'include',
            body: method === 'POST' ? 'x' : undefined,
          }).catch(() => undefined);
      }, `http://127.0.0.1:${port}/proxy/jaeger/api/traces`),
    );
    expect(got).toEqual([]);
    await page.close();
  });

  it('the viewer’s own request gets through without its cookies, and no backend cookie comes back', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/?demo=0`);
    await page.context().addCookies([{ name: 'viewer-session', value: 'user-secret', url: page.url() }]);
    const got = await receivedDuring(() =>
      page.evaluate(async () => {
        const response = await fetch('/proxy/jaeger/api/services', { credentials: 'include' });
        return response.json();
      }),
    );
    expect(got).toHaveLength(1);
    expect(got[0].headers.cookie).toBeUndefined();
    expect(got[0].headers.authorization).toBe('Bearer server-side-token');
    expect(await page.evaluate(() => document.cookie)).not.toContain(BACKEND_COOKIE);
    await page.close();
  });
});

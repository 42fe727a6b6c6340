// Loading from URLs and tracing backends as a user meets it, against a loopback stand-in
// that answers the backends' real API paths with real corpus responses.
import type { Browser, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUrl, launchBrowser, openPage, pageErrors } from './browser.ts';
import {
  JAEGER_SPANS,
  JAEGER_TRACE_ID,
  JAEGER_V1_SPANS,
  JAEGER_V1_TRACE_ID,
  MOUNTS,
  startFakeBackends,
  TEMPO_PARTIAL_MESSAGE,
  TEMPO_SPANS,
  TEMPO_TRACE_ID,
  TEMPO_V1_SPANS,
  TEMPO_V1_TRACE_ID,
  TENANT,
  ZIPKIN_SPANS,
  ZIPKIN_TRACE_ID,
  type FakeBackends,
} from './fake-backends.ts';

let browser: Browser;
let fake: FakeBackends;

beforeAll(async () => {
  [browser, fake] = await Promise.all([launchBrowser(), startFakeBackends()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), fake?.close()]);
});

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

async function loaded(page: Page) {
  const s = page.getByTestId('load-summary');
  await s.waitFor();
  return {
    spans: Number(await s.getAttribute('data-span-count')),
    format: await s.getAttribute('data-format'),
    text: (await s.textContent()) ?? '',
    traceId: await page.getByTestId('trace-summary').getAttribute('data-trace-id'),
  };
}

async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alert').locator('span');
  await alert.first().waitFor();
  return (await alert.first().textContent()) ?? '';
}

async function fetchFromBackend(page: Page, fields: { base: string; traceId: string; type?: string; tenant?: string }) {
  await page.getByRole('button', { name: 'From backend…' }).click();
  await page.getByLabel('Backend address').fill(fields.base);
  await page.getByLabel('Backend type').selectOption(fields.type ?? 'auto');
  await page.getByLabel('Trace ID').fill(fields.traceId);
  if (fields.tenant !== undefined) await page.getByLabel(/Tempo tenant/).fill(fields.tenant);
  await page.getByRole('button', { name: 'Fetch trace' }).click();
}

describe('loading from a URL', () => {
  it('loads ?url= on start (gzip by content) and does not fetch it again when only the view changes', async () => {
    const path = `${MOUNTS.files}/yelp.json.gz`;
    const page = await openPage(browser, q({ url: `${fake.origin}${path}` }));
    expect((await loaded(page)).spans).toBe(ZIPKIN_SPANS);
    const rows = page.getByTestId('span-row');
    await rows.nth(2).click();
    await page.getByRole('tab', { name: 'Statistics' }).click();
    await page.waitForFunction(() => location.search.includes('view=stats'));
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('view=stats'));
    await page.getByTestId('waterfall').waitFor();
    expect(await page.getByTestId('span-row').nth(2).getAttribute('aria-selected')).toBe('true');
    expect(fake.count(path)).toBe(1);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('opens a URL typed in the field, showing download progress in bytes and percent', async () => {
    const page = await openPage(browser, '?demo=0');
    await page.getByRole('button', { name: 'Open URL…' }).click();
    await page.getByLabel('Trace file URL').fill(`${fake.origin}${MOUNTS.files}/slow.json`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const progress = page.getByTestId('download-bytes');
    await expect
      .poll(async () => (await progress.textContent().catch(() => '')) ?? '', { timeout: 5000 })
      .toMatch(/KB of [\d.]+ KB \(\d+%\)/);
    expect(await page.locator('progress').count()).toBe(1);
    expect((await loaded(page)).spans).toBe(JAEGER_SPANS);
    expect(await progress.count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('url')).toBe(`${fake.origin}${MOUNTS.files}/slow.json`);
    await page.close();
  });

  it('says what went wrong: HTTP status with the first line, broken download, not JSON, unknown shape', async () => {
    const cases: [string, RegExp][] = [
      [
        'missing.json',
        /HTTP 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/files\/missing\.json: no such file: \/missing\.json$/,
      ],
      ['broken.json', /HTTP 500 Internal Server Error from .*broken\.json: storage backend unavailable$/],
      ['truncated.json', /broke off after [\d.]+ KB of [\d.]+ KB/],
      ['not-json.json', /not-json\.json: not valid JSON/],
      ['unknown-shape.json', /unknown-shape\.json: Not a known trace format/],
    ];
    for (const [file, message] of cases) {
      const page = await openPage(browser, q({ url: `${fake.origin}${MOUNTS.files}/${file}` }));
      expect(await alertText(page)).toMatch(message);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    }
  });

  it('explains CORS and the proxy when the server does not allow this page', async () => {
    const page = await openPage(browser, q({ url: `${fake.origin}${MOUNTS.filesNoCors}/yelp.json` }));
    const text = await alertText(page);
    expect(text).toContain('CORS');
    expect(text).toContain(`TRACE_PROXY="backend=${fake.origin}"`);
    await page.close();
  });
});

describe('loading from a tracing backend', () => {
  it('detects Jaeger, fetches API v3, says which answered and puts the source in the address', async () => {
    const page = await openPage(browser, '?demo=0');
    await fetchFromBackend(page, {
      base: `${fake.origin}${MOUNTS.jaeger}`,
      traceId: `  ${JAEGER_TRACE_ID.toUpperCase()} `,
    });
    const l = await loaded(page);
    expect(l.spans).toBe(JAEGER_SPANS);
    expect(l.text).toMatch(/fetched from Jaeger API v3 at .*detected as Jaeger/);
    const params = new URL(page.url()).searchParams;
    expect(params.get('backend')).toBe(`${fake.origin}${MOUNTS.jaeger}`);
    expect(params.get('trace')).toBe(JAEGER_TRACE_ID);
    expect(params.get('api')).toBe('jaeger');
    expect(fake.count(`${MOUNTS.jaeger}/api/v3/traces/${JAEGER_TRACE_ID}`)).toBe(1);
    await page.close();
  });

  it("falls back to Jaeger's HTTP JSON API where v3 is not served", async () => {
    const page = await openPage(
      browser,
      q({ backend: `${fake.origin}${MOUNTS.jaegerV1}`, api: 'jaeger', trace: JAEGER_V1_TRACE_ID }),
    );
    const l = await loaded(page);
    expect(l.spans).toBe(JAEGER_V1_SPANS);
    expect(l.format).toBe('jaeger');
    expect(l.text).toContain('Jaeger HTTP JSON API');
    await page.close();
  });

  it("reports Jaeger's own not-found answer", async () => {
    const page = await openPage(
      browser,
      q({ backend: `${fake.origin}${MOUNTS.jaeger}`, api: 'jaeger', trace: 'aaaaaaaaaaaaaaaa' }),
    );
    expect(await alertText(page)).toMatch(
      /Jaeger: HTTP 404 Not Found from .*\/api\/v3\/traces\/aaaaaaaaaaaaaaaa: trace not found/,
    );
    await page.close();
  });

  it('detects Zipkin and loads its span array', async () => {
    const page = await openPage(browser, q({ backend: `${fake.origin}${MOUNTS.zipkin}`, trace: ZIPKIN_TRACE_ID }));
    const l = await loaded(page);
    expect(l.spans).toBe(ZIPKIN_SPANS);
    expect(l.text).toContain('detected as Zipkin');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('api') === 'zipkin');
    await page.close();
  });

  it('loads a Tempo API v2 trace and shows that Tempo called it partial', async () => {
    const page = await openPage(browser, '?demo=0');
    await fetchFromBackend(page, { base: `${fake.origin}${MOUNTS.tempo}`, traceId: TEMPO_TRACE_ID, type: 'tempo' });
    const l = await loaded(page);
    expect(l.spans).toBe(TEMPO_SPANS);
    expect(l.text).toContain(`Tempo reported this trace as partial: ${TEMPO_PARTIAL_MESSAGE}`);
    expect(l.traceId).toBe(TEMPO_TRACE_ID);
    await page.close();
  });

  it('falls back to Tempo API v1 {batches}, with base64 ids', async () => {
    const page = await openPage(
      browser,
      q({ backend: `${fake.origin}${MOUNTS.tempoV1}`, api: 'tempo', trace: TEMPO_V1_TRACE_ID }),
    );
    const l = await loaded(page);
    expect(l.spans).toBe(TEMPO_V1_SPANS);
    expect(l.traceId).toBe(TEMPO_V1_TRACE_ID);
    expect(l.text).toContain('Tempo API v1');
    await page.close();
  });

  it('sends the tenant to multi-tenant Tempo, and remembers the backend fields', async () => {
    const page = await openPage(browser, '?demo=0');
    await fetchFromBackend(page, {
      base: `${fake.origin}${MOUNTS.tempoTenant}`,
      traceId: TEMPO_TRACE_ID,
      type: 'tempo',
      tenant: TENANT,
    });
    expect((await loaded(page)).spans).toBe(TEMPO_SPANS);
    expect(new URL(page.url()).searchParams.get('tenant')).toBe(TENANT);
    await page.goto(appUrl('?demo=0'));
    await page.getByRole('button', { name: 'From backend…' }).click();
    expect(await page.getByLabel('Backend address').inputValue()).toBe(`${fake.origin}${MOUNTS.tempoTenant}`);
    expect(await page.getByLabel('Backend type').inputValue()).toBe('tempo');
    expect(await page.getByLabel(/Tempo tenant/).inputValue()).toBe(TENANT);
    await page.close();
  });

  it('rejects a trace id that is not 16 or 32 hex digits, without fetching', async () => {
    const page = await openPage(browser, '?demo=0');
    const before = fake.requests.length;
    await fetchFromBackend(page, { base: `${fake.origin}${MOUNTS.jaeger}`, traceId: 'abc123' });
    const error = page.locator('#backend-trace-id-error');
    expect(await error.textContent()).toMatch(/16 or 32 hex digits; "abc123" has 6/);
    expect(await page.getByLabel('Trace ID').getAttribute('aria-invalid')).toBe('true');
    expect(fake.requests.length).toBe(before);
    await page.close();
  });

  it('explains CORS when the backend does not allow this origin', async () => {
    const page = await openPage(
      browser,
      q({ backend: `${fake.origin}${MOUNTS.jaegerNoCors}`, api: 'jaeger', trace: JAEGER_TRACE_ID }),
    );
    const text = await alertText(page);
    expect(text).toMatch(/Jaeger: could not read .* \(CORS\)/);
    expect(text).toContain('/proxy/backend');
    await page.close();
  });
});

describe('the built-in proxy (TRACE_PROXY)', () => {
  let server: PreviewServer;
  beforeAll(async () => {
    const saved = process.env.TRACE_PROXY;
    process.env.TRACE_PROXY = `jaeger=${fake.origin}${MOUNTS.jaegerNoCors}`;
    try {
      server = await preview({
        preview: { host: '127.0.0.1', port: 4280, strictPort: false, open: false },
        logLevel: 'warn',
      });
    } finally {
      if (saved === undefined) delete process.env.TRACE_PROXY;
      else process.env.TRACE_PROXY = saved;
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reads a backend without CORS through /proxy/<name>, same-origin', async () => {
    const origin = server.resolvedUrls?.local[0] ?? '';
    const page = await browser.newPage();
    await page.goto(`${origin}?demo=0`);
    const path = `${MOUNTS.jaegerNoCors}/api/v3/traces/${JAEGER_TRACE_ID}`;
    const asked = fake.count(path);
    await fetchFromBackend(page, { base: '/proxy/jaeger', traceId: JAEGER_TRACE_ID, type: 'jaeger' });
    expect((await loaded(page)).spans).toBe(JAEGER_SPANS);
    expect(fake.count(path)).toBe(asked + 1);
    // Only the configured target is reachable: another name reaches no backend.
    const before = fake.requests.length;
    const elsewhere = await page.evaluate(async () => (await fetch('/proxy/other/api/services')).text());
    expect(elsewhere).not.toContain('frontend');
    expect(fake.requests.length).toBe(before);
    await page.close();
  });
});

// Searching Jaeger, Zipkin and Tempo as a user meets it: the search in the address runs at
// once, the requests carry each API's parameter names and units, a click opens a trace and
// Back returns to the results without asking again, and every way a search fails is said.
import type { Browser, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, pageErrors } from './browser.ts';
import {
  JAEGER_BAD_REQUEST,
  JAEGER_SEARCH_IDS,
  JAEGER_SLOWEST_ID,
  JAEGER_V3_TRACE_ID,
  SEARCH_MOUNTS,
  startSearchBackends,
  TEMPO_BAD_QUERY,
  TEMPO_SEARCH_ID,
  TEMPO_SHORT_ID,
  TEMPO_SPANS,
  ZIPKIN_SEARCH_IDS,
  type SearchBackends,
} from './search-backends.ts';

let browser: Browser;
let fake: SearchBackends;

beforeAll(async () => {
  [browser, fake] = await Promise.all([launchBrowser(), startSearchBackends()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), fake?.close()]);
});

const q = (params: Record<string, string>) => `?${new URLSearchParams({ view: 'search', ...params }).toString()}`;
const base = (mount: keyof typeof SEARCH_MOUNTS) => `${fake.origin}${SEARCH_MOUNTS[mount]}`;

async function resultIds(page: Page, count: number): Promise<string[]> {
  const results = page.locator(`[data-testid="search-results"][data-result-count="${count}"]`);
  await results.waitFor();
  return results.locator('[data-trace-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id') ?? ''));
}

async function searchMessage(page: Page, testId: string): Promise<string> {
  const el = page.getByTestId(testId);
  await el.waitFor();
  return (await el.textContent()) ?? '';
}

describe('searching Jaeger', () => {
  it('runs the search in the address with microseconds and Go durations, opens a result without asking again, and Back shows the results', async () => {
    const before = fake.to(`${SEARCH_MOUNTS.jaeger}/api/traces`).length;
    const page = await openPage(
      browser,
      q({
        backend: base('jaeger'),
        api: 'jaeger',
        service: 'checkout',
        operation: 'GET /orders',
        tags: 'http.status_code=500 error=true',
        minDuration: '100ms',
        maxDuration: '1.5s',
        lookback: '1h',
        limit: '20',
      }),
    );
    const ids = await resultIds(page, JAEGER_SEARCH_IDS.length);
    expect(ids.sort()).toEqual(JAEGER_SEARCH_IDS.map((id) => id.toLowerCase()).sort());
    const asked = fake.to(`${SEARCH_MOUNTS.jaeger}/api/traces`);
    expect(asked.length).toBe(before + 1);
    const p = asked[asked.length - 1].params;
    expect(p.get('service')).toBe('checkout');
    expect(p.get('operation')).toBe('GET /orders');
    expect(JSON.parse(p.get('tags') ?? '')).toEqual({ 'http.status_code': '500', error: 'true' });
    expect(p.get('minDuration')).toBe('100ms');
    expect(p.get('maxDuration')).toBe('1.5s');
    expect(p.get('limit')).toBe('20');
    const start = Number(p.get('start'));
    const end = Number(p.get('end'));
    expect(end - start).toBe(3_600_000_000);
    expect(Math.abs(end / 1000 - Date.now())).toBeLessThan(10 * 60_000);
    expect(await page.getByTestId('search-count').textContent()).toMatch(/^4 traces found/);

    await page.locator(`[data-testid="search-results"] [data-trace-id="${JAEGER_SLOWEST_ID}"]`).click();
    await page.locator(`[data-testid="trace-summary"][data-trace-id="${JAEGER_SLOWEST_ID}"]`).waitFor();
    const address = new URL(page.url()).searchParams;
    expect(address.get('trace')).toBe(JAEGER_SLOWEST_ID);
    expect(address.get('backend')).toBe(base('jaeger'));

    await page.goBack();
    await resultIds(page, JAEGER_SEARCH_IDS.length);
    const back = new URL(page.url()).searchParams;
    expect(back.get('view')).toBe('search');
    expect(back.get('service')).toBe('checkout');
    expect(back.get('lookback')).toBe('1h');
    // Neither the search nor the trace was asked for again.
    expect(fake.to(`${SEARCH_MOUNTS.jaeger}/api/traces`).length).toBe(before + 1);
    expect(fake.requests.filter((r) => r.path.includes(`/traces/${JAEGER_SLOWEST_ID}`))).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('keeps an absolute time range in microseconds, and reads tags as Jaeger UI writes them (JSON)', async () => {
    const start = '1700000000000000';
    const end = '1700003600000000';
    const page = await openPage(
      browser,
      q({ backend: base('jaeger'), api: 'jaeger', service: 'checkout', start, end, tags: '{"error":"true"}' }),
    );
    await resultIds(page, JAEGER_SEARCH_IDS.length);
    const asked = fake.to(`${SEARCH_MOUNTS.jaeger}/api/traces`);
    const p = asked[asked.length - 1].params;
    expect(p.get('start')).toBe(start);
    expect(p.get('end')).toBe(end);
    expect(JSON.parse(p.get('tags') ?? '')).toEqual({ error: 'true' });
    expect(await page.getByLabel('Tags').inputValue()).toBe('error=true');
    const address = new URL(page.url()).searchParams;
    expect(address.get('start')).toBe(start);
    expect(address.get('end')).toBe(end);
    expect(address.get('lookback')).toBeNull();

    // Copy link gives the search, which runs again in a fresh page with the same fixed range.
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = page.getByTestId('share-link');
    await link.waitFor();
    const shared = await browser.newPage();
    await shared.goto(await link.inputValue());
    await resultIds(shared, JAEGER_SEARCH_IDS.length);
    const again = fake.to(`${SEARCH_MOUNTS.jaeger}/api/traces`);
    expect(again[again.length - 1].params.get('start')).toBe(start);
    expect(again[again.length - 1].params.get('end')).toBe(end);
    await shared.close();
    await page.close();
  });

  it('offers the services of the backend, and puts a search typed in the form in the address', async () => {
    const page = await openPage(browser, q({ backend: base('jaeger'), api: 'jaeger' }));
    const options = page.locator('#search-services option');
    await expect
      .poll(() => options.evaluateAll((els) => els.map((e) => e.getAttribute('value'))))
      .toEqual(['checkout', 'frontend']);
    await page.getByLabel('Service').fill('checkout');
    await page.getByLabel('Time range').selectOption('15m');
    await page.getByRole('button', { name: 'Find traces' }).click();
    await resultIds(page, JAEGER_SEARCH_IDS.length);
    await expect.poll(() => new URL(page.url()).searchParams.get('service')).toBe('checkout');
    expect(new URL(page.url()).searchParams.get('lookback')).toBe('15m');
    await page.close();
  });

  it('asks API v3 where the old API is not served, and lists its OTLP answer', async () => {
    const page = await openPage(
      browser,
      q({ backend: base('jaegerV3'), api: 'jaeger', service: 'frontend', lookback: '6h' }),
    );
    expect(await resultIds(page, 1)).toEqual([JAEGER_V3_TRACE_ID]);
    expect(fake.to(`${SEARCH_MOUNTS.jaegerV3}/api/traces`).length).toBe(1);
    const [v3] = fake.to(`${SEARCH_MOUNTS.jaegerV3}/api/v3/traces`);
    expect(v3.params.get('query.service_name')).toBe('frontend');
    const min = Date.parse(v3.params.get('query.start_time_min') ?? '');
    const max = Date.parse(v3.params.get('query.start_time_max') ?? '');
    expect(max - min).toBe(6 * 3_600_000);
    await page.locator(`[data-testid="search-results"] [data-trace-id="${JAEGER_V3_TRACE_ID}"]`).click();
    await page.locator(`[data-testid="trace-summary"][data-trace-id="${JAEGER_V3_TRACE_ID}"]`).waitFor();
    await page.close();
  });

  it("shows Jaeger's own message for a 400 and the status and message of a 500", async () => {
    const page = await openPage(browser, q({ backend: base('jaeger'), api: 'jaeger', service: 'bad' }));
    const bad = await searchMessage(page, 'search-error');
    expect(bad).toContain('HTTP 400');
    expect(bad).toContain(JAEGER_BAD_REQUEST);
    await page.goto(page.url().replace('service=bad', 'service=broken'));
    const broken = await searchMessage(page, 'search-error');
    expect(broken).toMatch(/HTTP 500 .*cassandra: no hosts available/);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('says an empty answer with the service and the range', async () => {
    const page = await openPage(
      browser,
      q({ backend: base('jaeger'), api: 'jaeger', service: 'nothing', lookback: '15m' }),
    );
    expect(await searchMessage(page, 'search-empty')).toBe(
      'No traces of nothing in the last 15 minutes; widen the range?',
    );
    expect(await page.getByTestId('search-results').getAttribute('data-result-count')).toBe('0');
    await page.close();
  });

  it('shows progress of a slow answer and cancels it', async () => {
    const page = await openPage(browser, q({ backend: base('jaeger'), api: 'jaeger', service: 'slow' }));
    await page.getByTestId('search-progress').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('search-cancelled').waitFor();
    expect(await page.getByTestId('search-results').count()).toBe(0);
    await page.close();
  });

  it('lists an answer of 1,500 whole traces, parsed in the worker', async () => {
    const page = await openPage(
      browser,
      q({ backend: base('jaeger'), api: 'jaeger', service: 'large', limit: '1500' }),
    );
    const ids = await resultIds(page, 1500);
    expect(new Set(ids).size).toBe(1500);
    // One element per trace carries its id, page-wide: the plot's dots name theirs otherwise.
    expect(await page.locator('[data-trace-id]').count()).toBe(1500);
    expect(await page.locator('[data-dot-trace-id]').count()).toBe(1500);
    expect(await page.getByTestId('search-count').textContent()).toMatch(/1,500 traces found — the limit of 1,500/);
    await page.locator(`[data-testid="search-results"] [data-trace-id="${ids[700]}"]`).click();
    await page.locator(`[data-testid="trace-summary"][data-trace-id="${ids[700]}"]`).waitFor();
    await page.close();
  });
});

describe('searching Zipkin', () => {
  it('sends endTs and lookback in milliseconds and durations in microseconds, and opens a trace from the answer', async () => {
    const start = '1700000000000000';
    const end = '1700000900000000';
    const page = await openPage(
      browser,
      q({
        backend: base('zipkin'),
        api: 'zipkin',
        service: 'mobile_api',
        operation: 'get',
        tags: 'error and http.status_code=500',
        minDuration: '10ms',
        maxDuration: '2s',
        start,
        end,
        limit: '10',
      }),
    );
    const ids = await resultIds(page, ZIPKIN_SEARCH_IDS.length);
    expect(ids.sort()).toEqual([...ZIPKIN_SEARCH_IDS].sort());
    const asked = fake.to(`${SEARCH_MOUNTS.zipkin}/api/v2/traces`);
    const p = asked[asked.length - 1].params;
    expect(p.get('serviceName')).toBe('mobile_api');
    expect(p.get('spanName')).toBe('get');
    expect(p.get('annotationQuery')).toBe('error and http.status_code=500');
    expect(p.get('minDuration')).toBe('10000');
    expect(p.get('maxDuration')).toBe('2000000');
    expect(p.get('endTs')).toBe('1700000900000');
    expect(p.get('lookback')).toBe('900000');
    expect(p.get('limit')).toBe('10');
    const before = fake.requests.length;
    await page.locator(`[data-testid="search-results"] [data-trace-id="${ZIPKIN_SEARCH_IDS[1]}"]`).click();
    await page.locator(`[data-testid="trace-summary"][data-trace-id="${ZIPKIN_SEARCH_IDS[1]}"]`).waitFor();
    expect(fake.requests.slice(before).filter((r) => r.path.includes('/api/v2/trace'))).toEqual([]);
    await page.close();
  });
});

describe('searching Tempo', () => {
  it('sends TraceQL with start and end in seconds, lists summaries, and fetches the trace opened', async () => {
    const traceql = '{ resource.service.name = "productpage.bookinfo" && duration > 10ms }';
    const page = await openPage(
      browser,
      q({
        backend: base('tempo'),
        api: 'tempo',
        q: traceql,
        start: '1647430800000000',
        end: '1647434400500000',
        limit: '30',
      }),
    );
    const ids = await resultIds(page, 2);
    expect(ids).toContain(TEMPO_SEARCH_ID);
    expect(ids).toContain(TEMPO_SHORT_ID);
    const asked = fake.to(`${SEARCH_MOUNTS.tempo}/api/search`);
    const p = asked[asked.length - 1].params;
    expect(p.get('q')).toBe(traceql);
    expect(p.get('start')).toBe('1647430800');
    expect(p.get('end')).toBe('1647434401');
    expect(p.get('limit')).toBe('30');
    expect(await page.getByLabel('TraceQL').inputValue()).toBe(traceql);
    await page.locator(`[data-testid="search-results"] [data-trace-id="${TEMPO_SEARCH_ID}"]`).click();
    const summary = page.locator(`[data-testid="trace-summary"][data-trace-id="${TEMPO_SEARCH_ID}"]`);
    await summary.waitFor();
    expect(fake.to(`${SEARCH_MOUNTS.tempo}/api/v2/traces/${TEMPO_SEARCH_ID}`).length).toBe(1);
    expect(await page.getByTestId('load-summary').getAttribute('data-span-count')).toBe(String(TEMPO_SPANS));
    await page.close();
  });

  it("writes TraceQL from the builder with Tempo's tag values, and shows Tempo's message for a bad query", async () => {
    const page = await openPage(browser, q({ backend: base('tempo'), api: 'tempo', q: '{ oops }' }));
    expect(await searchMessage(page, 'search-error')).toContain(TEMPO_BAD_QUERY);
    await page.getByLabel('Tag', { exact: true }).selectOption('resource.service.name');
    const values = page.locator('#traceql-tag-values option');
    await expect.poll(() => values.count()).toBe(2);
    await page.getByLabel('Tag value').fill('reviews.bookinfo');
    await page.getByLabel('Status').selectOption('error');
    await page.getByRole('button', { name: 'Write TraceQL' }).click();
    expect(await page.getByLabel('TraceQL').inputValue()).toBe(
      '{ status = error && resource.service.name = "reviews.bookinfo" }',
    );
    await page.getByRole('button', { name: 'Find traces' }).click();
    await resultIds(page, 2);
    await page.close();
  });
});

describe('a viewer started with TRACE_PROXY', () => {
  let server: PreviewServer;
  let origin: string;
  beforeAll(async () => {
    const saved = process.env.TRACE_PROXY;
    process.env.TRACE_PROXY = `jaeger=${fake.origin}${SEARCH_MOUNTS.jaeger},zipkin=${fake.origin}${SEARCH_MOUNTS.zipkin}`;
    try {
      server = await preview({
        preview: { host: '127.0.0.1', port: 4380, strictPort: false, open: false },
        logLevel: 'warn',
      });
    } finally {
      if (saved === undefined) delete process.env.TRACE_PROXY;
      else process.env.TRACE_PROXY = saved;
    }
    origin = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('opens the search of the first configured backend, and the backend form lists the configured ones', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.getByTestId('search-page').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('backend')).toBe('/proxy/jaeger');
    // The address names the backend first and its type once the search form has it.
    await expect.poll(() => new URL(page.url()).searchParams.get('api')).toBe('jaeger');
    await expect.poll(() => page.locator('#search-services option').count()).toBe(2);
    await page.getByRole('button', { name: 'From backend…' }).click();
    expect(await page.getByTestId('configured-backends').textContent()).toContain('/proxy/jaeger, /proxy/zipkin');
    await page.close();
  });

  it("opens Jaeger UI's search and trace links as the same search and trace", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/search?service=checkout&lookback=15m&limit=20&minDuration=100ms`);
    await resultIds(page, JAEGER_SEARCH_IDS.length);
    const asked = fake.to(`${SEARCH_MOUNTS.jaeger}/api/traces`);
    const p = asked[asked.length - 1].params;
    expect(p.get('service')).toBe('checkout');
    expect(p.get('minDuration')).toBe('100ms');
    expect(Number(p.get('end')) - Number(p.get('start'))).toBe(15 * 60_000_000);
    const address = new URL(page.url());
    expect(address.pathname).toBe('/');
    expect(address.searchParams.get('view')).toBe('search');

    await page.goto(`${origin}/trace/${JAEGER_SLOWEST_ID}?uiFind=chat`);
    await page.locator(`[data-testid="trace-summary"][data-trace-id="${JAEGER_SLOWEST_ID}"]`).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('search')).toBe('chat');
    await page.close();
  });
});

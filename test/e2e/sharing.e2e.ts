// Sharing as a user meets it: the address follows the view, "Copy link" reproduces it in a
// fresh page, a local file travels inside the link, Back/Forward step through views, and a
// downloaded trace opens again as the same model.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../helpers/corpus.ts';
import { launchBrowser, openPage, pageErrors } from './browser.ts';
import { JAEGER_SPANS, MOUNTS, startFakeBackends, type FakeBackends } from './fake-backends.ts';

let browser: Browser;
let fake: FakeBackends;

beforeAll(async () => {
  [browser, fake] = await Promise.all([launchBrowser(), startFakeBackends()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), fake?.close()]);
});

const FILE_PATH = `${MOUNTS.files}/getTrace.json`;
const fileUrl = () => `${fake.origin}${FILE_PATH}`;

async function summary(page: Page) {
  const s = page.getByTestId('trace-summary');
  await s.waitFor();
  return { traceId: await s.getAttribute('data-trace-id'), spans: Number(await s.getAttribute('data-span-count')) };
}

async function selectedSpanId(page: Page): Promise<string | null> {
  const row = page.locator('[data-testid="span-row"][aria-selected="true"]');
  if ((await row.count()) === 0) return null;
  return row.first().getAttribute('data-span-id');
}

async function axis(page: Page) {
  const a = page.getByTestId('time-axis');
  return { start: Number(await a.getAttribute('data-start-ns')), end: Number(await a.getAttribute('data-end-ns')) };
}

async function copyLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = page.getByTestId('share-link');
  await link.waitFor();
  return link.inputValue();
}

/** Resolves once the address (written after a short delay) satisfies the test. */
async function addressWhere(page: Page, test: (params: URLSearchParams, hash: string) => boolean): Promise<URL> {
  await expect
    .poll(() => {
      const url = new URL(page.url());
      return test(url.searchParams, url.hash);
    })
    .toBe(true);
  return new URL(page.url());
}

describe('links to the exact view', () => {
  it('a copied link reproduces the selected span, zoom and search in a fresh page', async () => {
    const page = await openPage(browser, `?url=${encodeURIComponent(fileUrl())}`);
    expect((await summary(page)).spans).toBe(JAEGER_SPANS);
    const row = page.getByTestId('span-row').nth(6);
    const spanId = await row.getAttribute('data-span-id');
    await row.click();
    await page.getByRole('button', { name: 'Zoom to span' }).click();
    await page.getByTestId('waterfall-search').fill('redis');
    const zoomed = await axis(page);
    expect(zoomed.start).toBeGreaterThan(0);
    await addressWhere(page, (p) => p.get('span') === spanId && p.has('zoom') && p.get('search') === 'redis');

    const link = await copyLink(page);
    const params = new URL(link).searchParams;
    expect(params.get('url')).toBe(fileUrl());
    expect(params.get('span')).toBe(spanId);

    const fresh = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await fresh.goto(link);
    expect((await summary(fresh)).spans).toBe(JAEGER_SPANS);
    await expect.poll(() => selectedSpanId(fresh)).toBe(spanId);
    expect(await fresh.getByTestId('waterfall-search').inputValue()).toBe('redis');
    const restored = await axis(fresh);
    // The address keeps whole nanoseconds.
    expect(Math.abs(restored.start - zoomed.start)).toBeLessThanOrEqual(1);
    expect(Math.abs(restored.end - zoomed.end)).toBeLessThanOrEqual(1);
    // Nothing was ignored: the fresh page writes back the same parameters.
    await fresh.waitForTimeout(400);
    expect([...new URL(fresh.url()).searchParams].sort()).toEqual([...params].sort());
    expect(await fresh.getByTestId('source-notices').count()).toBe(0);
    await fresh.close();
    await page.close();
  });

  it('view=flamegraph survives the round trip through the address and the link', async () => {
    const page = await openPage(browser, `?url=${encodeURIComponent(fileUrl())}&view=flamegraph`);
    await summary(page);
    await page.waitForTimeout(400);
    expect(new URL(page.url()).searchParams.get('view')).toBe('flamegraph');
    const link = await copyLink(page);
    expect(new URL(link).searchParams.get('view')).toBe('flamegraph');
    const fresh = await browser.newPage();
    await fresh.goto(link);
    await summary(fresh);
    await fresh.waitForTimeout(400);
    expect(new URL(fresh.url()).searchParams.get('view')).toBe('flamegraph');
    await fresh.close();
    await page.close();
  });

  it('ignores unknown and stale parameters with dismissible notices, and drops them from the address', async () => {
    const page = await openPage(
      browser,
      `?url=${encodeURIComponent(fileUrl())}&span=ffffffffffffffff&color=blue&zoom=9-3`,
    );
    await summary(page);
    const notices = page.getByTestId('source-notices').getByRole('status');
    await expect.poll(() => notices.count()).toBe(3);
    const text = await page.getByTestId('source-notices').textContent();
    expect(text).toContain('Span ffffffffffffffff is not in this trace');
    expect(text).toContain('Unknown link parameter "color"');
    expect(text).toContain('Zoom "9-3" ignored');
    expect(await selectedSpanId(page)).toBeNull();
    await notices.first().getByRole('button', { name: 'Dismiss notice' }).click();
    expect(await notices.count()).toBe(2);
    const url = await addressWhere(page, (p) => !p.has('color') && !p.has('span') && !p.has('zoom'));
    expect(url.searchParams.get('url')).toBe(fileUrl());
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('Back and Forward step through views and traces without fetching again', async () => {
    const page = await openPage(browser, `?url=${encodeURIComponent(fileUrl())}`);
    await summary(page);
    const fetched = fake.count(FILE_PATH);
    const spanId = await page.getByTestId('span-row').nth(3).getAttribute('data-span-id');
    await page.getByTestId('span-row').nth(3).click();
    await page.getByRole('tab', { name: 'Statistics' }).click();
    await addressWhere(page, (p) => p.get('view') === 'stats' && p.get('span') === spanId);

    // Another trace from the URL field is a new step too.
    await page.getByRole('button', { name: 'Open URL…' }).click();
    await page.getByLabel('Trace file URL').fill(`${fake.origin}${MOUNTS.files}/yelp.json`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(async () => (await summary(page)).spans).toBe(16);

    await page.goBack();
    await expect.poll(async () => (await summary(page)).spans).toBe(JAEGER_SPANS);
    await expect.poll(() => page.getByRole('tab', { name: 'Statistics' }).getAttribute('aria-selected')).toBe('true');
    await page.goBack();
    await expect.poll(() => page.getByRole('tab', { name: 'Waterfall' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => selectedSpanId(page)).toBe(spanId);
    await page.goForward();
    await expect.poll(() => page.getByRole('tab', { name: 'Statistics' }).getAttribute('aria-selected')).toBe('true');
    expect(fake.count(FILE_PATH)).toBe(fetched);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

describe('a local file in a link', () => {
  it("embeds a dropped file's trace in the fragment and opens it again in a fresh page", async () => {
    const page = await openPage(browser, '?demo=0');
    await page.locator('input[type=file]').setInputFiles(corpusPath('zipkin/zipkin__yelp.json'));
    const before = await summary(page);
    const row = page.getByTestId('span-row').nth(4);
    const spanId = await row.getAttribute('data-span-id');
    await row.click();
    await addressWhere(page, (p) => p.get('span') === spanId && p.get('demo') === '0');

    const link = await copyLink(page);
    const url = new URL(link);
    expect(url.hash).toMatch(/^#trace=[A-Za-z0-9_-]+$/);
    expect(url.searchParams.has('demo')).toBe(false);
    expect(await page.getByTestId('share-result').textContent()).toContain('inside the link');

    const requestsBefore = fake.requests.length;
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await fresh.goto(link);
    expect(await summary(fresh)).toEqual(before);
    expect(await fresh.getByTestId('load-summary').textContent()).toContain('shared-trace.json');
    await expect.poll(() => selectedSpanId(fresh)).toBe(spanId);
    // The page keeps the trace in its address, so reloading shows it again.
    await fresh.waitForTimeout(400);
    expect(new URL(fresh.url()).hash).toBe(url.hash);
    await fresh.reload();
    expect(await summary(fresh)).toEqual(before);
    expect(fake.requests.length).toBe(requestsBefore);
    await fresh.close();
    await page.close();
  });

  it('offers a download instead when the trace is too large for a link', async () => {
    const page = await openPage(browser, '?demo=0');
    await page
      .locator('input[type=file]')
      .setInputFiles(corpusPath('zipkin/zipkin__smartthings-mobile-web-install.json'));
    await summary(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const result = page.getByTestId('share-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(
      /too large to carry in a link \([\d.]+ KB compressed; a link carries at most 32\.0 KB\)/,
    );
    const download = page.waitForEvent('download');
    await result.getByRole('button', { name: 'Download instead' }).click();
    expect((await download).suggestedFilename()).toMatch(/^trace-[0-9a-f]+\.otlp\.json$/);
    await page.close();
  });
});

describe('download', () => {
  it('saves the trace as OTLP JSON that opens again as the same trace', async () => {
    const page = await openPage(browser, '?demo=0');
    await page.locator('input[type=file]').setInputFiles(corpusPath('jaeger/jaeger-ui__TraceGraph__testTrace.json'));
    const before = await summary(page);
    const rowsBefore = await page
      .getByTestId('span-row')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-span-id')} ${r.getAttribute('aria-label')}`));
    const header = await page.getByTestId('trace-summary').getAttribute('data-duration-ns');

    const pending = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download' }).click();
    const download = await pending;
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['resourceSpans']);

    await page
      .locator('input[type=file]')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect.poll(async () => page.getByTestId('load-summary').getAttribute('data-format')).toBe('otlp');
    expect(await summary(page)).toEqual(before);
    expect(await page.getByTestId('trace-summary').getAttribute('data-duration-ns')).toBe(header);
    const rowsAfter = await page
      .getByTestId('span-row')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-span-id')} ${r.getAttribute('aria-label')}`));
    expect(rowsAfter).toEqual(rowsBefore);
    await page.close();
  });
});

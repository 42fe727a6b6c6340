// The waterfall as a user meets it in Chromium: select spans by mouse and keyboard, see their
// details, search and step through matches, zoom with the minimap, and scroll a 50,000-span
// trace to its last span.
import { readFileSync } from 'node:fs';
import type { Browser, Page, Worker as PlaywrightWorker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../helpers/corpus.ts';
import { launchBrowser, openPage, pageErrors } from './browser.ts';

const CORPUS_FILE = 'otlp/jaeger-ui__getTrace-response.json';
/** The HotROD trace's root: GET /dispatch, with an http.route attribute and a "Dispatch successful" event. */
const ROOT_ID = 'c8d93156b47cd010';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const row = (page: Page, spanId: string) => page.locator(`[data-testid="span-row"][data-span-id="${spanId}"]`);

async function openCorpusTrace(page: Page): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(corpusPath(CORPUS_FILE));
  await row(page, ROOT_ID).waitFor();
}

async function selectedIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="span-row"][aria-selected="true"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-span-id') ?? ''));
}

async function axisRange(page: Page): Promise<[number, number]> {
  const axis = page.getByTestId('time-axis');
  return [Number(await axis.getAttribute('data-start-ns')), Number(await axis.getAttribute('data-end-ns'))];
}

/**
 * OTLP JSON for one trace of `count` spans: a root, 100 groups under it and the rest as leaves
 * spread over the groups. Returns the id of the last span in tree order (the last leaf of the
 * last group), which is the last row of the fully expanded waterfall.
 */
function bigOtlpTrace(count: number): { text: string; lastId: string } {
  const groups = 100;
  const leaves = count - 1 - groups;
  const base = 1_700_000_000_000_000_000n;
  const id = (n: number) => n.toString(16).padStart(16, '0');
  const span = (n: number, parent: number | null, startNs: number, durNs: number, name: string) => ({
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: id(n),
    ...(parent === null ? {} : { parentSpanId: id(parent) }),
    name,
    kind: 1,
    startTimeUnixNano: String(base + BigInt(startNs)),
    endTimeUnixNano: String(base + BigInt(startNs + durNs)),
  });
  const spans = [span(1, null, 0, groups * 10_000, 'root')];
  for (let g = 0; g < groups; g++) spans.push(span(2 + g, 1, g * 10_000, 9_000, `group ${g}`));
  const perGroup = Math.ceil(leaves / groups);
  let lastId = '';
  for (let k = 0; k < leaves; k++) {
    const g = Math.floor(k / perGroup);
    const n = 2 + groups + k;
    spans.push(span(n, 2 + g, g * 10_000 + 1 + (k % perGroup), 10, `leaf ${k}`));
    lastId = id(n);
  }
  const doc = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bulk' } }] },
        scopeSpans: [{ scope: { name: 'e2e' }, spans }],
      },
    ],
  };
  return { text: JSON.stringify(doc), lastId };
}

describe('waterfall', () => {
  it('selects a span by clicking and shows its attributes and events', async () => {
    const page = await openPage(browser, '?demo=0');
    await openCorpusTrace(page);
    expect(await page.getByTestId('waterfall-rows').getAttribute('data-row-count')).toBe('40');
    await row(page, ROOT_ID).click();
    expect(await selectedIds(page)).toEqual([ROOT_ID]);
    const detail = page.getByTestId('span-detail');
    await detail.waitFor();
    const text = await detail.textContent();
    expect(text).toContain('http.route');
    expect(text).toContain('Dispatch successful');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('moves the selection with the keyboard', async () => {
    const page = await openPage(browser, '?demo=0');
    await openCorpusTrace(page);
    const ids = await page
      .getByTestId('span-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-span-id') ?? ''));
    await page.getByRole('tree', { name: 'Spans' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await selectedIds(page)).toEqual([ids[0]]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await selectedIds(page)).toEqual([ids[2]]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    expect(await selectedIds(page)).toEqual([ids[1]]);
    await page.getByTestId('span-detail').waitFor();
    // Left collapses the selected span (this one has a child), then goes to its parent, the
    // root; left again collapses the root.
    expect(await row(page, ids[1]).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await row(page, ids[1]).getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowLeft');
    expect(await selectedIds(page)).toEqual([ids[0]]);
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByTestId('span-row').count()).toBe(1);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('searches and steps through the matches', async () => {
    const page = await openPage(browser, '?demo=0');
    await openCorpusTrace(page);
    const search = page.getByRole('searchbox', { name: 'Search spans' });
    await page.keyboard.press('/');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('GetDriver');
    const count = page.getByTestId('match-count');
    await expect.poll(() => count.textContent()).toMatch(/^\d+ matches$/);
    const total = Number((await count.textContent())?.split(' ')[0]);
    expect(total).toBeGreaterThan(2);
    expect(await page.locator('[data-testid="span-row"][data-match="true"]').count()).toBe(total);
    await page.keyboard.press('Enter');
    expect(await count.textContent()).toBe(`1 of ${total}`);
    await page.getByRole('button', { name: 'Next match' }).click();
    expect(await count.textContent()).toBe(`2 of ${total}`);
    // n works once the focus is out of the search box.
    await page.getByRole('tree', { name: 'Spans' }).focus();
    await page.keyboard.press('n');
    expect(await count.textContent()).toBe(`3 of ${total}`);
    await page.keyboard.press('Shift+N');
    expect(await count.textContent()).toBe(`2 of ${total}`);
    const selected = page.locator('[data-testid="span-row"][aria-selected="true"]');
    expect(await selected.getAttribute('data-match')).toBe('true');
    expect(await selected.textContent()).toContain('GetDriver');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('finds spans by an attribute written as key=value', async () => {
    const page = await openPage(browser, '?demo=0');
    await openCorpusTrace(page);
    // Counted from the file itself: spans whose attributes say server.port is 8083.
    const doc = JSON.parse(readFileSync(corpusPath(CORPUS_FILE), 'utf8')) as {
      result: {
        resourceSpans: {
          scopeSpans: { spans: { attributes?: { key: string; value: { intValue?: string } }[] }[] }[];
        }[];
      };
    };
    const spans = doc.result.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const expected = spans.filter((s) =>
      s.attributes?.some((a) => a.key === 'server.port' && a.value.intValue === '8083'),
    ).length;
    expect(expected).toBeGreaterThan(2);
    await page.getByRole('searchbox', { name: 'Search spans' }).fill('server.port=8083');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe(`${expected} matches`);
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('span-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('server.port');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('zooms to the range dragged on the minimap and resets', async () => {
    const page = await openPage(browser, '?demo=0');
    await openCorpusTrace(page);
    const [start0, end0] = await axisRange(page);
    expect(start0).toBe(0);
    const box = await page.getByTestId('minimap').boundingBox();
    if (!box) throw new Error('minimap not laid out');
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const [start1, end1] = await axisRange(page);
    expect(start1 / end0).toBeCloseTo(0.2, 1);
    expect(end1 / end0).toBeCloseTo(0.5, 1);
    await page.getByTestId('reset-zoom').click();
    expect(await axisRange(page)).toEqual([start0, end0]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('scrolls a 50,000-span trace to its last span after expanding all', async () => {
    const page = await openPage(browser, '?demo=0');
    const { text, lastId } = bigOtlpTrace(50_000);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const list = page.getByTestId('waterfall-rows');
    await list.waitFor({ timeout: 60_000 });
    // It opens with the groups collapsed: a readable first screen.
    expect(Number(await list.getAttribute('data-row-count'))).toBeLessThanOrEqual(500);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect.poll(() => list.getAttribute('data-row-count')).toBe('50000');
    // Only what is on screen is in the DOM.
    expect(await page.getByTestId('span-row').count()).toBeLessThan(150);
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await row(page, lastId).waitFor();
    expect(await row(page, lastId).isVisible()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('searches a 50,000-span trace with the text a fresh worker built, and ends the workers that read and indexed it', async () => {
    const page = await openPage(browser, '?demo=0');
    await page.getByTestId('drop-zone').waitFor();
    // The worker the page starts ahead of the first file, and every worker from then on.
    await expect.poll(() => page.workers().length).toBeGreaterThan(0);
    const before = page.workers();
    const closed = new Set<PlaywrightWorker>();
    const watch = (worker: PlaywrightWorker) => worker.on('close', () => closed.add(worker));
    for (const worker of before) watch(worker);
    page.on('worker', watch);
    const { text } = bigOtlpTrace(50_000);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByTestId('waterfall-rows').waitFor({ timeout: 60_000 });
    // The reader hands its columns to a fresh worker and ends; that one ends once the text is
    // sent; one warm worker is left for the next file.
    await expect
      .poll(() => before.every((w) => closed.has(w)) && closed.size >= 2 && page.workers().length === 1, {
        timeout: 60_000,
      })
      .toBe(true);
    await page.getByRole('searchbox', { name: 'Search spans' }).fill('leaf 4999');
    // Both words must be in some field of a span: its name, service or id.
    type Doc = { resourceSpans: { scopeSpans: { spans: { name: string; spanId: string }[] }[] }[] };
    const { spans } = (JSON.parse(text) as Doc).resourceSpans[0].scopeSpans[0];
    const expected = spans.filter((s) => s.name.includes('leaf') && `${s.name} ${s.spanId}`.includes('4999')).length;
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe(`${expected} matches`);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('follows a span link into another trace of the file, to the linked span in its collapsed subtree', async () => {
    const { text, lastId } = bigOtlpTrace(3_000);
    const doc = JSON.parse(text) as { resourceSpans: unknown[] };
    const consumerTrace = '0123456789abcdef0123456789abcdef';
    doc.resourceSpans.push({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'consumer' } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: consumerTrace,
              spanId: 'c0c0c0c0c0c0c0c0',
              name: 'process batch',
              kind: 5,
              startTimeUnixNano: '1700000000002000000',
              endTimeUnixNano: '1700000000003000000',
              links: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: lastId }],
            },
          ],
        },
      ],
    });
    const page = await openPage(browser, '?demo=0');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'linked.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await page.locator(`[data-testid="trace-picker"] tr[data-trace-id="${consumerTrace}"] button`).click();
    await row(page, 'c0c0c0c0c0c0c0c0').click();
    const link = page.getByTestId('span-links').locator(`[data-link-span-id="${lastId}"]`);
    expect(await link.textContent()).toContain('in another loaded trace');
    // The big trace opens collapsed: its last leaf is not a row until the link is followed.
    await link.getByRole('button').click();
    await expect
      .poll(() => page.getByTestId('trace-summary').getAttribute('data-trace-id'))
      .toBe('5b8efff798038103d269b633813fc60c');
    await expect.poll(() => selectedIds(page)).toEqual([lastId]);
    expect(await row(page, lastId).isVisible()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

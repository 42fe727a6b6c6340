// The first screen a user sees: the trace above the fold, the bottleneck named, one color per service.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../helpers/corpus.ts';
import { launchBrowser, openPage, pageErrors } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const HOTROD = 'otlp/jaeger-ui__getTrace-response.json';

async function openCorpusFile(file: string, width?: number, height?: number): Promise<Page> {
  const page = await openPage(browser, '?demo=0', width, height);
  await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(corpusPath(file));
  await page.getByTestId('trace-summary').waitFor();
  await page.getByTestId('span-row').first().waitFor();
  return page;
}

async function legend(page: Page): Promise<Map<string, string>> {
  const entries = page.getByTestId('service-legend').locator('[data-service]');
  const out = new Map<string, string>();
  for (const entry of await entries.all()) {
    out.set((await entry.getAttribute('data-service'))!, (await entry.getAttribute('data-color'))!);
  }
  return out;
}

/** Rows wholly inside the window: what a user sees without scrolling anything. */
function rowsInView(page: Page): Promise<number> {
  return page.getByTestId('span-row').evaluateAll(
    (rows) =>
      rows.filter((r) => {
        const box = r.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }).length,
  );
}

async function openDemo(width: number, height: number): Promise<Page> {
  const page = await openPage(browser, '', width, height);
  await page.getByTestId('span-row').first().waitFor();
  return page;
}

describe('first screen', () => {
  it('shows at least 18 rows of the demo trace at 1440×900, with the summary folded to its bottleneck line', async () => {
    const page = await openDemo(1440, 900);
    expect(Number(await page.getByTestId('trace-summary').getAttribute('data-span-count'))).toBeGreaterThan(18);
    expect(await rowsInView(page)).toBeGreaterThanOrEqual(18);
    expect(await page.getByTestId('bottleneck').isVisible()).toBe(true);
    expect(await page.getByTestId('time-panel-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('shows at least 12 rows at 1024×700, also with a span selected', async () => {
    const page = await openDemo(1024, 700);
    expect(await rowsInView(page)).toBeGreaterThanOrEqual(12);
    await page.getByTestId('span-row').nth(1).click();
    await page.getByTestId('span-detail').waitFor();
    expect(await rowsInView(page)).toBeGreaterThanOrEqual(12);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("gives each of HotROD's services its own color, the same in the legend and on every row, on every load", async () => {
    const page = await openCorpusFile(HOTROD);
    const colors = await legend(page);
    expect(colors.size).toBe(Number(await page.getByTestId('trace-summary').getAttribute('data-service-count')));
    expect(new Set(colors.values()).size).toBe(colors.size);
    const rows = await page
      .getByTestId('span-row')
      .evaluateAll((els) =>
        els.map((r) => [r.getAttribute('data-service'), r.querySelector('.wf-swatch')?.getAttribute('data-color')]),
      );
    expect(rows.length).toBeGreaterThan(0);
    for (const [service, color] of rows) expect(color).toBe(colors.get(service!));
    await page.reload();
    await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(corpusPath(HOTROD));
    await page.getByTestId('service-legend').waitFor();
    expect(await legend(page)).toEqual(colors);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

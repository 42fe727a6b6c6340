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
const MULTI = 'otlp/otel-tui__test_data.json';

async function openCorpusFile(file: string, width?: number, height?: number): Promise<Page> {
  const page = await openPage(browser, '?demo=0', width, height);
  await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(corpusPath(file));
  await page.getByTestId('trace-summary').waitFor();
  await page.getByTestId('span-row').first().waitFor();
  return page;
}

/** An OTLP file of a dispatch whose child's clock runs 32 ms behind. */
function skewedFile(): { name: string; mimeType: string; buffer: Buffer } {
  const base = 1_700_000_000_000_000_000n;
  const ms = 1_000_000n;
  const span = (spanId: string, name: string, start: bigint, end: bigint, parentSpanId?: string) => ({
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId,
    ...(parentSpanId && { parentSpanId }),
    name,
    kind: 2,
    startTimeUnixNano: String(base + start * ms),
    endTimeUnixNano: String(base + end * ms),
  });
  const resource = (service: string, spans: unknown[]) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
    scopeSpans: [{ scope: { name: 't' }, spans }],
  });
  const otlp = {
    resourceSpans: [
      resource('frontend', [span('00000000000000a1', 'GET /dispatch', 40n, 140n)]),
      resource('driver', [span('00000000000000b2', 'FindNearest', 8n, 60n, '00000000000000a1')]),
    ],
  };
  return { name: 'skew.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(otlp)) };
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

  it('keeps slow marks to the spans that stand out, and draws the critical path in a color no error has', async () => {
    // Tall enough that every row of the demo is rendered (the list renders only what is on screen).
    const page = await openDemo(1440, 2400);
    await page.getByRole('button', { name: 'Expand all' }).click();
    const spans = Number(await page.getByTestId('trace-summary').getAttribute('data-span-count'));
    await expect.poll(() => page.getByTestId('span-row').count()).toBe(spans);
    const slow = await page.getByTestId('slow-mark').count();
    expect(slow).toBeGreaterThan(0);
    // The ten slowest used to be marked, whatever their share.
    expect(slow).toBeLessThan(10);
    // The dashed mark covers self time only: never wider than the bar it sits on.
    for (const row of await page.locator('[data-testid="span-row"]:has([data-testid="slow-mark"])').all()) {
      const bar = await row.getByTestId('span-bar').boundingBox();
      for (const part of await row.getByTestId('slow-self').all()) {
        const box = (await part.boundingBox())!;
        expect(box.width).toBeLessThanOrEqual(bar!.width + 1);
      }
    }
    const colors = await page.evaluate(() => {
      const probe = (cls: string) => {
        const el = document.querySelector(cls);
        return el ? getComputedStyle(el).backgroundColor : null;
      };
      const errorMark = document.querySelector('[data-testid="error-mark"]');
      return { critical: probe('.wf-critical'), error: errorMark ? getComputedStyle(errorMark).backgroundColor : null };
    });
    expect(colors.critical).not.toBeNull();
    expect(colors.error).not.toBeNull();
    expect(colors.critical).not.toBe(colors.error);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("fits HotROD's span names in the name column, naming the service only where it changes", async () => {
    const page = await openCorpusFile(HOTROD, 1440, 900);
    await page.getByRole('button', { name: 'Expand all' }).click();
    const rows = await page.getByTestId('span-row').evaluateAll((els) =>
      els.map((r) => {
        const op = r.querySelector<HTMLElement>('.wf-op')!;
        const service = r.querySelector<HTMLElement>('.wf-service')!;
        return {
          truncated: op.scrollWidth > op.clientWidth + 1,
          serviceShown: service.getBoundingClientRect().width > 1,
          depth: Number(r.getAttribute('data-depth')),
        };
      }),
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.truncated)).toEqual([]);
    // The root names its service; some deeper rows of the same service do not repeat it.
    expect(rows[0].serviceShown).toBe(true);
    expect(rows.some((r) => !r.serviceShown)).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('opens a file of many traces on its list and plot; a click anywhere on a row shows that trace on screen', async () => {
    const page = await openPage(browser, '?demo=0', 1440, 900);
    await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(corpusPath(MULTI));
    const picker = page.getByTestId('trace-picker');
    await picker.waitFor();
    expect(await picker.isVisible()).toBe(true);
    expect(await page.getByTestId('trace-scatter').isVisible()).toBe(true);
    const rows = picker.locator('tbody tr');
    const target = rows.nth(5);
    const traceId = await target.getAttribute('data-trace-id');
    // The trace id column, not the root's button.
    await target.locator('code').click();
    const summary = page.getByTestId('trace-summary');
    await expect.poll(() => summary.getAttribute('data-trace-id')).toBe(traceId);
    // The list folds, and the trace is on the screen, not below the list.
    expect(await picker.isVisible()).toBe(false);
    const box = (await summary.boundingBox())!;
    expect(box.y).toBeLessThan(900 / 2);
    await page.getByTestId('span-row').first().waitFor();
    expect(await page.getByTestId('span-row').first().isVisible()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('a statistics row shows its spans in a timeline zoomed to them, not in a zoom left from the flamegraph', async () => {
    // The demo, opened in the flamegraph zoomed to its first microsecond.
    const page = await openPage(browser, '?view=flamegraph&zoom=0-1000', 1440, 900);
    await page.getByTestId('trace-summary').waitFor();
    await page.getByRole('tab', { name: 'Statistics' }).click();
    const table = page.getByTestId('statistics');
    await table.waitFor();
    const label = await table.locator('tbody tr').first().getAttribute('data-label');
    await table.locator('tbody tr').first().locator('td').first().click();
    await page.getByTestId('span-row').first().waitFor();
    // Every row the filter keeps for itself has its bar in the window shown.
    const onScreen = await page
      .locator(`[data-testid="span-row"]:has(.wf-service:text-is("${label}"))`)
      .evaluateAll((rows) =>
        rows.map((r) => {
          const bar = r.querySelector('[data-testid="span-bar"]');
          return bar !== null && bar.getBoundingClientRect().width > 0;
        }),
      );
    expect(onScreen.length).toBeGreaterThan(0);
    expect(onScreen.every(Boolean)).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('the flamegraph has the same search box and / and ? shortcuts, and its search carries to the waterfall', async () => {
    const page = await openPage(browser, '?view=flamegraph', 1024, 700);
    await page.getByTestId('trace-summary').waitFor();
    const box = page.getByRole('searchbox', { name: 'Search spans' });
    await box.waitFor();
    await page.keyboard.press('/');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('decode');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toMatch(/match/);
    await page.keyboard.press('Enter');
    await box.evaluate((el) => (el as HTMLInputElement).blur());
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Waterfall' }).click();
    expect(await page.getByTestId('waterfall-search').inputValue()).toBe('decode');
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
    // The minimap draws each band in its service's color too.
    const hex = [...new Set(colors.values())];
    const minimapColors = await page.locator('.wf-minimap__canvas').evaluate((canvas, legend) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const wanted = legend.map((h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16)));
      const seen = new Set<number>();
      for (let o = 0; o < data.length; o += 4) {
        if (data[o + 3] === 0) continue;
        wanted.forEach((rgb, k) => {
          if (rgb.every((v, j) => Math.abs(v - data[o + j]) <= 4)) seen.add(k);
        });
      }
      return seen.size;
    }, hex);
    expect(minimapColors).toBeGreaterThanOrEqual(3);
    await page.reload();
    await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(corpusPath(HOTROD));
    await page.getByTestId('service-legend').waitFor();
    expect(await legend(page)).toEqual(colors);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('marks a span whose clock runs before its parent on its row and in its detail, with the amount in words', async () => {
    const page = await openPage(browser, '?demo=0', 1024, 700);
    await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(skewedFile());
    const row = page.locator('[data-testid="span-row"][data-span-id="00000000000000b2"]');
    await row.waitFor();
    const mark = row.getByRole('img', { name: 'Clock skew: starts 32 ms before GET /dispatch' });
    expect(await mark.isVisible()).toBe(true);
    expect(await mark.getAttribute('data-clock-skew')).toBe('starts 32 ms before GET /dispatch');
    await row.click();
    expect(await page.getByTestId('detail-clock-skew').textContent()).toBe('starts 32 ms before GET /dispatch');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("lists a span's attributes one line each, key | value, with Copy on hover and on keyboard focus", async () => {
    const page = await openDemo(1024, 700);
    await page.getByTestId('span-row').nth(1).click();
    const row = page.getByTestId('span-attributes').locator('.attr-row').first();
    await row.waitFor();
    const layout = await row.evaluate((r) => {
      const key = r.querySelector('dt')!.getBoundingClientRect();
      const value = r.querySelector('dd')!.getBoundingClientRect();
      return { sameLine: Math.abs(key.top - value.top) < 4, valueRightOfKey: value.left >= key.right };
    });
    expect(layout).toEqual({ sameLine: true, valueRightOfKey: true });
    const copy = row.locator('dd .copy-button');
    const opacity = () => copy.evaluate((b) => Number(getComputedStyle(b).opacity));
    await page.mouse.move(0, 0);
    expect(await opacity()).toBe(0);
    await row.hover();
    await expect.poll(opacity).toBe(1);
    await page.mouse.move(0, 0);
    await expect.poll(opacity).toBe(0);
    // From the key (a button that copies it), Tab reaches the value's Copy, which shows with its focus ring.
    await row.getByRole('button', { name: /^Copy key/ }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => copy.evaluate((b) => b === document.activeElement)).toBe(true);
    await expect.poll(opacity).toBe(1);
    expect(await copy.evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe('none');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("shows the flamegraph's tooltip on a waterfall bar, beside the pointer and inside the window", async () => {
    const page = await openDemo(1024, 700);
    const bars = page.getByTestId('span-bar');
    // The root's bar runs to the right edge: the tooltip must turn back into the window.
    for (const [k, where] of [
      [0, 0.98],
      [3, 0.5],
    ] as const) {
      const box = (await bars.nth(k).boundingBox())!;
      const x = box.x + box.width * where;
      const y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      const tip = page.getByTestId('bar-tooltip');
      await tip.waitFor();
      expect(await tip.textContent()).toMatch(/Duration.*Self time.*Share of trace.*Starts at/);
      const t = (await tip.boundingBox())!;
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.y).toBeGreaterThanOrEqual(0);
      expect(t.x + t.width).toBeLessThanOrEqual(1024);
      expect(t.y + t.height).toBeLessThanOrEqual(700);
      // Near the pointer: its nearest corner within a few dozen pixels.
      const dx = Math.min(Math.abs(t.x - x), Math.abs(t.x + t.width - x));
      expect(dx).toBeLessThan(40);
    }
    expect(await bars.first().getAttribute('title')).toBeNull();
    await page.mouse.move(2, 2);
    await expect.poll(() => page.getByTestId('bar-tooltip').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("the flamegraph has the waterfall's filters on the same state; it dims what they leave out", async () => {
    const page = await openPage(browser, '?view=flamegraph', 1024, 700);
    const flame = page.getByTestId('flamegraph');
    await flame.waitFor();
    const canvasPixels = () =>
      flame
        .locator('canvas')
        .first()
        .evaluate((canvas) => {
          const c = canvas as HTMLCanvasElement;
          return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).join(',');
        });
    const before = await canvasPixels();
    const rowsBefore = await flame.getAttribute('data-row-count');
    await page.getByRole('checkbox', { name: 'Critical path only' }).check();
    await expect.poll(() => page.getByTestId('flame-filtered').textContent()).toMatch(/pass the filters/);
    // Same layout, other colors: the boxes left out are drawn dimmed.
    await expect.poll(canvasPixels).not.toBe(before);
    expect(await flame.getAttribute('data-row-count')).toBe(rowsBefore);
    // The toolbar fits at 1024 px: filters, the shortcuts button and the whole legend are on screen.
    for (const el of [
      page.getByRole('checkbox', { name: 'Errors only' }),
      page.getByRole('button', { name: 'Keyboard shortcuts' }),
      page.locator('.flame-legend li').last(),
    ]) {
      const box = (await el.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1024);
    }
    // With a span selected the detail pane takes its share, and the help line is still whole.
    await flame.click({ position: { x: 100, y: 40 } });
    await page.getByTestId('span-detail').waitFor();
    const hint = page.getByTestId('flame-hint');
    expect(await hint.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.getByRole('tab', { name: 'Waterfall' }).click();
    await page.getByTestId('span-row').first().waitFor();
    expect(await page.getByRole('checkbox', { name: 'Critical path only' }).isChecked()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('leaves the timeline a good share of the waterfall when the detail pane opens at 1024 px', async () => {
    const page = await openDemo(1024, 700);
    await page.getByTestId('span-row').nth(1).click();
    await page.getByTestId('span-detail').waitFor();
    const timelineShare = () =>
      page.evaluate(() => {
        const time = document.querySelector('.wf-head--axis .wf-head__time')!.getBoundingClientRect().width;
        const all = document.querySelector('[data-testid="waterfall"]')!.getBoundingClientRect().width;
        return time / all;
      });
    await expect.poll(timelineShare).toBeGreaterThanOrEqual(0.35);
    // A width the user drags to is theirs: the name column follows the handle past that share.
    const handle = page.getByTestId('name-resizer');
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    for (let k = 0; k < 4; k++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBe(before + 4 * 64);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

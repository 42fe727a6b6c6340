// The flamegraph as a user meets it: open a trace, switch to the flamegraph, click a span found
// by its place in the layout, zoom and reset, move with the keyboard, keep the selection when
// going back to the waterfall, and use the aggregated mode to filter the waterfall.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutTimeFlame } from '../../src/view-model/flame-layout.ts';
import { loadTraceText } from '../../src/formats/load.ts';
import type { Trace } from '../../src/model/trace.ts';
import { AXIS_HEIGHT, FLAME_ROW_HEIGHT } from '../../src/ui/flamegraph/constants.ts';
import { corpusPath, readCorpusText } from '../helpers/corpus.ts';
import { launchBrowser, openPage, pageErrors } from './browser.ts';

const FILE = 'otlp/jaeger-ui__getTrace-response.json';

let browser: Browser;
let trace: Trace;

beforeAll(async () => {
  browser = await launchBrowser();
  const outcome = loadTraceText(FILE, readCorpusText(FILE));
  if (!outcome.ok) throw new Error(outcome.error.message);
  trace = outcome.file.traces[0];
});

afterAll(async () => {
  await browser?.close();
});

const surface = (page: Page) => page.getByTestId('flamegraph');

async function openFlamegraph(): Promise<Page> {
  const page = await openPage(browser, '?demo=0');
  await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(corpusPath(FILE));
  await page.getByTestId('trace-summary').waitFor();
  await page.locator('[role=tab][data-view=flamegraph]').click();
  await surface(page).waitFor();
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=flamegraph]')?.getAttribute('data-frames')) > 0,
  );
  return page;
}

/** A span that is wide enough to click at full zoom, with its page coordinates. */
async function spanPoint(page: Page, name: string): Promise<{ index: number; x: number; y: number }> {
  const boxes = layoutTimeFlame(trace);
  const index = trace.spans.findIndex(
    (s) => s.name === name && boxes.end[s.index] - boxes.start[s.index] > boxes.extent / 20,
  );
  if (index === -1) throw new Error(`no wide span named ${name}`);
  const canvas = (await surface(page).locator('canvas').boundingBox())!;
  const [start, end] = [
    Number(await surface(page).getAttribute('data-range-start')),
    Number(await surface(page).getAttribute('data-range-end')),
  ];
  const mid = (boxes.start[index] + boxes.end[index]) / 2;
  return {
    index,
    x: canvas.x + ((mid - start) / (end - start)) * canvas.width,
    y: canvas.y + AXIS_HEIGHT + boxes.row[index] * FLAME_ROW_HEIGHT + FLAME_ROW_HEIGHT / 2,
  };
}

async function range(page: Page): Promise<{ start: number; end: number }> {
  return {
    start: Number(await surface(page).getAttribute('data-range-start')),
    end: Number(await surface(page).getAttribute('data-range-end')),
  };
}

describe('flamegraph', () => {
  it('draws the trace: the canvas holds many distinct colors', async () => {
    const page = await openFlamegraph();
    const colors = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=flamegraph] canvas')!;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const seen = new Set<number>();
      // Sample a grid; quantize so antialiased edges do not count as colors of their own.
      for (let y = 0; y < canvas.height; y += 3) {
        for (let x = 0; x < canvas.width; x += 3) {
          const o = (y * canvas.width + x) * 4;
          seen.add(((data[o] >> 4) << 8) | ((data[o + 1] >> 4) << 4) | (data[o + 2] >> 4));
        }
      }
      return seen.size;
    });
    // Background, axis, and the six services' colors at least.
    expect(colors).toBeGreaterThanOrEqual(8);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('selects a clicked span, zooms and resets, and keeps the selection in the waterfall', async () => {
    const page = await openFlamegraph();
    const full = await range(page);
    expect(full.start).toBe(0);

    const target = await spanPoint(page, 'GET /customer');
    const span = trace.spans[target.index];
    await page.mouse.move(target.x, target.y);
    await expect.poll(() => surface(page).getAttribute('data-selected-span-id')).toBe(span.spanId);
    expect(await page.getByRole('tooltip').textContent()).toContain('Self time');
    await page.mouse.click(target.x, target.y);
    await expect.poll(() => page.getByTestId('span-detail').getAttribute('data-span-id')).toBe(span.spanId);
    expect(await page.getByTestId('span-detail').textContent()).toContain('GET /customer');

    // Wheel zoom around the span keeps it under the pointer (the detail pane has narrowed the canvas).
    const before = await spanPoint(page, 'GET /customer');
    await page.mouse.move(before.x, before.y);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await range(page)).end).toBeLessThan(full.end);
    const after = await spanPoint(page, 'GET /customer');
    expect(Math.abs(after.x - before.x)).toBeLessThan(30);

    await surface(page).focus();
    await page.keyboard.press('0');
    await expect.poll(() => range(page)).toEqual(full);

    // Double-click zooms to the span.
    const again = await spanPoint(page, 'GET /customer');
    await page.mouse.dblclick(again.x, again.y);
    await expect.poll(async () => (await range(page)).end).toBeLessThan(full.end);
    const fitted = await range(page);
    expect(fitted.start).toBeLessThanOrEqual(span.startNs);
    expect(fitted.end).toBeGreaterThanOrEqual(span.startNs + span.durationNs);
    expect(fitted.end - fitted.start).toBeLessThan(span.durationNs * 1.2);

    // Up goes to the parent, and the detail pane follows.
    const parent = trace.spans[trace.tree.parent[target.index]];
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => surface(page).getAttribute('data-selected-span-id')).toBe(parent.spanId);
    await expect.poll(() => page.getByTestId('span-detail').getAttribute('data-span-id')).toBe(parent.spanId);
    expect(await page.getByTestId('flamegraph-live').textContent()).toContain(parent.name);

    await page.locator('[role=tab][data-view=waterfall]').click();
    await expect.poll(() => page.locator(`[data-span-id="${parent.spanId}"][aria-selected="true"]`).count()).toBe(1);
    // And back: the flamegraph still shows the selection.
    await page.locator('[role=tab][data-view=flamegraph]').click();
    await expect.poll(() => surface(page).getAttribute('data-selected-span-id')).toBe(parent.spanId);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('merges spans in the aggregated mode; clicking a box filters the waterfall to them', async () => {
    const page = await openFlamegraph();
    await page.getByRole('button', { name: 'Aggregated' }).click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=flamegraph]')?.getAttribute('data-frames')) > 0,
    );
    // 40 spans merge into fewer boxes, but the root is still one box across row 0.
    const canvas = (await surface(page).locator('canvas').boundingBox())!;
    const root = { x: canvas.x + canvas.width * 0.3, y: canvas.y + AXIS_HEIGHT + FLAME_ROW_HEIGHT / 2 };
    await page.mouse.move(root.x, root.y);
    const tip = await page.getByRole('tooltip').textContent();
    expect(tip).toContain('Count');
    expect(tip).toContain('Self total');
    await page.mouse.click(root.x, root.y);
    await expect.poll(() => page.locator('[role=tab][data-view=waterfall]').getAttribute('aria-selected')).toBe('true');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('opens directly with ?view=flamegraph', async () => {
    const page = await openPage(browser, '?view=flamegraph');
    await surface(page).waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=flamegraph]')?.getAttribute('data-frames')) > 0,
    );
    expect(await page.locator('[role=tab][data-view=flamegraph]').getAttribute('aria-selected')).toBe('true');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

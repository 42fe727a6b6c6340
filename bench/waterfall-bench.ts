// Waterfall speed in headless Chromium, on the built app:
//   load        from the file being handed to the page (the input's change event) to the first
//               span rows painted (the frame after they enter the DOM);
//   DOM nodes   in the whole page once those rows are shown (virtualization keeps it flat);
//   page memory the page's JavaScript heap, DOM and typed-array buffers after a full collection,
//               a few seconds after the rows are shown, with the search text the worker sends
//               after the trace (DESIGN-NOTES: Jaeger UI holds ~340 MB for 100,000 spans);
//   expand all  from the click on "Expand all" until every row is counted and a frame passed;
//   scrolling   the row list (all rows expanded) is scrolled from top to bottom in equal steps,
//               one step per frame, in a browser with vsync off. Frame time is the interval
//               between rAF timestamps: the time a frame takes (with vsync on every interval
//               would read 16.7 ms, whatever the frame cost). Work per frame runs from the scroll
//               event through React's re-render (both before rAF callbacks) to our rAF
//               callback, which forces layout of the new rows.
// Times are measured in the page with performance.now() and also given as ratios to
// JSON.parse of the same file text in the same page; the DOM node count is given per span.
import { statSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/browser-path.ts';
import { jsonParseInPage } from './page-baseline.ts';
import { median, ms, percentile, ratio } from './stats.ts';

const SIZES = [10_000, 100_000] as const;
const SCROLL_STEPS = 200;
const LOAD_TIMEOUT_MS = 10 * 60_000;
/** After the rows are shown, the worker builds the search text; page memory is taken once it has come. */
const SETTLE_MS = 4000;
/**
 * Frames are not held to the display's 60 Hz, so the interval between frames is the time each
 * one takes (with vsync every interval reads 16.7 ms however little work a frame does).
 */
export const UNCAPPED_FRAMES = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

interface LoadFigures {
  readonly parseMs: number;
  readonly loadMs: number;
  readonly domNodes: number;
  readonly memoryBytes: number;
  readonly expandAllMs: number;
}

interface BenchMarks {
  handedAt?: number;
  paintedAt?: number;
}

type BenchWindow = Window & { __waterfallBench?: BenchMarks };

/** Hands the file to the app's file input and times it to the first painted span rows. */
export async function loadTime(page: Page, file: string): Promise<number> {
  await page.evaluate(() => {
    const marks: BenchMarks = {};
    (window as BenchWindow).__waterfallBench = marks;
    document.addEventListener('change', () => (marks.handedAt ??= performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-testid="span-row"]') === null) return;
      observer.disconnect();
      // The rows are in the DOM; the frame that paints them ends before this timeout runs.
      requestAnimationFrame(() => setTimeout(() => (marks.paintedAt = performance.now()), 0));
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await page.locator('[data-testid="drop-zone"] input[type=file]').setInputFiles(file);
  await page.waitForFunction(() => (window as BenchWindow).__waterfallBench?.paintedAt !== undefined, null, {
    timeout: LOAD_TIMEOUT_MS,
    polling: 50,
  });
  return page.evaluate(() => {
    const marks = (window as BenchWindow).__waterfallBench!;
    return marks.paintedAt! - marks.handedAt!;
  });
}

async function expandAllTime(page: Page, spanCount: number): Promise<number> {
  return page.evaluate(
    (spanCount) =>
      new Promise<number>((resolve, reject) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Expand all');
        const list = document.querySelector('[data-testid="waterfall-rows"]');
        if (!button || !list) {
          reject(new Error('no "Expand all" button or row list'));
          return;
        }
        const t0 = performance.now();
        button.click();
        const check = () => {
          if (Number(list.getAttribute('data-row-count')) === spanCount) {
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      }),
    spanCount,
  );
}

interface ScrollFigures {
  /** Between consecutive frames (rAF timestamps): the frame time the user sees. */
  readonly intervalMs: number[];
  /** From the scroll event to the new rows laid out: the main-thread work of one step. */
  readonly workMs: number[];
  readonly reachedEnd: boolean;
}

async function scrollFrames(page: Page, steps: number): Promise<ScrollFigures> {
  return page.evaluate(
    (steps) =>
      new Promise<ScrollFigures>((resolve) => {
        const list = document.querySelector<HTMLElement>('[data-testid="waterfall-rows"]')!;
        const maxTop = list.scrollHeight - list.clientHeight;
        const intervalMs: number[] = [];
        const workMs: number[] = [];
        let scrolledAt = -1;
        // Capturing on the document runs before the row list's own scroll listener.
        const onScroll = () => {
          if (scrolledAt < 0) scrolledAt = performance.now();
        };
        document.addEventListener('scroll', onScroll, { capture: true });
        let last = -1;
        let k = 0;
        const onFrame = (frameStart: number): void => {
          if (k > 0 && scrolledAt >= 0) {
            // Forces layout of the rows rendered for this step.
            void list.querySelector<HTMLElement>('[data-testid="span-row"]:last-child')?.offsetTop;
            workMs.push(performance.now() - scrolledAt);
          }
          if (last >= 0) intervalMs.push(frameStart - last);
          last = frameStart;
          if (k === steps) {
            document.removeEventListener('scroll', onScroll, { capture: true });
            resolve({ intervalMs, workMs, reachedEnd: list.scrollTop >= maxTop - 1 });
            return;
          }
          k++;
          scrolledAt = -1;
          list.scrollTop = Math.round((maxTop * k) / steps);
          requestAnimationFrame(onFrame);
        };
        requestAnimationFrame(onFrame);
      }),
    steps,
  );
}

async function openTrace(page: Page, baseUrl: string, file: string): Promise<number> {
  await page.goto(new URL('?demo=0', baseUrl).toString());
  await page.getByTestId('drop-zone').waitFor();
  return loadTime(page, file);
}

/** Load, DOM size and expand all, at the display's frame rate (what a user's machine does). */
/**
 * The page's memory after a full collection, in bytes: the JavaScript heap, the DOM's share of
 * it and the typed arrays' buffers (which live outside it). The worker's heap is not counted.
 */
async function pageMemoryBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize + usage.embedderHeapUsedSize + usage.backingStorageSize;
  } finally {
    await cdp.detach();
  }
}

async function measureLoad(page: Page, baseUrl: string, file: string, spanCount: number): Promise<LoadFigures> {
  const loadMs = await openTrace(page, baseUrl, file);
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  // Once the worker's search text has come too (it follows the trace), and before the JSON.parse
  // baseline, which leaves its own garbage and strings behind.
  await page.waitForTimeout(SETTLE_MS);
  const memoryBytes = await pageMemoryBytes(page);
  const parseMs = await jsonParseInPage(page, file);
  const expandAllMs = await expandAllTime(page, spanCount);
  return { parseMs, loadMs, domNodes, memoryBytes, expandAllMs };
}

/** Scrolling after expand all, in a browser whose frames are not held to 60 Hz (UNCAPPED_FRAMES). */
async function measureScrolling(page: Page, baseUrl: string, file: string, spanCount: number): Promise<ScrollFigures> {
  await openTrace(page, baseUrl, file);
  await expandAllTime(page, spanCount);
  const scroll = await scrollFrames(page, SCROLL_STEPS);
  if (!scroll.reachedEnd) throw new Error('scrolling did not reach the end of the row list');
  return scroll;
}

async function withPage<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const result = await run(page);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return result;
  } finally {
    await page.close();
  }
}

export async function benchWaterfall(
  report: (line: string) => void,
  baseUrl: string,
  makeTraceFile: (spanCount: number) => Promise<string /* absolute path of an OTLP JSON file */>,
): Promise<void> {
  report(
    'waterfall (headless Chromium, 1400x900): file handed to the page -> first rows painted, DOM nodes, expand all, ' +
      'frame time scrolling top to bottom after expand all; ratios to JSON.parse of the same text in the page',
  );
  // Uncapped frames would starve the parsing worker of the machine's cores while loading, so
  // loading is timed in an ordinary browser and scrolling in an uncapped one.
  const browser = await chromium.launch(chromiumLaunchOptions());
  const uncapped = await chromium.launch(chromiumLaunchOptions(UNCAPPED_FRAMES));
  try {
    for (const spanCount of SIZES) {
      const file = await makeTraceFile(spanCount);
      const f = await withPage(browser, (page) => measureLoad(page, baseUrl, file, spanCount));
      const fileBytes = statSync(file).size;
      const { intervalMs, workMs } = await withPage(uncapped, (page) =>
        measureScrolling(page, baseUrl, file, spanCount),
      );
      const figure = (value: number) => `${ms(value).padStart(8)} (${ratio(value, f.parseMs)})`;
      report(
        `  ${String(spanCount).padStart(7)} spans  JSON.parse ${ms(f.parseMs).padStart(9)}  load ${figure(f.loadMs)}  ` +
          `DOM nodes ${f.domNodes} (${(f.domNodes / spanCount).toFixed(3)} per span)  expand all ${figure(f.expandAllMs)}  ` +
          `page memory ${(f.memoryBytes / 2 ** 20).toFixed(0)} MiB (${(f.memoryBytes / fileBytes).toFixed(2)}x the file)`,
      );
      report(
        `  ${' '.repeat(13)}scrolling, ${intervalMs.length} frames (vsync off): frame time median ${figure(median(intervalMs))}  ` +
          `p95 ${figure(percentile(intervalMs, 95))};  work per frame median ${figure(median(workMs))}  p95 ${figure(percentile(workMs, 95))}`,
      );
    }
  } finally {
    await browser.close();
    await uncapped.close();
  }
}

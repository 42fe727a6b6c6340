// Flamegraph speed in headless Chromium, on the built app: time to the first frame after
// switching to the flamegraph, and the frame time during a scripted zoom-and-pan sequence.
//
// Everything is measured inside the page with performance.now() and requestAnimationFrame
// timestamps; the app is not instrumented. One step of the sequence is one frame:
//   input handling = dispatching the event plus the microtasks it queued (React's store update),
//   drawing       = from the start of the next frame (its rAF timestamp) until our rAF callback,
//                   registered after the flamegraph's, runs;
// a step's frame time is their sum. Figures are also given as ratios to JSON.parse of the same
// file text in the same page, so machines of different speed can be compared.
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/browser-path.ts';
import { jsonParseInPage } from './page-baseline.ts';
import { median, ms, percentile, ratio } from './stats.ts';

const SIZES = [10_000, 100_000] as const;
const STEPS = 160;

interface PageFigures {
  readonly parseMs: number;
  readonly firstFrameMs: number;
  readonly frameMs: number[];
  readonly intervalMs: number[];
}

/** Clicks the flamegraph tab and waits for the canvas to report its first drawn frame. */
async function firstFrame(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const tab = document.querySelector<HTMLElement>('[role=tab][data-view=flamegraph]');
        if (tab === null) {
          reject(new Error('no flamegraph tab ([role=tab][data-view=flamegraph])'));
          return;
        }
        const drawn = () =>
          Number(document.querySelector('[data-testid=flamegraph]')?.getAttribute('data-frames') ?? 0) > 0;
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (!drawn()) return;
          observer.disconnect();
          resolve(performance.now() - t0);
        });
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-frames'],
        });
        tab.click();
      }),
  );
}

/** Wheel zooms in around moving points, drags across, zooms out: one input per frame. */
async function zoomAndPan(page: Page, steps: number): Promise<{ frameMs: number[]; intervalMs: number[] }> {
  return page.evaluate(
    (steps) =>
      new Promise<{ frameMs: number[]; intervalMs: number[] }>((resolve) => {
        const surface = document.querySelector<HTMLElement>('[data-testid=flamegraph]')!;
        const rect = surface.getBoundingClientRect();
        const y = rect.top + rect.height * 0.3;
        const quarter = Math.floor(steps / 4);
        const input = (k: number): void => {
          const x = rect.left + rect.width * (0.2 + (0.6 * ((k * 7) % 23)) / 23);
          const pointer = (type: string, px: number) =>
            surface.dispatchEvent(
              new PointerEvent(type, { clientX: px, clientY: y, button: 0, buttons: 1, pointerId: 1, bubbles: true }),
            );
          if (k < quarter) {
            surface.dispatchEvent(
              new WheelEvent('wheel', { deltaY: -120, clientX: x, clientY: y, bubbles: true, cancelable: true }),
            );
          } else if (k < 3 * quarter) {
            // Drag left and right in swings of 20 frames, 12 px a frame.
            const phase = (k - quarter) % 40;
            const px = rect.left + rect.width / 2 + (phase < 20 ? -12 * phase : -12 * (40 - phase));
            if (phase === 0) pointer('pointerdown', px);
            pointer('pointermove', px);
            if (phase === 39 || k === 3 * quarter - 1) pointer('pointerup', px);
          } else {
            surface.dispatchEvent(
              new WheelEvent('wheel', { deltaY: 120, clientX: x, clientY: y, bubbles: true, cancelable: true }),
            );
          }
        };
        const frameMs: number[] = [];
        const intervalMs: number[] = [];
        let handlingMs = 0;
        let last = -1;
        let k = 0;
        const onFrame = (frameStart: number): void => {
          // The flamegraph's draw, queued by the previous input before this callback, has run.
          if (k > 0) frameMs.push(handlingMs + (performance.now() - frameStart));
          if (last >= 0) intervalMs.push(frameStart - last);
          last = frameStart;
          if (k === steps) {
            resolve({ frameMs, intervalMs });
            return;
          }
          const t0 = performance.now();
          input(k++);
          // Runs after the microtasks the input queued, React's synchronous store re-render among them.
          void Promise.resolve().then(() => {
            handlingMs = performance.now() - t0;
            requestAnimationFrame(onFrame);
          });
        };
        requestAnimationFrame(onFrame);
      }),
    steps,
  );
}

async function measure(page: Page, baseUrl: string, file: string, spanCount: number): Promise<PageFigures> {
  await page.goto(new URL('?demo=0', baseUrl).toString());
  await page.locator('input[type=file]').first().setInputFiles(file);
  await page.locator(`[data-testid=trace-summary][data-span-count="${spanCount}"]`).waitFor({ timeout: 120_000 });
  const parseMs = await jsonParseInPage(page, file);
  const firstFrameMs = await firstFrame(page);
  const { frameMs, intervalMs } = await zoomAndPan(page, STEPS);
  return { parseMs, firstFrameMs, frameMs, intervalMs };
}

export async function benchFlamegraph(
  report: (line: string) => void,
  baseUrl: string,
  makeTraceFile: (spanCount: number) => Promise<string /* absolute path of an OTLP JSON file */>,
): Promise<void> {
  report(
    'flamegraph (headless Chromium, 1400x900): first frame after switching to it, frame time while zooming and panning; ratios to JSON.parse of the same text in the page',
  );
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    for (const spanCount of SIZES) {
      const file = await makeTraceFile(spanCount);
      for (const dpr of [1, 2]) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: dpr });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        try {
          const f = await measure(page, baseUrl, file, spanCount);
          if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
          const frameMedian = median(f.frameMs);
          const frameP95 = percentile(f.frameMs, 95);
          report(
            `  ${String(spanCount).padStart(7)} spans  dpr ${dpr}  JSON.parse ${ms(f.parseMs).padStart(9)}  ` +
              `first frame ${ms(f.firstFrameMs).padStart(9)} (${ratio(f.firstFrameMs, f.parseMs)})  ` +
              `frame median ${ms(frameMedian).padStart(8)} (${ratio(frameMedian, f.parseMs)})  ` +
              `p95 ${ms(frameP95).padStart(8)} (${ratio(frameP95, f.parseMs)})  ` +
              `rAF interval median ${ms(median(f.intervalMs))}  over ${f.frameMs.length} frames`,
          );
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
}

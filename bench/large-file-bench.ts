// Whether a million-span OTLP file (about 740 MiB, more than one V8 string can hold) loads in
// headless Chromium through the file input, and how long it takes. Needs the built app served
// at baseUrl (`vite build`, then `vite preview`) and a system Chromium.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/browser-path.ts';
import { generateTraceChunks, type BenchFormat } from './generate.ts';

const SPANS = 1_000_000;
const SEED = 1;
const LOAD_TIMEOUT_MS = 10 * 60_000;
const STAGE_POLL_MS = 1000;

/** Streams a generated trace to disk chunk by chunk, so the text never exists whole in memory. */
export async function writeTraceFile(file: string, format: BenchFormat, spans: number, seed: number): Promise<number> {
  const out = createWriteStream(file);
  for (const chunk of generateTraceChunks(format, spans, seed)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await stat(file)).size;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

type WithLongTasks = Window & { longestTaskMs?: number };

/** Runs in the page: keeps the longest main-thread task, the time the page could not respond. */
function watchLongTasks(): void {
  const target = window as WithLongTasks;
  target.longestTaskMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) target.longestTaskMs = Math.max(target.longestTaskMs ?? 0, entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

/** Reports each change of the loading line ("Parsing x.json…") with the time it was first seen. */
function watchStages(page: Page, started: number, report: (line: string) => void): () => void {
  let last = '';
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      const text = await page
        .locator('[data-testid="loading"]')
        .textContent({ timeout: STAGE_POLL_MS })
        .catch(() => null);
      if (text !== null && text !== last) {
        last = text;
        report(`  ${seconds(performance.now() - started)}: ${text.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, STAGE_POLL_MS));
    }
  };
  void poll();
  return () => {
    stopped = true;
  };
}

/** Opens the app in headless Chromium, picks `file` in the file input and reports how the load went. */
export async function benchFileLoad(
  report: (line: string) => void,
  baseUrl: string,
  file: string,
  expectedSpans: number,
): Promise<void> {
  const size = (await stat(file)).size;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    await page.goto(new URL('?demo=0', baseUrl).toString());
    await page.evaluate(watchLongTasks);
    const started = performance.now();
    await page.setInputFiles('input[type=file]', file);
    const stopWatching = watchStages(page, started, report);
    const loaded = page.locator('[data-testid="trace-summary"]');
    const failed = page.locator('.load-error');
    let outcome: string;
    try {
      // An out-of-memory renderer crash shows nothing, so it must end the wait too.
      const crashed = new Promise<never>((_, reject) =>
        page.once('crash', () => reject(new Error('the page crashed'))),
      );
      await Promise.race([loaded.or(failed).first().waitFor({ timeout: LOAD_TIMEOUT_MS }), crashed]);
      const elapsed = performance.now() - started;
      if (await loaded.count()) {
        const spans = await loaded.getAttribute('data-span-count');
        outcome = `loaded in ${seconds(elapsed)}; ${spans} spans shown (expected ${expectedSpans})`;
      } else {
        outcome = `FAILED after ${seconds(elapsed)}: ${(await failed.first().textContent())?.trim()}`;
      }
    } catch (e) {
      const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
      outcome = `FAILED: nothing shown after ${seconds(performance.now() - started)} (${why})`;
    } finally {
      stopWatching();
    }
    const longest = await page.evaluate(() => (window as WithLongTasks).longestTaskMs ?? 0).catch(() => undefined);
    report(
      `large file: ${outcome}; file ${mib(size)}; longest main-thread task ${longest === undefined ? 'unknown' : seconds(longest)}`,
    );
    for (const p of problems) report(`  ${p}`);
  } finally {
    await browser.close();
  }
}

export async function benchLargeFile(report: (line: string) => void, baseUrl: string): Promise<void> {
  const file = path.join(tmpdir(), `trace-viewer-bench-${SPANS}-otlp.json`);
  report(`large file: writing ${SPANS.toLocaleString('en')} OTLP spans to ${file}`);
  try {
    const size = await writeTraceFile(file, 'otlp', SPANS, SEED);
    report(`large file: ${mib(size)} (${size.toLocaleString('en')} bytes)`);
    await benchFileLoad(report, baseUrl, file, SPANS);
  } finally {
    await rm(file, { force: true });
  }
}

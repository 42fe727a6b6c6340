// The table of issue #17: a Jaeger JSON file handed to the app's file input, timed until its
// first span rows are painted, at 1k, 10k, 100k and 1M spans, with the memory the tab needed.
//   baseline    JSON.parse of the same text in the same page (median of five). A million spans
//               are more text than one V8 string holds, so their baseline is ten times the
//               100k file's JSON.parse (the generator's spans are alike at every size).
//   peak heap   the largest sum, sampled while loading, of the JavaScript heaps (with typed-array
//               buffers) of the page and of every worker, read over CDP;
//   peak PSS    the largest sum of the resident memory of every browser process, from /proc,
//               shared pages divided among the processes that share them (proportional set size);
//   steady      both again a few seconds after the rows are shown, after a full collection.
// Each size runs in a fresh browser that has been idle on the empty page for a moment first,
// as a user's page is before they drop a file: what warms on an idle page counts.
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/browser-path.ts';
import { writeTraceFile } from './large-file-bench.ts';
import { jsonParseInPage } from './page-baseline.ts';
import { median, ms, ratio } from './stats.ts';
import { loadTime } from './waterfall-bench.ts';

const SIZES = [1_000, 10_000, 100_000, 1_000_000] as const;
/** Loads per size for the sizes where one load is quick; the median is printed. */
const LOADS_SMALL = 5;
const IDLE_BEFORE_LOAD_MS = 1500;
const SETTLE_MS = 4000;
const SAMPLE_MS = 100;
/** JSON.parse cannot take a file whose text is longer than V8's string limit. */
const ONE_STRING_SPANS = 100_000;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Every process started by this one, at any depth: the browsers launched by the benchmark. */
function descendantPids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the parent pid follows it.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended while the list was read.
    }
  }
  const found: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      found.push(child);
      stack.push(child);
    }
  }
  return found;
}

function residentBytes(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      // Proportional: pages shared between the browser's processes are counted once in all.
      const match = /Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // Ended.
    }
  }
  return total;
}

/** Something that answers CDP commands: the page's session, or a worker's reached through it. */
type CdpTarget = (method: string, params?: object) => Promise<unknown>;

/**
 * CDP on the page and on each worker it starts. Playwright opens sessions on pages only, so
 * the workers are reached through the page's session (auto-attach, messages wrapped).
 */
async function heapTargets(page: Page): Promise<{ targets: CdpTarget[]; close(): Promise<void> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const targets: CdpTarget[] = [(method, params) => cdp.send(method as never, params as never)];
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type !== 'worker') return;
    const sessionId = event.sessionId;
    targets.push(
      (method, params = {}) =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          waiting.set(id, { resolve, reject });
          const message = JSON.stringify({ id, method, params });
          cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(reject);
        }),
    );
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const entry = reply.id === undefined ? undefined : waiting.get(reply.id);
    if (entry === undefined) return;
    waiting.delete(reply.id!);
    if (reply.error) entry.reject(new Error(reply.error.message));
    else entry.resolve(reply.result);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return { targets, close: () => cdp.detach().catch(() => {}) };
}

interface HeapUsage {
  readonly usedSize: number;
  readonly embedderHeapUsedSize: number;
  readonly backingStorageSize: number;
}

async function heapBytes(targets: readonly CdpTarget[], collect: boolean): Promise<number> {
  const sizes = await Promise.all(
    targets.map(async (send) => {
      try {
        if (collect) await send('HeapProfiler.collectGarbage');
        const usage = (await send('Runtime.getHeapUsage')) as HeapUsage;
        return usage.usedSize + usage.embedderHeapUsedSize + usage.backingStorageSize;
      } catch {
        return 0; // A worker that ended.
      }
    }),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

interface Peaks {
  heap: number;
  resident: number;
}

/** Samples heap and resident memory until stopped; returns the largest of each. */
function samplePeaks(targets: readonly CdpTarget[]): { stop(): Promise<Peaks> } {
  const peaks: Peaks = { heap: 0, resident: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      peaks.resident = Math.max(peaks.resident, residentBytes(descendantPids(process.pid)));
      // A heap read waits while the thread runs a long task; do not let it hold the sampling up.
      const heap = await Promise.race([
        heapBytes(targets, false),
        new Promise<number>((r) => setTimeout(() => r(0), 2000)),
      ]);
      peaks.heap = Math.max(peaks.heap, heap);
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peaks;
    },
  };
}

interface LoadFigures {
  readonly loadMs: number;
  readonly spansShown: string | null;
  readonly peaks: Peaks;
  readonly steady: Peaks;
}

/** One load in a fresh browser, as a user's first file after opening the app. */
async function loadOnce(baseUrl: string, file: string, withMemory: boolean): Promise<LoadFigures> {
  const browser: Browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('crash', () => errors.push('the page crashed'));
    await page.goto(new URL('?demo=0', baseUrl).toString());
    await page.getByTestId('drop-zone').waitFor();
    const heaps = await heapTargets(page);
    await page.waitForTimeout(IDLE_BEFORE_LOAD_MS);
    const sampler = withMemory ? samplePeaks(heaps.targets) : undefined;
    const loadMs = await loadTime(page, file);
    const spansShown = await page.getByTestId('trace-summary').getAttribute('data-span-count');
    let peaks: Peaks = { heap: 0, resident: 0 };
    let steady: Peaks = { heap: 0, resident: 0 };
    if (sampler) {
      // The search text follows the rows; the peak of the load includes building it.
      await page.waitForTimeout(SETTLE_MS);
      peaks = await sampler.stop();
      steady = { heap: await heapBytes(heaps.targets, true), resident: 0 };
      steady.resident = residentBytes(descendantPids(process.pid));
    }
    await heaps.close();
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return { loadMs, spansShown, peaks, steady };
  } finally {
    await browser.close();
  }
}

async function baselineMs(baseUrl: string, file: string): Promise<number> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(new URL('?demo=0', baseUrl).toString());
    return await jsonParseInPage(page, file);
  } finally {
    await browser.close();
  }
}

export async function benchLoad(
  report: (line: string) => void,
  baseUrl: string,
  sizes: readonly number[] = SIZES,
): Promise<void> {
  report(
    'load (headless Chromium, 1400x900, Jaeger JSON, fresh browser idle on the empty page): file handed to the ' +
      'input -> first rows painted, as a ratio to JSON.parse of the same text in the page; peak and steady memory',
  );
  const dir = path.join(tmpdir(), 'trace-viewer-load-bench');
  let parse100k: number | undefined;
  try {
    for (const spans of [...sizes].sort((a, b) => a - b)) {
      const file = path.join(dir, `jaeger-${spans}.json`);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const bytes = await writeTraceFile(file, 'jaeger', spans, 42);
      let baseline: number;
      let baselineNote = '';
      if (spans <= ONE_STRING_SPANS) {
        baseline = await baselineMs(baseUrl, file);
        if (spans === ONE_STRING_SPANS) parse100k = baseline;
      } else {
        // Too long for one string: scaled from the 100k file (run it in the same call).
        parse100k ??= await (async () => {
          const small = path.join(dir, 'jaeger-100000.json');
          await writeTraceFile(small, 'jaeger', ONE_STRING_SPANS, 42);
          return baselineMs(baseUrl, small);
        })();
        baseline = (parse100k * spans) / ONE_STRING_SPANS;
        baselineNote = ` (= ${spans / ONE_STRING_SPANS} x the 100k file's)`;
      }
      const loads = spans <= 10_000 ? LOADS_SMALL : 1;
      const times: number[] = [];
      let memory: LoadFigures | undefined;
      for (let k = 0; k < loads; k++) {
        // Memory is sampled on the last load only; sampling costs the load a little time.
        const figures = await loadOnce(baseUrl, file, k === loads - 1);
        if (Number(figures.spansShown) !== spans)
          throw new Error(`${spans} spans: the page shows ${figures.spansShown} spans`);
        if (k < loads - 1 || loads === 1) times.push(figures.loadMs);
        memory = figures;
      }
      const loadMs = median(times);
      const m = memory!;
      report(
        `  ${spans.toLocaleString('en').padStart(9)} spans ${mib(bytes).padStart(8)}  JSON.parse ${ms(baseline).padStart(8)}${baselineNote}  ` +
          `file -> rows ${ms(loadMs).padStart(8)} (${ratio(loadMs, baseline)}${loads > 1 ? `, median of ${times.length}` : ''})  ` +
          `peak heap ${mib(m.peaks.heap)} (${(m.peaks.heap / bytes).toFixed(2)}x file)  peak PSS ${mib(m.peaks.resident)}  ` +
          `steady heap ${mib(m.steady.heap)}  steady PSS ${mib(m.steady.resident)}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

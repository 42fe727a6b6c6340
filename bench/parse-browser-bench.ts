// The parse figures again, in a worker in headless Chromium: the engine the app parses in is
// years newer than Node's here, and JSON.parse and our code do not speed up alike.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../test/e2e/browser-path.ts';
import type { BenchFormat } from './generate.ts';
import type { WorkerParseRequest, WorkerParseResult } from './parse-in-worker.ts';
import { median, ms, ratio } from './stats.ts';

const FORMATS: readonly BenchFormat[] = ['otlp', 'jaeger', 'zipkin-v2'];

/** The worker script as one self-contained file. */
async function bundleWorker(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'parse-bench-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: true,
        lib: {
          entry: path.resolve('bench/parse-in-worker.ts'),
          formats: ['iife'],
          name: 'parseBench',
          fileName: () => 'worker.js',
        },
      },
    });
    return readFileSync(path.join(outDir, 'worker.js'), 'utf8');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function benchParseInChromium(report: (line: string) => void, sizes: readonly number[]): Promise<void> {
  const script = await bundleWorker();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    report(`parse + normalize + build trees (Chromium ${browser.version()}, in a worker), vs JSON.parse there`);
    for (const size of sizes) {
      for (const format of FORMATS) {
        const request: WorkerParseRequest = { format, size, runs: size >= 100_000 ? 7 : 9 };
        const result = await page.evaluate(
          ({ script, request }) =>
            new Promise<WorkerParseResult | { error: string }>((resolve) => {
              const worker = new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
              worker.onmessage = (event: MessageEvent<WorkerParseResult | { error: string }>) => {
                worker.terminate();
                resolve(event.data);
              };
              worker.onerror = (event) => resolve({ error: event.message });
              worker.postMessage(request);
            }),
          { script, request },
        );
        if ('error' in result) throw new Error(`${format} at ${size} spans: ${result.error}`);
        const baseline = median(result.baseline);
        const ours = median(result.ours);
        const spread = (times: readonly number[]) =>
          `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`;
        report(
          `  ${format.padEnd(9)} ${String(result.spans).padStart(7)} spans  ${result.megabytes.toFixed(1).padStart(6)} MiB  ` +
            `JSON.parse ${ms(baseline).padStart(9)}  ours ${ms(ours).padStart(9)}  ratio ${ratio(ours, baseline)}  ` +
            `(runs: JSON.parse ${spread(result.baseline)} ms, ours ${spread(result.ours)} ms` +
            `${result.floor.length > 0 ? `; floor (bare fields, no Zipkin semantics) ${ratio(median(result.floor), baseline)}` : ''})`,
        );
      }
    }
  } finally {
    await browser.close();
  }
}

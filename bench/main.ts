// Entry of `npm run bench`. Every figure is printed beside a baseline measured in the same run,
// because absolute times on shared machines mean little. `npm run bench -- parse` runs one part
// (parse, analysis, load, waterfall, flamegraph, large); BENCH_LOAD_SIZES=1000,10000 limits load's sizes; parse is timed in Node and in Chromium.
import { benchAnalysis } from './analysis.ts';
import { startBenchApp } from './browser-app.ts';
import { benchFlamegraph } from './flamegraph-bench.ts';
import { benchLargeFile } from './large-file-bench.ts';
import { benchLoad } from './load-bench.ts';
import { benchParseInChromium } from './parse-browser-bench.ts';
import { benchParse } from './parse-bench.ts';
import { benchWaterfall } from './waterfall-bench.ts';

const report = (line: string) => console.log(line);

/** `BENCH_LOAD_SIZES=1000,10000` runs the load table at those sizes only. */
function loadSizes(): number[] | undefined {
  const list = process.env.BENCH_LOAD_SIZES;
  return list ? list.split(',').map(Number) : undefined;
}

export async function main(args: readonly string[]): Promise<void> {
  const only = new Set(args);
  const wanted = (name: string) => only.size === 0 || only.has(name);
  if (wanted('parse')) {
    benchParse(report, [10_000, 100_000]);
    await benchParseInChromium(report, [10_000, 100_000]);
  }
  if (wanted('analysis')) await benchAnalysis(report);
  if (wanted('load') || wanted('waterfall') || wanted('flamegraph') || wanted('large')) {
    const app = await startBenchApp();
    try {
      if (wanted('load')) await benchLoad(report, app.baseUrl, loadSizes());
      if (wanted('waterfall')) await benchWaterfall(report, app.baseUrl, app.makeTraceFile);
      if (wanted('flamegraph')) await benchFlamegraph(report, app.baseUrl, app.makeTraceFile);
      if (wanted('large')) await benchLargeFile(report, app.baseUrl);
    } finally {
      await app.close();
    }
  }
}

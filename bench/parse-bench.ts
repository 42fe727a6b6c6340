// Parse + normalize + build trees, against plain JSON.parse of the same text, per format and size.
// The ratio is the figure to watch; the split after it says where the time beyond JSON.parse goes.
import { parseDocument } from '../src/formats/detect.ts';
import { loadTraceText } from '../src/formats/load.ts';
import { buildTraces } from '../src/formats/normalize.ts';
import { generateTraceText, type BenchFormat } from './generate.ts';
import { median, ms, ratio, timeMedian } from './stats.ts';

const FORMATS: readonly BenchFormat[] = ['otlp', 'jaeger', 'zipkin-v2'];

/** Median times of the format parser and of buildTraces, each run on a freshly parsed document. */
function stageTimes(text: string, runs: number): { parser: number; buildTraces: number } {
  const parser: number[] = [];
  const normalize: number[] = [];
  for (let i = 0; i < runs; i++) {
    const doc: unknown = JSON.parse(text);
    const t0 = performance.now();
    // buildTraces finishes the parsed spans in place, so each run needs its own batch.
    const batch = parseDocument(doc);
    const t1 = performance.now();
    buildTraces(batch);
    parser.push(t1 - t0);
    normalize.push(performance.now() - t1);
  }
  return { parser: median(parser), buildTraces: median(normalize) };
}

export function benchParse(report: (line: string) => void, sizes: readonly number[]): void {
  report('parse + normalize + build trees (node), vs JSON.parse of the same text');
  for (const size of sizes) {
    for (const format of FORMATS) {
      const text = generateTraceText(format, size, 42);
      // The machine is usually shared: a few more runs at 100,000 spans steady the medians.
      const runs = size >= 100_000 ? 5 : 7;
      const baseline = timeMedian(runs, () => JSON.parse(text));
      let spans = 0;
      const ours = timeMedian(runs, () => {
        const outcome = loadTraceText('bench.json', text);
        if (!outcome.ok) throw new Error(outcome.error.message);
        spans = outcome.file.traces.reduce((n, t) => n + t.spans.length, 0);
      });
      const stages = stageTimes(text, runs);
      report(
        `  ${format.padEnd(9)} ${String(spans).padStart(7)} spans  ${(text.length / 2 ** 20).toFixed(1).padStart(6)} MiB  ` +
          `JSON.parse ${ms(baseline).padStart(9)}  ours ${ms(ours).padStart(9)}  ratio ${ratio(ours, baseline)}  ` +
          `(format parser ${ms(stages.parser)}, buildTraces ${ms(stages.buildTraces)})`,
      );
    }
  }
}

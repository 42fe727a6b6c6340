// Parse + normalize + build trees, against plain JSON.parse of the same text, per format and size.
import { loadTraceText } from '../src/formats/load.ts';
import { generateTraceText, type BenchFormat } from './generate.ts';
import { ms, ratio, timeMedian } from './stats.ts';

const FORMATS: readonly BenchFormat[] = ['otlp', 'jaeger', 'zipkin-v2'];

export function benchParse(report: (line: string) => void, sizes: readonly number[]): void {
  report('parse + normalize + build trees (node), vs JSON.parse of the same text');
  for (const size of sizes) {
    for (const format of FORMATS) {
      const text = generateTraceText(format, size, 42);
      const runs = size >= 100_000 ? 3 : 7;
      const baseline = timeMedian(runs, () => JSON.parse(text));
      let spans = 0;
      const ours = timeMedian(runs, () => {
        const outcome = loadTraceText('bench.json', text);
        if (!outcome.ok) throw new Error(outcome.error.message);
        spans = outcome.file.traces.reduce((n, t) => n + t.spans.length, 0);
      });
      report(
        `  ${format.padEnd(9)} ${String(spans).padStart(7)} spans  ${(text.length / 2 ** 20).toFixed(1).padStart(6)} MiB  ` +
          `JSON.parse ${ms(baseline).padStart(9)}  ours ${ms(ours).padStart(9)}  ratio ${ratio(ours, baseline)}`,
      );
    }
  }
}

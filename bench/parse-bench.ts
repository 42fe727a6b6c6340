// Parse + normalize + build trees, against plain JSON.parse of the same text, per format and size.
// The ratio is the figure to watch; the split after it says where the time beyond JSON.parse goes.
// Attribute lists that read without warnings are read when first asked for (DeferredAttributesSpan),
// so the last figure adds reading every one of them, the cost a view touching them all would pay.
import { parseDocument } from '../src/formats/detect.ts';
import { loadTraceText } from '../src/formats/load.ts';
import { buildTraces } from '../src/formats/normalize.ts';
import { generateTraceText, type BenchFormat } from './generate.ts';
import { median, ms, ratio, timeMedian } from './stats.ts';
import { zipkinFloor } from './zipkin-floor.ts';

const FORMATS: readonly BenchFormat[] = ['otlp', 'jaeger', 'zipkin-v2'];

interface StageTimes {
  readonly parser: number;
  readonly buildTraces: number;
  /** Reading every span's attributes once the trace is built (lists that read without warnings wait for it). */
  readonly attributes: number;
}

/** Median times of the format parser, buildTraces and a first read of all attributes, each run on a freshly parsed document. */
function stageTimes(text: string, runs: number): StageTimes {
  const parser: number[] = [];
  const normalize: number[] = [];
  const attributes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const doc: unknown = JSON.parse(text);
    const t0 = performance.now();
    // buildTraces finishes the parsed spans in place, so each run needs its own batch.
    const batch = parseDocument(doc);
    const t1 = performance.now();
    const { traces } = buildTraces(batch);
    const t2 = performance.now();
    let count = 0;
    for (const trace of traces) for (const span of trace.spans) count += span.attributes.length;
    if (count < 0) throw new Error('unreachable');
    parser.push(t1 - t0);
    normalize.push(t2 - t1);
    attributes.push(performance.now() - t2);
  }
  return { parser: median(parser), buildTraces: median(normalize), attributes: median(attributes) };
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
      const floor =
        format === 'zipkin-v2'
          ? `; floor (bare fields, no Zipkin semantics) ${ratio(
              timeMedian(runs, () => zipkinFloor(text)),
              baseline,
            )}`
          : '';
      // The same spans with their times as bare JSON numbers, which are read a second time
      // with the numbers quoted (bare-nanos.ts); files with string times (above) never are.
      const bareText = format === 'otlp' ? text.replace(/(UnixNano":)"(\d+)"/g, '$1$2') : undefined;
      const bare =
        bareText === undefined
          ? ''
          : `; with times as bare numbers ${ratio(
              timeMedian(runs, () => {
                if (!loadTraceText('bench.json', bareText).ok) throw new Error('bare-number times did not load');
              }),
              baseline,
            )}`;
      report(
        `  ${format.padEnd(9)} ${String(spans).padStart(7)} spans  ${(text.length / 2 ** 20).toFixed(1).padStart(6)} MiB  ` +
          `JSON.parse ${ms(baseline).padStart(9)}  ours ${ms(ours).padStart(9)}  ratio ${ratio(ours, baseline)}  ` +
          `(format parser ${ms(stages.parser)}, buildTraces ${ms(stages.buildTraces)}; ` +
          `then reading every attribute ${ms(stages.attributes)}, ratio with it ${ratio(ours + stages.attributes, baseline)}${floor}${bare})`,
      );
    }
  }
}

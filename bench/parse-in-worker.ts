// Runs inside a dedicated worker in Chromium, where the app parses files: times JSON.parse and
// our whole load (parse + normalize + build trees) of one generated text. As in the Node figures,
// each is timed in a block of its own runs: timed alternately, each JSON.parse ran amid the
// previous load's garbage, and the ratio came out up to 0.1 lower than in blocks.
import { loadTraceText } from '../src/formats/load.ts';
import { generateTraceText, type BenchFormat } from './generate.ts';
import { zipkinFloor } from './zipkin-floor.ts';

export interface WorkerParseRequest {
  readonly format: BenchFormat;
  readonly size: number;
  readonly runs: number;
}

export interface WorkerParseResult {
  readonly megabytes: number;
  readonly spans: number;
  /** Per run, in milliseconds. */
  readonly baseline: readonly number[];
  readonly ours: readonly number[];
  /** Zipkin v2 only: the bare floor of any reader built on JSON.parse (see zipkin-floor.ts). */
  readonly floor: readonly number[];
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerParseRequest>) => void) | null;
  postMessage(message: WorkerParseResult | { readonly error: string }): void;
}

function measure({ format, size, runs }: WorkerParseRequest): WorkerParseResult {
  const text = generateTraceText(format, size, 42);
  const baseline: number[] = [];
  const ours: number[] = [];
  let spans = 0;
  // The first run of each block warms the JIT up and is not counted.
  for (let run = -1; run < runs; run++) {
    const t0 = performance.now();
    JSON.parse(text);
    if (run >= 0) baseline.push(performance.now() - t0);
  }
  for (let run = -1; run < runs; run++) {
    const t0 = performance.now();
    const outcome = loadTraceText('bench.json', text);
    const elapsed = performance.now() - t0;
    if (!outcome.ok) throw new Error(outcome.error.message);
    spans = outcome.file.traces.reduce((n, trace) => n + trace.spans.length, 0);
    if (run >= 0) ours.push(elapsed);
  }
  const floor: number[] = [];
  for (let run = format === 'zipkin-v2' ? -1 : runs; run < runs; run++) {
    const t0 = performance.now();
    zipkinFloor(text);
    if (run >= 0) floor.push(performance.now() - t0);
  }
  return { megabytes: text.length / 2 ** 20, spans, baseline, ours, floor };
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => {
  try {
    scope.postMessage(measure(event.data));
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};

// Self time + critical paths + per-service statistics on synthetic traces of 100,000 and
// 1,000,000 spans, against sorting the same spans' start times (an O(n log n) yardstick
// measured in the same run). Goal: under 150 ms at 100,000 spans.
import { traceCriticalPaths } from '../src/analysis/critical-path.ts';
import { selfTimesNs } from '../src/analysis/self-time.ts';
import { groupStatistics } from '../src/analysis/statistics.ts';
import { buildSpanTree } from '../src/model/tree.ts';
import type { Attribute, Resource, Span, SpanEvent, SpanLink, SpanStatus, Trace } from '../src/model/trace.ts';
import { packTrace } from '../src/worker/pack-trace.ts';
import { unpackTrace } from '../src/worker/unpack-trace.ts';
import { Prng } from './generate/prng.ts';
import { ms, ratio, timeMedian } from './stats.ts';

const SIZES = [100_000, 1_000_000] as const;
const SERVICES = 20;
const OPERATIONS = 50;
// Mostly small fan-outs with some single-child links (depth) and occasional wide ones.
const FAN_OUT = [1, 1, 1, 2, 3, 4, 8, 16] as const;

const NO_ATTRIBUTES: readonly Attribute[] = [];
const NO_EVENTS: readonly SpanEvent[] = [];
const NO_LINKS: readonly SpanLink[] = [];
const OK: SpanStatus = { code: 'unset' };
const ERROR: SpanStatus = { code: 'error' };

/**
 * Builds the trace in memory without going through a file format: spans share their empty
 * arrays, status and resource objects, so 1,000,000 spans stay within a few hundred MB.
 * Children split their parent's interval into slots; every fourth one overruns its slot, so
 * siblings overlap and some children overflow their parent, as in real traces.
 */
function syntheticTrace(count: number, seed: number): Trace {
  const random = new Prng(seed);
  const resources: Resource[] = Array.from({ length: SERVICES }, (_, s) => ({
    serviceName: `service-${s}`,
    attributes: NO_ATTRIBUTES,
  }));
  const operations = Array.from({ length: OPERATIONS }, (_, o) => `operation-${o}`);
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const spans: Span[] = [];
  const serviceOf: number[] = [];
  const add = (parent: number, startNs: number, durationNs: number): void => {
    const service = parent === -1 || random.uint32() % 4 === 0 ? random.uint32() % SERVICES : serviceOf[parent];
    const index = spans.length;
    serviceOf.push(service);
    spans.push({
      index,
      traceId,
      spanId: index.toString(16).padStart(16, '0'),
      parentSpanId: parent === -1 ? undefined : spans[parent].spanId,
      name: operations[random.uint32() % OPERATIONS],
      serviceName: resources[service].serviceName,
      kind: 'internal',
      startNs,
      durationNs,
      status: random.uint32() % 100 === 0 ? ERROR : OK,
      attributes: NO_ATTRIBUTES,
      resource: resources[service],
      events: NO_EVENTS,
      links: NO_LINKS,
    });
  };

  // Spans still to be given children. Taking the oldest grows the trace wide; taking the
  // newest (half the time) grows chains, so the trace is both wide and deep.
  const pending = new Int32Array(count);
  let oldest = 0;
  let next = 0;
  add(-1, 0, 1e12);
  pending[next++] = 0;
  while (spans.length < count) {
    const p = random.uint32() % 2 === 0 ? pending[--next] : pending[oldest++];
    const { startNs, durationNs } = spans[p];
    const children = FAN_OUT[random.uint32() % FAN_OUT.length];
    const slot = Math.floor(durationNs / children);
    for (let c = 0; c < children && spans.length < count; c++) {
      const gap = Math.floor(slot / 10);
      const length = c % 4 === 3 ? Math.floor(slot * 1.5) : slot - 2 * gap;
      add(p, startNs + c * slot + gap, Math.max(0, length));
      pending[next++] = spans.length - 1;
    }
  }

  const { tree, warnings } = buildSpanTree(spans);
  let errorCount = 0;
  let endNs = 0;
  for (const s of spans) {
    if (s.status.code === 'error') errorCount++;
    if (s.startNs + s.durationNs > endNs) endNs = s.startNs + s.durationNs;
  }
  return {
    traceId,
    startEpochNs: '1700000000000000000',
    durationNs: endNs,
    spans,
    tree,
    services: resources.map((r) => r.serviceName).sort(),
    warnings,
    errorCount,
    incomplete: false,
  };
}

export async function benchAnalysis(report: (line: string) => void): Promise<void> {
  report('analysis: self time + critical paths + statistics by service (node), vs sorting the start times');
  for (const size of SIZES) {
    const trace = syntheticTrace(size, 7);
    const runs = size >= 1_000_000 ? 3 : 7;
    const baseline = timeMedian(runs, () => {
      const starts = trace.spans.map((s) => s.startNs);
      starts.sort((a, b) => a - b);
    });
    let self: Float64Array = new Float64Array(0);
    const selfMs = timeMedian(runs, () => {
      self = selfTimesNs(trace);
    });
    const pathMs = timeMedian(runs, () => traceCriticalPaths(trace));
    const statsMs = timeMedian(runs, () => groupStatistics(trace, self, { kind: 'service' }));
    const totalMs = timeMedian(runs, () => {
      const s = selfTimesNs(trace);
      traceCriticalPaths(trace);
      groupStatistics(trace, s, { kind: 'service' });
    });
    // The page holds spans that read their fields from packed columns (src/worker): the same work on those.
    const onPage = unpackTrace(packTrace(trace));
    const onPageMs = timeMedian(runs, () => {
      const s = selfTimesNs(onPage);
      traceCriticalPaths(onPage);
      groupStatistics(onPage, s, { kind: 'service' });
    });
    report(
      `  ${String(size).padStart(9)} spans (depth ${trace.tree.maxDepth})  sort ${ms(baseline).padStart(9)}  ` +
        `self ${ms(selfMs)}  paths ${ms(pathMs)}  stats ${ms(statsMs)}  ` +
        `all ${ms(totalMs).padStart(9)}  ratio ${ratio(totalMs, baseline)};  ` +
        `all on the page's packed spans ${ms(onPageMs)} (${ratio(onPageMs, baseline)})`,
    );
  }
}

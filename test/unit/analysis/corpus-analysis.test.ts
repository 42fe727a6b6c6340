// The analysis on every real trace in the shared corpus that loads: the invariants hold on
// messy real data (skew, orphans, duplicates, async messaging), and known answers match.
import { describe, expect, it } from 'vitest';
import {
  bottleneck,
  criticalPathEntries,
  traceCriticalPaths,
  type CriticalSection,
} from '../../../src/analysis/critical-path.ts';
import { searchSpans, spansWithAncestors } from '../../../src/analysis/search.ts';
import { selfTimesNs } from '../../../src/analysis/self-time.ts';
import { slowestSpans } from '../../../src/analysis/slowest.ts';
import { groupStatistics } from '../../../src/analysis/statistics.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { corpusEntries, readCorpusText } from '../../helpers/corpus.ts';

function loadTraces(file: string): Trace[] {
  const outcome = loadTraceText(file.split('/').pop()!, readCorpusText(file));
  return outcome.ok ? [...outcome.file.traces] : [];
}

function rootOf(trace: Trace, span: number): number {
  let i = span;
  while (trace.tree.parent[i] !== -1) i = trace.tree.parent[i];
  return i;
}

function isAsyncConsumer(trace: Trace, i: number): boolean {
  const p = trace.tree.parent[i];
  return p !== -1 && trace.spans[i].kind === 'consumer' && trace.spans[p].kind === 'producer';
}

function checkPath(trace: Trace, rootIndex: number, sections: readonly CriticalSection[]): void {
  const root = trace.spans[rootIndex];
  const rootEnd = root.startNs + Math.max(0, root.durationNs);
  let total = 0;
  sections.forEach((s, k) => {
    expect(s.startNs).toBeGreaterThanOrEqual(root.startNs);
    expect(s.endNs).toBeLessThanOrEqual(rootEnd);
    if (k > 0) expect(s.startNs).toBeGreaterThanOrEqual(sections[k - 1].endNs);
    const span = trace.spans[s.spanIndex];
    expect(s.startNs).toBeGreaterThanOrEqual(span.startNs);
    expect(s.endNs).toBeLessThanOrEqual(span.startNs + Math.max(0, span.durationNs));
    expect(rootOf(trace, s.spanIndex)).toBe(rootIndex);
    expect(isAsyncConsumer(trace, s.spanIndex)).toBe(false);
    total += s.endNs - s.startNs;
  });
  expect(total).toBe(rootEnd - root.startNs);
  expect(total).toBeLessThanOrEqual(trace.durationNs);
  const entries = criticalPathEntries(sections);
  expect(entries.reduce((sum, e) => sum + e.selfOnPathNs, 0)).toBe(total);
}

const loadable = corpusEntries().filter((e) => e.expect !== 'error');

describe('analysis on the shared corpus', () => {
  it('loads enough of the corpus for these checks to mean something', () => {
    const traces = loadable.flatMap((e) => loadTraces(e.file));
    expect(traces.length).toBeGreaterThan(50);
  });

  for (const entry of loadable) {
    it(`${entry.file}: invariants hold`, () => {
      for (const trace of loadTraces(entry.file)) {
        const n = trace.spans.length;
        const self = selfTimesNs(trace);
        for (let i = 0; i < n; i++) {
          expect(self[i]).toBeGreaterThanOrEqual(0);
          expect(self[i]).toBeLessThanOrEqual(Math.max(0, trace.spans[i].durationNs));
        }

        const paths = traceCriticalPaths(trace);
        expect(1 + paths.others.length).toBe(trace.tree.roots.length);
        for (const p of [paths.main, ...paths.others]) checkPath(trace, p.rootIndex, p.sections);
        const neck = bottleneck(trace, paths.main.entries);
        if (neck) {
          expect(neck.share).toBeGreaterThan(0);
          expect(neck.share).toBeLessThanOrEqual(1);
        }

        const rows = groupStatistics(trace, self, { kind: 'service' });
        expect(rows.reduce((c, r) => c + r.count, 0)).toBe(n);
        expect(rows.map((r) => r.label).sort()).toEqual([...trace.services]);

        expect(slowestSpans(trace, self, 5, 'duration').length).toBe(Math.min(5, n));

        for (const span of trace.spans) {
          // An id with whitespace in it is several search words; none in the corpus, but be exact.
          if (!/^\S+$/.test(span.spanId)) continue;
          const found = searchSpans(trace, span.spanId);
          expect(Array.from(found)).toContain(span.index);
          const shown = spansWithAncestors(trace, found);
          for (let i = span.index; i !== -1; i = trace.tree.parent[i]) expect(shown[i]).toBe(1);
        }
      }
    });
  }

  it("matches jaeger-ui's expected critical-path times for its test trace", () => {
    const file = 'jaeger/jaeger-ui__TraceCriticalPath__testTrace.json';
    const [trace] = loadTraces(file);
    // The file carries jaeger-ui's own expectation: microseconds on the path per "[service] operation".
    const document = JSON.parse(readCorpusText(file)) as { testing: Record<string, number>[] };
    const expected = Object.fromEntries(Object.entries(document.testing[0]).map(([k, us]) => [k, us * 1000]));
    const { main } = traceCriticalPaths(trace);
    const actual = Object.fromEntries(
      main.entries.map((e) => [
        `[${trace.spans[e.spanIndex].serviceName}] ${trace.spans[e.spanIndex].name}`,
        e.selfOnPathNs,
      ]),
    );
    expect(actual).toEqual(expected);
    expect(bottleneck(trace, main.entries)).toEqual({ serviceName: 'S1', ns: 40_000, share: 0.4 });
  });

  it('keeps Kafka consumers that run inside their producer off the path', () => {
    const [trace] = loadTraces('zipkin/zipkin__messaging-kafka.json');
    const overlapping = trace.spans.filter((s) => {
      if (!isAsyncConsumer(trace, s.index)) return false;
      const p = trace.spans[trace.tree.parent[s.index]];
      return s.startNs < p.startNs + p.durationNs && s.startNs + s.durationNs > p.startNs;
    });
    expect(overlapping.length).toBeGreaterThan(0);
    const { main } = traceCriticalPaths(trace);
    const onPath = new Set(main.sections.map((s) => s.spanIndex));
    for (const s of overlapping) expect(onPath.has(s.index)).toBe(false);
  });

  it('gives each orphan subtree of a multi-root trace its own path', () => {
    const [trace] = loadTraces('zipkin/zipkin__messaging2.json');
    expect(trace.tree.roots.length).toBeGreaterThan(1);
    const { main, others } = traceCriticalPaths(trace);
    const longest = Math.max(...trace.tree.roots.map((r) => trace.spans[r].durationNs));
    expect(trace.spans[main.rootIndex].durationNs).toBe(longest);
    expect(others.map((o) => o.rootIndex).sort((a, b) => a - b)).toEqual(
      trace.tree.roots.filter((r) => r !== main.rootIndex).sort((a, b) => a - b),
    );
  });
});

// Property tests: the analysis against small brute-force references on random traces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criticalPath, traceCriticalPaths, type CriticalSection } from '../../../src/analysis/critical-path.ts';
import { selfTimesNs } from '../../../src/analysis/self-time.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';
import { messyTrace } from '../../helpers/random-traces.ts';

/**
 * One root whose children nest inside their parents and whose siblings never overlap (they
 * may touch or be empty): cut points drawn from a random stream subdivide each interval.
 */
const nestedTrace = fc
  .record({
    rootDur: fc.integer({ min: 0, max: 1_000_000 }),
    stream: fc.array(fc.nat(), { minLength: 1, maxLength: 200 }),
    size: fc.integer({ min: 1, max: 60 }),
  })
  .map(({ rootDur, stream, size }) => {
    let cursor = 0;
    const next = (): number => stream[cursor++ % stream.length];
    const specs: SpanSpec[] = [{ id: 's0', start: 0, dur: rootDur }];
    const queue = [0];
    while (queue.length > 0 && specs.length < size) {
      const p = queue.shift()!;
      const { start, dur } = specs[p];
      const children = 1 + (next() % 3);
      const cuts = Array.from({ length: 2 * children }, () => start + (next() % (dur + 1))).sort((a, b) => a - b);
      for (let c = 0; c < children && specs.length < size; c++) {
        specs.push({ id: `s${specs.length}`, parent: `s${p}`, start: cuts[2 * c], dur: cuts[2 * c + 1] - cuts[2 * c] });
        queue.push(specs.length - 1);
      }
    }
    return makeTrace(specs);
  });

function endOf(trace: Trace, i: number): number {
  return trace.spans[i].startNs + Math.max(0, trace.spans[i].durationNs);
}

/** Self time by counting, unit by unit, the instants no clipped child covers. */
function bruteSelf(trace: Trace, p: number): number {
  const start = trace.spans[p].startNs;
  let free = 0;
  for (let t = start; t < endOf(trace, p); t++) {
    let covered = false;
    for (let c = trace.tree.firstChild[p]; c !== -1 && !covered; c = trace.tree.nextSibling[c]) {
      covered = trace.spans[c].startNs <= t && t < endOf(trace, c);
    }
    if (!covered) free++;
  }
  return free;
}

/** The critical-path rule, written plainly and recursively (fine for 40 spans). */
function referencePath(trace: Trace, root: number): CriticalSection[] {
  const out: CriticalSection[] = [];
  const blocks = (c: number, p: number): boolean =>
    !(trace.spans[c].kind === 'consumer' && trace.spans[p].kind === 'producer') &&
    !trace.spans[c].links.some((l) => l.relation === 'follows_from' && l.spanId === trace.spans[p].spanId);
  const walk = (span: number, lo: number, hi: number): void => {
    const children: { c: number; s: number; e: number }[] = [];
    for (let c = trace.tree.firstChild[span]; c !== -1; c = trace.tree.nextSibling[c]) {
      const s = Math.max(lo, trace.spans[c].startNs);
      const e = Math.min(hi, endOf(trace, c));
      if (e > s && blocks(c, span)) children.push({ c, s, e });
    }
    let t = hi;
    for (;;) {
      let best: { c: number; s: number; e: number } | undefined;
      for (const k of children) {
        if (k.e > t) continue;
        if (!best || k.e > best.e || (k.e === best.e && (k.s > best.s || (k.s === best.s && k.c > best.c)))) best = k;
      }
      if (!best) break;
      if (t > best.e) out.push({ spanIndex: span, startNs: best.e, endNs: t });
      walk(best.c, best.s, best.e);
      t = best.s;
    }
    if (t > lo) out.push({ spanIndex: span, startNs: lo, endNs: t });
  };
  // Emitted newest first within each level; sorting by time gives the path in order.
  const start = trace.spans[root].startNs;
  if (endOf(trace, root) === start) return [{ spanIndex: root, startNs: start, endNs: start }];
  walk(root, start, endOf(trace, root));
  return out.sort((a, b) => a.startNs - b.startNs);
}

describe('analysis properties', () => {
  it('self time matches a unit-by-unit count', () => {
    fc.assert(
      fc.property(messyTrace, (trace) => {
        const self = selfTimesNs(trace);
        for (let i = 0; i < trace.spans.length; i++) expect(self[i]).toBe(bruteSelf(trace, i));
      }),
    );
  });

  it('critical path matches the plain recursive rule for every root', () => {
    fc.assert(
      fc.property(messyTrace, (trace) => {
        for (const root of trace.tree.roots) expect(criticalPath(trace, root)).toEqual(referencePath(trace, root));
      }),
    );
  });

  it('critical path sections are ordered, disjoint, inside the root, and no longer than the trace', () => {
    fc.assert(
      fc.property(messyTrace, (trace) => {
        const { main, others } = traceCriticalPaths(trace);
        for (const { rootIndex, sections } of [main, ...others]) {
          const rootStart = trace.spans[rootIndex].startNs;
          const rootEnd = endOf(trace, rootIndex);
          let total = 0;
          for (let k = 0; k < sections.length; k++) {
            const s = sections[k];
            expect(s.startNs).toBeGreaterThanOrEqual(rootStart);
            expect(s.endNs).toBeLessThanOrEqual(rootEnd);
            expect(s.endNs).toBeGreaterThanOrEqual(s.startNs);
            if (k > 0) expect(s.startNs).toBeGreaterThanOrEqual(sections[k - 1].endNs);
            total += s.endNs - s.startNs;
          }
          expect(total).toBeLessThanOrEqual(trace.durationNs);
          // The walk accounts for every instant of the root.
          expect(total).toBe(rootEnd - rootStart);
        }
      }),
    );
  });

  it('self times of a properly nested trace add up exactly to the root duration', () => {
    fc.assert(
      fc.property(nestedTrace, (trace) => {
        const self = selfTimesNs(trace);
        let sum = 0;
        for (const v of self) sum += v;
        expect(trace.tree.roots).toHaveLength(1);
        expect(sum).toBe(trace.spans[trace.tree.roots[0]].durationNs);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { aggregateFlame, nodeMembers, nodePath } from '../../../src/view-model/flame-aggregate.ts';
import { selfTimesNs } from '../../../src/analysis/self-time.ts';
import type { SpanSpec } from '../../helpers/make-trace.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

function aggregate(specs: SpanSpec[]) {
  const trace = makeTrace(specs);
  return { trace, agg: aggregateFlame(trace, selfTimesNs(trace)) };
}

function nodeNamed(agg: ReturnType<typeof aggregateFlame>, path: string): number {
  for (let m = 0; m < agg.nodeCount; m++) if (nodePath(agg, m).join(' > ') === path) return m;
  throw new Error(`no node ${path}`);
}

describe('aggregateFlame', () => {
  it('merges repeated calls by their service:operation path and sums their times', () => {
    const specs: SpanSpec[] = [{ id: 'root', start: 0, dur: 10_000, service: 'api', name: 'GET /' }];
    for (let k = 0; k < 1000; k++) {
      specs.push({ id: `q${k}`, parent: 'root', start: k * 10, dur: 4, service: 'db', name: 'query', error: k === 7 });
      specs.push({ id: `c${k}`, parent: 'root', start: k * 10 + 5, dur: 2, service: 'cache', name: 'get' });
    }
    const { trace, agg } = aggregate(specs);
    expect(agg.nodeCount).toBe(3);
    const query = nodeNamed(agg, 'api: GET / > db: query');
    expect(agg.count[query]).toBe(1000);
    expect(agg.totalNs[query]).toBe(4000);
    expect(agg.selfTotalNs[query]).toBe(4000);
    expect(agg.errorCount[query]).toBe(1);
    expect(nodeMembers(agg, query)).toContain(indexOf(trace, 'q7'));
    const root = nodeNamed(agg, 'api: GET /');
    expect(agg.selfTotalNs[root]).toBe(10_000 - 6000);
  });

  it('keeps the same operation under different paths apart', () => {
    const { agg } = aggregate([
      { id: 'r', start: 0, dur: 100, service: 'a', name: 'root' },
      { id: 'x', parent: 'r', start: 0, dur: 50, service: 'a', name: 'x' },
      { id: 'q1', parent: 'x', start: 0, dur: 10, service: 'db', name: 'q' },
      { id: 'q2', parent: 'r', start: 60, dur: 10, service: 'db', name: 'q' },
    ]);
    expect(agg.count[nodeNamed(agg, 'a: root > a: x > db: q')]).toBe(1);
    expect(agg.count[nodeNamed(agg, 'a: root > db: q')]).toBe(1);
  });

  it('lays children side by side inside the parent, heaviest first, width = total', () => {
    const { agg } = aggregate([
      { id: 'r', start: 0, dur: 100, service: 's', name: 'root' },
      { id: 'light', parent: 'r', start: 0, dur: 10, service: 's', name: 'light' },
      { id: 'heavy', parent: 'r', start: 20, dur: 30, service: 's', name: 'heavy' },
      { id: 'heavy2', parent: 'r', start: 60, dur: 30, service: 's', name: 'heavy' },
    ]);
    const root = nodeNamed(agg, 's: root');
    const heavy = nodeNamed(agg, 's: root > s: heavy');
    const light = nodeNamed(agg, 's: root > s: light');
    const { start, end, row } = agg.boxes;
    expect([start[root], end[root], row[root]]).toEqual([0, 100, 0]);
    expect([start[heavy], end[heavy], row[heavy]]).toEqual([0, 60, 1]);
    expect([start[light], end[light], row[light]]).toEqual([60, 70, 1]);
    expect(agg.firstChild[root]).toBe(heavy);
    expect(agg.widened[heavy]).toBe(0);
  });

  it('widens a parent whose children add up to more than its total, never squeezing them', () => {
    const { agg } = aggregate([
      { id: 'r', start: 0, dur: 100, service: 's', name: 'root' },
      { id: 'p1', parent: 'r', start: 0, dur: 100, service: 's', name: 'a' },
      { id: 'p2', parent: 'r', start: 0, dur: 100, service: 's', name: 'b' },
      // Outlives its parent (async work): a minute under a 100 ns call.
      { id: 'late', parent: 'p2', start: 50, dur: 60e9, service: 's', name: 'late' },
    ]);
    const root = nodeNamed(agg, 's: root');
    const a = nodeNamed(agg, 's: root > s: a');
    const late = nodeNamed(agg, 's: root > s: b > s: late');
    const width = (m: number) => agg.boxes.end[m] - agg.boxes.start[m];
    expect(agg.totalNs[root]).toBe(100);
    expect(width(late)).toBe(60e9);
    expect(width(root)).toBe(60e9 + 100);
    expect(width(a)).toBe(100);
    expect(agg.widened[root]).toBe(1);
    expect(agg.widened[a]).toBe(0);
    // The widest child comes first.
    expect(nodePath(agg, agg.firstChild[root])).toEqual(['s: root', 's: b']);
    expect(agg.boxes.start[a]).toBe(60e9);
  });

  it('merges same-named roots and puts the heaviest root first', () => {
    const { agg } = aggregate([
      { id: 'r1', start: 0, dur: 10, service: 's', name: 'job' },
      { id: 'r2', start: 20, dur: 10, service: 's', name: 'job' },
      { id: 'o', parent: 'missing', start: 40, dur: 5, service: 's', name: 'orphan' },
    ]);
    expect(agg.roots.length).toBe(2);
    expect(nodePath(agg, agg.roots[0])).toEqual(['s: job']);
    expect(agg.count[agg.roots[0]]).toBe(2);
    expect(agg.boxes.start[agg.roots[1]]).toBe(20);
    expect(agg.boxes.extent).toBe(25);
  });
});

import { describe, expect, it } from 'vitest';
import { selfTimesNs } from '../../../src/analysis/self-time.ts';
import { slowestSpans } from '../../../src/analysis/slowest.ts';
import { makeTrace } from '../../helpers/make-trace.ts';

const trace = makeTrace([
  { id: 'root', start: 0, dur: 200 },
  { id: 'big', parent: 'root', start: 0, dur: 150 },
  { id: 'inner', parent: 'big', start: 10, dur: 120 },
  { id: 'tie-late', parent: 'root', start: 160, dur: 20 },
  { id: 'tie-early', parent: 'root', start: 150, dur: 20 },
]);
const self = selfTimesNs(trace);
const ids = (rows: { spanIndex: number }[]) => rows.map((r) => trace.spans[r.spanIndex].spanId);

describe('slowestSpans', () => {
  it('ranks by duration with each span’s share of the trace', () => {
    const rows = slowestSpans(trace, self, 3, 'duration');
    expect(ids(rows)).toEqual(['root', 'big', 'inner']);
    expect(rows[1]).toMatchObject({ valueNs: 150, share: 0.75 });
  });

  it('ranks by self time, so a wrapper that only waits drops out', () => {
    const rows = slowestSpans(trace, self, 2, 'self');
    expect(ids(rows)).toEqual(['inner', 'big']);
    expect(rows.map((r) => r.valueNs)).toEqual([120, 30]);
  });

  it('orders equal values by start time', () => {
    const rows = slowestSpans(trace, self, 5, 'self');
    // root, tie-early and tie-late all have 20 ns of self time; tie-late comes first in the input.
    expect(ids(rows)).toEqual(['inner', 'big', 'root', 'tie-early', 'tie-late']);
  });

  it('returns every span when asked for more than there are, and nothing for n = 0', () => {
    expect(slowestSpans(trace, self, 50, 'duration')).toHaveLength(5);
    expect(slowestSpans(trace, self, 0, 'duration')).toEqual([]);
  });

  it('keeps the top values out of many spans', () => {
    const n = 10_000;
    const wide = makeTrace([
      { id: 'root', start: 0, dur: n * 10 },
      // Durations in a scrambled order so that the heap has real work to do.
      ...Array.from({ length: n }, (_, i) => ({ id: `c${i}`, parent: 'root', start: i, dur: (i * 7919) % n })),
    ]);
    const rows = slowestSpans(wide, selfTimesNs(wide), 4, 'duration');
    expect(rows.map((r) => r.valueNs)).toEqual([n * 10, n - 1, n - 2, n - 3]);
  });
});

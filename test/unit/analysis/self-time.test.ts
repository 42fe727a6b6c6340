import { describe, expect, it } from 'vitest';
import { selfTimesNs } from '../../../src/analysis/self-time.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

function selfById(specs: Parameters<typeof makeTrace>[0]): Record<string, number> {
  const trace = makeTrace(specs);
  const self = selfTimesNs(trace);
  return Object.fromEntries(trace.spans.map((s) => [s.spanId, self[s.index]]));
}

describe('selfTimesNs', () => {
  it('subtracts sequential children from their parent', () => {
    expect(
      selfById([
        { id: 'root', start: 0, dur: 100 },
        { id: 'a', parent: 'root', start: 10, dur: 20 },
        { id: 'b', parent: 'root', start: 40, dur: 30 },
      ]),
    ).toEqual({ root: 50, a: 20, b: 30 });
  });

  it('subtracts overlapping parallel children only once', () => {
    expect(
      selfById([
        { id: 'root', start: 0, dur: 100 },
        { id: 'a', parent: 'root', start: 10, dur: 50 },
        { id: 'b', parent: 'root', start: 20, dur: 20 },
        { id: 'c', parent: 'root', start: 50, dur: 30 },
      ]),
    ).toEqual({ root: 30, a: 50, b: 20, c: 30 });
  });

  it('takes only the part of a child inside its parent', () => {
    expect(
      selfById([
        { id: 'root', start: 100, dur: 100 },
        { id: 'early', parent: 'root', start: 50, dur: 80 },
        { id: 'late', parent: 'root', start: 180, dur: 500 },
        { id: 'before', parent: 'root', start: 0, dur: 40 },
      ]),
    ).toEqual({ root: 50, early: 80, late: 500, before: 40 });
  });

  it('gives a parent no self time when a child covers it entirely', () => {
    expect(
      selfById([
        { id: 'root', start: 0, dur: 100 },
        { id: 'a', parent: 'root', start: 0, dur: 100 },
      ]),
    ).toEqual({ root: 0, a: 100 });
  });

  it('keeps nanosecond precision on epoch-sized times', () => {
    const self = selfById([
      { id: 'root', start: 0, dur: 1_000_000_007 },
      { id: 'a', parent: 'root', start: 3, dur: 999_999_999 },
    ]);
    expect(self.root).toBe(8);
  });

  it('treats a zero-length or negative-duration span as having no time', () => {
    expect(
      selfById([
        { id: 'root', start: 0, dur: 100 },
        { id: 'zero', parent: 'root', start: 10, dur: 0 },
        { id: 'negative', parent: 'root', start: 20, dur: -5 },
      ]),
    ).toEqual({ root: 100, zero: 0, negative: 0 });
  });

  it('handles a 100,000-deep chain', () => {
    const n = 100_000;
    const specs = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      parent: i === 0 ? undefined : `s${i - 1}`,
      start: i,
      dur: 2 * (n - i),
    }));
    const trace = makeTrace(specs);
    const self = selfTimesNs(trace);
    expect(self[indexOf(trace, 's0')]).toBe(2);
    expect(self[indexOf(trace, `s${n - 1}`)]).toBe(2);
    expect(self.reduce((a, b) => a + b, 0)).toBe(2 * n);
  });
});

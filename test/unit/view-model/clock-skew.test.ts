import { describe, expect, it } from 'vitest';
import { clockSkewOf } from '../../../src/view-model/clock-skew.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

describe('clockSkewOf', () => {
  const trace = makeTrace([
    { id: 'a1', start: 40 * MS, dur: 100 * MS, name: 'GET /dispatch' },
    { id: 'b1', parent: 'a1', start: 8 * MS, dur: 50 * MS, name: 'early' },
    { id: 'c1', parent: 'a1', start: 100 * MS, dur: 45 * MS, name: 'late' },
    { id: 'd1', parent: 'a1', start: 30 * MS, dur: 120 * MS, name: 'both' },
    { id: 'e1', parent: 'a1', start: 50 * MS, dur: 10 * MS, name: 'inside' },
  ]);

  it('says how long before its parent a span starts, naming the parent', () => {
    const skew = clockSkewOf(trace, indexOf(trace, 'b1'));
    expect(skew?.text).toBe('starts 32 ms before GET /dispatch');
    expect(skew?.beforeNs).toBe(32 * MS);
  });

  it('says how long after its parent a span ends', () => {
    expect(clockSkewOf(trace, indexOf(trace, 'c1'))?.text).toBe('ends 5 ms after GET /dispatch');
  });

  it('says both when a span starts before and ends after its parent', () => {
    expect(clockSkewOf(trace, indexOf(trace, 'd1'))?.text).toBe(
      'starts 10 ms before and ends 10 ms after GET /dispatch',
    );
  });

  it('says nothing of a span inside its parent, or of a root', () => {
    expect(clockSkewOf(trace, indexOf(trace, 'e1'))).toBeUndefined();
    expect(clockSkewOf(trace, indexOf(trace, 'a1'))).toBeUndefined();
  });

  it('agrees with the tree builder on which spans are skewed', () => {
    const warned = new Set(trace.warnings.filter((w) => w.code === 'clock-skew').map((w) => w.spanIndex));
    const skewed = new Set(trace.spans.map((s) => s.index).filter((i) => clockSkewOf(trace, i) !== undefined));
    expect(skewed).toEqual(warned);
  });
});

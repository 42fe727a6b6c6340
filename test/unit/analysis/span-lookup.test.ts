import { describe, expect, it } from 'vitest';
import { findSpanIndex } from '../../../src/analysis/span-lookup.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

describe('findSpanIndex', () => {
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  const trace = makeTrace(
    [
      { id: 'aaaaaaaaaaaaaaaa', start: 0, dur: 10 },
      { id: 'bbbbbbbbbbbbbbbb', parent: 'aaaaaaaaaaaaaaaa', start: 1, dur: 5 },
    ],
    { traceId },
  );

  it('finds a span by trace id and span id, whatever the case of the hex', () => {
    expect(findSpanIndex(trace, traceId, 'bbbbbbbbbbbbbbbb')).toBe(indexOf(trace, 'bbbbbbbbbbbbbbbb'));
    expect(findSpanIndex(trace, traceId.toUpperCase(), 'BBBBBBBBBBBBBBBB')).toBe(indexOf(trace, 'bbbbbbbbbbbbbbbb'));
  });

  it('returns -1 for a span of another trace or an unknown span', () => {
    expect(findSpanIndex(trace, 'ffffffffffffffffffffffffffffffff', 'bbbbbbbbbbbbbbbb')).toBe(-1);
    expect(findSpanIndex(trace, traceId, 'cccccccccccccccc')).toBe(-1);
  });
});

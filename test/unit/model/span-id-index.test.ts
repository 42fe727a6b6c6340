import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpanIdIndex } from '../../../src/model/span-id-index.ts';

describe('SpanIdIndex', () => {
  it('answers like a Map that keeps the first index of each id, for hex and other ids alike', () => {
    const hexId = fc.stringMatching(/^[0-9a-f]{16}$/);
    const otherId = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^[0-9A-F]{16}$/),
      fc.stringMatching(/^[0-9a-f]{1,15}$/),
      // Zipkin's server halves and pieces of spans: a hex id with a suffix.
      fc
        .tuple(
          fc.constantFrom('0000000000000001', 'a1b2c3d4e5f60718'),
          fc.constantFrom(':server', ':server:2', ':part', 'x', ':serve'),
        )
        .map(([id, suffix]) => id + suffix),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(hexId, otherId, fc.constantFrom('0000000000000001', '0000000000000002')), { maxLength: 200 }),
        fc.array(fc.oneof(hexId, otherId), { maxLength: 50 }),
        (ids, probes) => {
          // Too small a capacity on purpose, half the time: the table grows.
          const index = new SpanIdIndex(ids.length % 2 === 0 ? ids.length : 1);
          const expected = new Map<string, number>();
          ids.forEach((id, i) => {
            expect(index.addFirst(id, i)).toBe(expected.get(id) ?? -1);
            if (!expected.has(id)) expected.set(id, i);
          });
          for (const id of [...ids, ...probes]) expect(index.get(id)).toBe(expected.get(id) ?? -1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps ids apart that differ in one half only, with a full table of sequential ids', () => {
    const ids = Array.from({ length: 4096 }, (_, i) =>
      i % 2 === 0 ? `${i.toString(16).padStart(8, '0')}00000000` : `00000000${i.toString(16).padStart(8, '0')}`,
    );
    const index = new SpanIdIndex(ids.length);
    for (const [i, id] of ids.entries()) expect(index.addFirst(id, i)).toBe(-1);
    for (const [i, id] of ids.entries()) expect(index.get(id)).toBe(i);
    expect(index.get('ffffffffffffffff')).toBe(-1);
  });
});

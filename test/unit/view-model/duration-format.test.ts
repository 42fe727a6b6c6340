import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatExactNs } from '../../../src/view-model/duration.ts';

describe('counts and exact nanoseconds', () => {
  it('group digits in threes as en-US writes them', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(-12_345)).toBe('-12,345');
    expect(formatCount(-0)).toBe('-0');
    expect(formatExactNs(2_010_000_000.4)).toBe('2,010,000,000 ns');
  });

  it('write any number exactly as toLocaleString("en-US")', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true })), (n) => {
        expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
      }),
    );
  });
});

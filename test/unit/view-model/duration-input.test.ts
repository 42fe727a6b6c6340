import { describe, expect, it } from 'vitest';
import { parseDurationInput } from '../../../src/view-model/duration-input.ts';

describe('parseDurationInput', () => {
  it('reads the units people write', () => {
    expect(parseDurationInput('10ms')).toBe(10_000_000);
    expect(parseDurationInput('1.5s')).toBe(1_500_000_000);
    expect(parseDurationInput('500us')).toBe(500_000);
    expect(parseDurationInput('500µs')).toBe(500_000);
    expect(parseDurationInput('200ns')).toBe(200);
    expect(parseDurationInput('2 min')).toBe(120_000_000_000);
    expect(parseDurationInput('1h')).toBe(3_600_000_000_000);
  });

  it('accepts spaces, capitals and what formatDuration writes', () => {
    expect(parseDurationInput(' 12.3 MS ')).toBe(12_300_000);
    expect(parseDurationInput('.5s')).toBe(500_000_000);
  });

  it('reads a bare number as milliseconds, and empty text as no minimum', () => {
    expect(parseDurationInput('5')).toBe(5_000_000);
    expect(parseDurationInput('')).toBe(0);
    expect(parseDurationInput('   ')).toBe(0);
  });

  it('rejects what is not a duration', () => {
    for (const bad of ['abc', '10 parsecs', '-3ms', '1e3ms', 'ms', '1.2.3s'])
      expect(parseDurationInput(bad)).toBeUndefined();
  });
});

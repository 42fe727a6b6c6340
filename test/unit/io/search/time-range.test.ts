import { describe, expect, it } from 'vitest';
import { goDuration, parseSearchDuration } from '../../../../src/io/search/duration-text.ts';
import { lookbackUs, resolveRange, tempoWindow, zipkinWindow } from '../../../../src/io/search/time-range.ts';

const NOW_MS = 1_764_000_000_123;

describe('time ranges', () => {
  it('ends a relative range now and starts it the lookback before, in microseconds', () => {
    const r = resolveRange({ kind: 'relative', lookback: '1h' }, NOW_MS);
    expect(r.endUs).toBe(NOW_MS * 1000);
    expect(r.endUs - r.startUs).toBe(3_600_000_000);
    expect(lookbackUs('2d')).toBe(2 * 86_400 * 1e6);
    expect(lookbackUs('5m')).toBe(300e6);
  });
  it('keeps an absolute range as given', () => {
    expect(resolveRange({ kind: 'absolute', startUs: 1_000_000, endUs: 5_000_000 }, NOW_MS)).toEqual({
      startUs: 1_000_000,
      endUs: 5_000_000,
    });
  });
  it('gives Zipkin its end and lookback in milliseconds', () => {
    expect(zipkinWindow({ startUs: 1_700_000_000_000_000, endUs: 1_700_000_900_000_999 })).toEqual({
      endTs: 1_700_000_900_000,
      lookback: 900_000,
    });
  });
  it('gives Tempo whole seconds that still cover the range', () => {
    expect(tempoWindow({ startUs: 1_700_000_000_500_000, endUs: 1_700_000_010_200_000 })).toEqual({
      start: 1_700_000_000,
      end: 1_700_000_011,
    });
  });
});

describe('search durations', () => {
  it('reads units to microseconds', () => {
    expect(parseSearchDuration('Min', '100ms')).toEqual({ ok: true, us: 100_000 });
    expect(parseSearchDuration('Min', '1.5s')).toEqual({ ok: true, us: 1_500_000 });
    expect(parseSearchDuration('Min', '250us')).toEqual({ ok: true, us: 250 });
    expect(parseSearchDuration('Min', '2m')).toEqual({ ok: true, us: 120_000_000 });
  });
  it('refuses a number without a unit, naming the field', () => {
    const r = parseSearchDuration('Min duration', '100');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Min duration "100" is not a duration/);
  });
  it('writes the shortest exact Go duration', () => {
    expect(goDuration(1_500_000)).toBe('1.5s');
    expect(goDuration(100_000)).toBe('100ms');
    expect(goDuration(250)).toBe('250us');
    expect(goDuration(120_000_000)).toBe('2m');
    expect(goDuration(1_234)).toBe('1.234ms');
  });
});

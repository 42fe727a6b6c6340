// Epoch timestamps in nanoseconds exceed 2^53, so they are carried as whole seconds plus
// nanoseconds: each half is exact in a float64 and differences need no BigInt.

export interface EpochTime {
  readonly sec: number;
  readonly nano: number;
}

const DIGITS = /^\d+$/;

/**
 * The last second of year 9999, the latest epoch time read. Later times are input errors, and
 * bounding them keeps every time and duration, and every difference of two, a finite number.
 */
export const MAX_EPOCH_SEC = 253_402_300_799;
export const MAX_EPOCH_MICROS = MAX_EPOCH_SEC * 1e6;
/** The longest duration read, in microseconds: as long as the whole range of epoch times. */
export const MAX_DURATION_MICROS = MAX_EPOCH_SEC * 1e6;
/** How the readers' warnings describe the range of times they read. */
export const TIME_RANGE_TEXT = 'up to the year 9999';

/** Parses decimal epoch nanoseconds given as a string (exact) or a number (as exact as the number); undefined past MAX_EPOCH_SEC. */
export function epochFromNanos(value: string | number): EpochTime | undefined {
  if (typeof value === 'number') {
    if (!(value >= 0 && value / 1e9 <= MAX_EPOCH_SEC)) return undefined;
    const sec = Math.floor(value / 1e9);
    return { sec, nano: Math.max(0, Math.round(value - sec * 1e9)) };
  }
  const text = value.trim();
  if (!DIGITS.test(text)) return undefined;
  if (text.length <= 9) return { sec: 0, nano: Number(text) };
  const sec = Number(text.slice(0, -9));
  return sec <= MAX_EPOCH_SEC ? { sec, nano: Number(text.slice(-9)) } : undefined;
}

/** Whether `micros` is an epoch time in microseconds that the readers take: from 0 to MAX_EPOCH_MICROS. */
export function isEpochMicros(micros: number): boolean {
  return micros >= 0 && micros <= MAX_EPOCH_MICROS;
}

/** Epoch microseconds, as Jaeger and Zipkin write them (as exact as the number); `micros` must pass isEpochMicros. */
export function epochFromMicros(micros: number): EpochTime {
  const sec = Math.floor(micros / 1e6);
  return { sec, nano: Math.max(0, Math.round((micros - sec * 1e6) * 1000)) };
}

/** a - b in nanoseconds. */
export function epochDiffNs(a: EpochTime, b: EpochTime): number {
  return (a.sec - b.sec) * 1e9 + (a.nano - b.nano);
}

export function epochCompare(a: EpochTime, b: EpochTime): number {
  return a.sec !== b.sec ? a.sec - b.sec : a.nano - b.nano;
}

/** Exact decimal digits of epoch nanoseconds. */
export function epochToString(t: EpochTime): string {
  if (t.sec === 0) return String(t.nano);
  return String(t.sec) + String(t.nano).padStart(9, '0');
}

export const EPOCH_ZERO: EpochTime = { sec: 0, nano: 0 };

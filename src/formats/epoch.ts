// Epoch timestamps in nanoseconds exceed 2^53, so they are carried as whole seconds plus
// nanoseconds: each half is exact in a float64 and differences need no BigInt.

export interface EpochTime {
  readonly sec: number;
  readonly nano: number;
}

const DIGITS = /^\d+$/;

/** Parses decimal epoch nanoseconds given as a string (exact) or a number (as exact as the number). */
export function epochFromNanos(value: string | number): EpochTime | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    const sec = Math.floor(value / 1e9);
    return { sec, nano: Math.max(0, Math.round(value - sec * 1e9)) };
  }
  const text = value.trim();
  if (!DIGITS.test(text)) return undefined;
  if (text.length <= 9) return { sec: 0, nano: Number(text) };
  return { sec: Number(text.slice(0, -9)), nano: Number(text.slice(-9)) };
}

/** Epoch microseconds, as Jaeger and Zipkin write them (they stay below 2^53). */
export function epochFromMicros(micros: number): EpochTime {
  const sec = Math.floor(micros / 1e6);
  return { sec, nano: Math.round((micros - sec * 1e6) * 1000) };
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

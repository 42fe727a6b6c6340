// Durations and times in the unit a person reads: 850 ns, 12.3 µs, 12.3 ms, 2.01 s, 3.5 min.

function threeDigits(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1).replace(/\.0$/, '');
  return value.toFixed(2).replace(/\.?0+$/, '');
}

export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  if (abs < 1000) return `${sign}${Math.round(abs)} ns`;
  if (abs < 1e6) return `${sign}${threeDigits(abs / 1e3)} µs`;
  if (abs < 1e9) return `${sign}${threeDigits(abs / 1e6)} ms`;
  if (abs < 60e9) return `${sign}${threeDigits(abs / 1e9)} s`;
  if (abs < 3600e9) return `${sign}${threeDigits(abs / 60e9)} min`;
  return `${sign}${threeDigits(abs / 3600e9)} h`;
}

/**
 * Digits in groups of three ("1,234,567"), as toLocaleString('en-US') writes them. By hand,
 * because toLocaleString sets up a formatter on every call, and a trace's first paint formats
 * every visible row's exact times.
 */
function groupThousands(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return countFormat.format(n);
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}

const countFormat = new Intl.NumberFormat('en-US');

/** Exact nanoseconds with thousands separators, for tooltips. */
export function formatExactNs(ns: number): string {
  return `${groupThousands(Math.round(ns))} ns`;
}

/** Epoch nanoseconds (decimal digits) to a Date, dropping sub-millisecond digits. */
export function epochNsToDate(epochNs: string): Date {
  const ms = epochNs.length > 6 ? Number(epochNs.slice(0, -6)) : 0;
  return new Date(ms);
}

export function formatCount(n: number): string {
  return groupThousands(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

// The time range of a search: "the last hour" (relative, moves with the clock, and a link
// keeps it relative) or a fixed start and end (absolute, and a link keeps it fixed).

export const LOOKBACKS = ['5m', '15m', '1h', '6h', '24h', '2d', '7d'] as const;
export type Lookback = (typeof LOOKBACKS)[number];

export const LOOKBACK_LABEL: Readonly<Record<Lookback, string>> = {
  '5m': 'Last 5 minutes',
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '2d': 'Last 2 days',
  '7d': 'Last 7 days',
};

export const LOOKBACK_WORDS: Readonly<Record<Lookback, string>> = {
  '5m': 'the last 5 minutes',
  '15m': 'the last 15 minutes',
  '1h': 'the last hour',
  '6h': 'the last 6 hours',
  '24h': 'the last 24 hours',
  '2d': 'the last 2 days',
  '7d': 'the last 7 days',
};

const UNIT_US: Readonly<Record<string, number>> = { m: 60e6, h: 3600e6, d: 86_400e6 };

export function isLookback(value: string | null): value is Lookback {
  return (LOOKBACKS as readonly (string | null)[]).includes(value);
}

export function lookbackUs(lookback: Lookback): number {
  const m = /^(\d+)([mhd])$/.exec(lookback) as RegExpExecArray;
  return Number(m[1]) * UNIT_US[m[2]];
}

/** Epoch microseconds, as Jaeger UI writes start and end; exact as doubles until the year 2255. */
export type TimeRangeChoice =
  | { readonly kind: 'relative'; readonly lookback: Lookback }
  | { readonly kind: 'absolute'; readonly startUs: number; readonly endUs: number };

export interface ResolvedRange {
  readonly startUs: number;
  readonly endUs: number;
}

/** The range in epoch microseconds at `nowMs` (a relative range ends now). */
export function resolveRange(choice: TimeRangeChoice, nowMs: number): ResolvedRange {
  if (choice.kind === 'absolute') return { startUs: choice.startUs, endUs: choice.endUs };
  const endUs = Math.round(nowMs) * 1000;
  return { startUs: endUs - lookbackUs(choice.lookback), endUs };
}

/** Zipkin's end time and lookback, both in milliseconds. */
export function zipkinWindow(range: ResolvedRange): { endTs: number; lookback: number } {
  const endTs = Math.floor(range.endUs / 1000);
  return { endTs, lookback: Math.max(1, endTs - Math.floor(range.startUs / 1000)) };
}

/** Tempo's start and end, whole seconds that still cover the range. */
export function tempoWindow(range: ResolvedRange): { start: number; end: number } {
  return { start: Math.floor(range.startUs / 1e6), end: Math.ceil(range.endUs / 1e6) };
}

/** A datetime-local field's text (local time, minutes) for epoch microseconds, and back. */
export function localInputText(us: number): string {
  const d = new Date(us / 1000);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function parseLocalInput(text: string): number | undefined {
  const ms = new Date(text).getTime();
  return Number.isFinite(ms) && text.trim() !== '' ? ms * 1000 : undefined;
}

export function describeRange(choice: TimeRangeChoice): string {
  if (choice.kind === 'relative') return LOOKBACK_WORDS[choice.lookback];
  const f = (us: number) => new Date(us / 1000).toLocaleString();
  return `${f(choice.startUs)} to ${f(choice.endUs)}`;
}

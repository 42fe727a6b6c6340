// Reads a duration typed by a person ("10ms", "1.5s", "500us", "200ns", "2 min").

const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  sec: 1e9,
  m: 60e9,
  min: 60e9,
  h: 3600e9,
};

/**
 * Nanoseconds, or undefined when the text is not a duration. Empty text is 0 (no minimum).
 * A bare number is read as milliseconds, the unit people most often mean for span durations.
 */
export function parseDurationInput(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return 0;
  const match = /^(\d+(?:\.\d*)?|\.\d+)\s*([a-zµμ]*)$/.exec(trimmed);
  if (!match) return undefined;
  const unit = match[2] === '' ? 'ms' : match[2];
  const scale = UNIT_NS[unit];
  if (scale === undefined) return undefined;
  return Math.round(Number(match[1]) * scale);
}

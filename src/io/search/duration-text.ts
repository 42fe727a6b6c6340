// Durations as the search fields take them ("100ms", "1.5s", "250us", "2m"): Jaeger reads
// them as Go duration strings, Zipkin wants whole microseconds, TraceQL writes them as Go does.

const UNIT_US: Readonly<Record<string, number>> = {
  us: 1,
  µs: 1,
  μs: 1,
  ms: 1e3,
  s: 1e6,
  m: 60e6,
  h: 3600e6,
};

export type DurationCheck =
  | { readonly ok: true; readonly us: number }
  | { readonly ok: false; readonly message: string };

/**
 * Microseconds of a search duration. A unit is required (Jaeger rejects "100"); nanoseconds
 * are refused because neither Jaeger's nor Zipkin's search counts below a microsecond.
 */
export function parseSearchDuration(field: string, text: string): DurationCheck {
  const trimmed = text.trim().toLowerCase();
  const match = /^(\d+(?:\.\d*)?|\.\d+)\s*([a-zµμ]+)$/.exec(trimmed);
  const scale = match ? UNIT_US[match[2]] : undefined;
  if (!match || scale === undefined)
    return {
      ok: false,
      message: `${field} "${text.trim()}" is not a duration: write a number and a unit, e.g. 100ms, 1.5s, 250us, 2m.`,
    };
  return { ok: true, us: Math.round(Number(match[1]) * scale) };
}

/** The shortest exact Go duration string for whole microseconds: 1500000 → "1.5s", 250 → "250us". */
export function goDuration(us: number): string {
  const n = Math.round(us);
  if (n !== 0 && n % 3600e6 === 0) return `${n / 3600e6}h`;
  if (n !== 0 && n % 60e6 === 0) return `${n / 60e6}m`;
  if (n >= 1e6) return `${trimZeros(n / 1e6)}s`;
  if (n >= 1e3) return `${trimZeros(n / 1e3)}ms`;
  return `${n}us`;
}

function trimZeros(x: number): string {
  // Whole microseconds divided by 1e3 or 1e6 have at most 6 decimals.
  return String(Number(x.toFixed(6)));
}

// Narrowing helpers for unknown JSON: parsers check shapes with these rather than casting.

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number, or a string holding one (64-bit fields are often strings in JSON). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * The JSON text of a value read from input, for a message or for text kept in place of a value
 * of the wrong type. Never throws: JSON.stringify runs out of stack on values nested some
 * thousands deep, which JSON.parse reads, and one such value must not make a file unreadable.
 */
export function jsonText(value: unknown): string {
  // JSON.stringify writes a number beyond the double range (1e400 parses as Infinity) as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return nonFiniteText(value);
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) =>
        typeof v === 'number' && !Number.isFinite(v) ? nonFiniteText(v) : v,
      ) ?? String(value)
    );
  } catch {
    return Array.isArray(value) ? '[a value nested too deeply to show]' : '{a value nested too deeply to show}';
  }
}

function nonFiniteText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  return `${value < 0 ? 'a negative' : 'a'} number too large for a double`;
}

export function asArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** Appends a key to a JSON path, quoting keys that are not plain identifiers. */
export function pathKey(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function pathIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

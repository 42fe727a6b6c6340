// Pretty text for attribute values that hold JSON. The text is re-indented token by token
// rather than parsed and printed again, so numbers keep every digit (int64 ids survive) and
// string escapes stay exactly as the producer wrote them. Hostile values (23,000 levels of
// "[[[", hundreds of megabytes) are bounded: indentation stops growing at a depth, the output
// stops at a size, and values too large are not formatted at all.

/** Values longer than this are not formatted: Copy gives the raw value. */
export const PRETTY_MAX_INPUT = 2_000_000;
/** Formatted text stops here, marked as cut. */
export const PRETTY_MAX_OUTPUT = 2_000_000;
/** Deeper levels are indented as this one: indentation would otherwise grow with the square of the depth. */
export const PRETTY_MAX_INDENT = 40;

/** A cheap check, before any parsing: an object or array literal is what is worth formatting. */
export function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (t.length < 2) return false;
  const first = t[0];
  const last = t[t.length - 1];
  return (first === '{' && last === '}') || (first === '[' && last === ']');
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/**
 * The JSON object or array in `text`, indented, or undefined when `text` is not one.
 * Empty containers stay on one line ({} and []).
 */
export function prettyJson(text: string, indentUnit = '  '): string | undefined {
  const result = prettyJsonBounded(text, indentUnit);
  return result.ok ? result.text : undefined;
}

export type PrettyJson =
  | { readonly ok: true; readonly text: string /** The output stopped at PRETTY_MAX_OUTPUT. */; readonly cut: boolean }
  | { readonly ok: false; readonly reason: string };

/** prettyJson with the reason when it cannot: not JSON, or too large to format. */
export function prettyJsonBounded(text: string, indentUnit = '  '): PrettyJson {
  if (text.length > PRETTY_MAX_INPUT)
    return {
      ok: false,
      reason: `Too large to format (${text.length.toLocaleString('en-US')} characters, the limit is ${PRETTY_MAX_INPUT.toLocaleString('en-US')}); Copy gives the whole value.`,
    };
  if (!looksLikeJson(text) || !isValidJson(text)) return { ok: false, reason: 'Not valid JSON.' };
  const out: string[] = [];
  let size = 0;
  const write = (piece: string): void => {
    out.push(piece);
    size += piece.length;
  };
  let depth = 0;
  const indents: string[] = [];
  for (let d = 0; d <= PRETTY_MAX_INDENT; d++) indents.push(`\n${indentUnit.repeat(d)}`);
  const newline = (): void => write(indents[Math.min(Math.max(depth, 0), PRETTY_MAX_INDENT)]);
  let i = nextNonSpace(text, 0);
  while (i < text.length) {
    if (size > PRETTY_MAX_OUTPUT) return { ok: true, text: out.join('').slice(0, PRETTY_MAX_OUTPUT), cut: true };
    const c = text[i];
    if (c === '"') {
      // Copy the string token verbatim, escapes included.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      write(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '{' || c === '[') {
      const after = nextNonSpace(text, i + 1);
      if (text[after] === (c === '{' ? '}' : ']')) {
        write(c + text[after]);
        i = after + 1;
      } else {
        write(c);
        depth++;
        newline();
        i++;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      newline();
      write(c);
      i++;
    } else if (c === ',') {
      write(',');
      newline();
      i++;
    } else if (c === ':') {
      write(': ');
      i++;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else {
      // A literal (number, true, false, null): copy up to the next structural character.
      let j = i;
      while (j < text.length && !',:{}[] \t\n\r'.includes(text[j])) j++;
      write(text.slice(i, j));
      i = j;
    }
  }
  if (size > PRETTY_MAX_OUTPUT) return { ok: true, text: out.join('').slice(0, PRETTY_MAX_OUTPUT), cut: true };
  return { ok: true, text: out.join(''), cut: false };
}

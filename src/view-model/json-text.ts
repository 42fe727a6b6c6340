// Pretty text for attribute values that hold JSON. The text is re-indented token by token
// rather than parsed and printed again, so numbers keep every digit (int64 ids survive) and
// string escapes stay exactly as the producer wrote them.

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
  if (!looksLikeJson(text) || !isValidJson(text)) return undefined;
  const out: string[] = [];
  let depth = 0;
  const newline = (): void => {
    out.push('\n', indentUnit.repeat(depth));
  };
  let i = nextNonSpace(text, 0);
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // Copy the string token verbatim, escapes included.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out.push(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '{' || c === '[') {
      const after = nextNonSpace(text, i + 1);
      if (text[after] === (c === '{' ? '}' : ']')) {
        out.push(c, text[after]);
        i = after + 1;
      } else {
        out.push(c);
        depth++;
        newline();
        i++;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      newline();
      out.push(c);
      i++;
    } else if (c === ',') {
      out.push(',');
      newline();
      i++;
    } else if (c === ':') {
      out.push(': ');
      i++;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else {
      // A literal (number, true, false, null): copy up to the next structural character.
      let j = i;
      while (j < text.length && !',:{}[] \t\n\r'.includes(text[j])) j++;
      out.push(text.slice(i, j));
      i = j;
    }
  }
  return out.join('');
}

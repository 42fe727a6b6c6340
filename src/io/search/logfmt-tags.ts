// Jaeger UI's tag field: logfmt, `http.status_code=500 error=true span.kind="server side"`,
// turned into the key/value pairs Jaeger's search takes.

export type TagsCheck =
  | { readonly ok: true; readonly tags: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly message: string };

function fail(text: string, at: number, what: string): TagsCheck {
  return {
    ok: false,
    message: `Tags: ${what} at character ${at + 1} of "${text}" (write key=value, quote values with spaces).`,
  };
}

/** Parses logfmt pairs; a key alone means "true", as logfmt does. A later key replaces an earlier one. */
export function parseLogfmtTags(text: string): TagsCheck {
  const tags = new Map<string, string>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i])) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && !/[\s="]/.test(text[i])) i++;
    const key = text.slice(keyStart, i);
    if (key === '') return fail(text, i, text[i] === '"' ? 'a quote where a key should be' : 'a missing key');
    if (i >= n || /\s/.test(text[i])) {
      tags.set(key, 'true');
      continue;
    }
    if (text[i] === '"') return fail(text, i, `a quote inside the key "${key}"`);
    i++; // '='
    let value = '';
    if (text[i] === '"') {
      const quoteAt = i;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '\\' && i + 1 < n) {
          value += text[i + 1];
          i += 2;
        } else if (c === '"') {
          closed = true;
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return fail(text, quoteAt, `an unclosed quote in the value of "${key}"`);
      if (i < n && !/\s/.test(text[i])) return fail(text, i, `text right after the quoted value of "${key}"`);
    } else {
      const valueStart = i;
      while (i < n && !/\s/.test(text[i])) i++;
      value = text.slice(valueStart, i);
      if (value.includes('"')) return fail(text, valueStart, `a quote inside the value of "${key}"`);
    }
    tags.set(key, value);
  }
  return { ok: true, tags };
}

/** The tags as logfmt again, quoting values that need it: what a link and the field show. */
export function formatLogfmtTags(tags: ReadonlyMap<string, string>): string {
  return [...tags]
    .map(([k, v]) => (v === '' || /[\s"=\\]/.test(v) ? `${k}="${v.replace(/["\\]/g, (c) => `\\${c}`)}"` : `${k}=${v}`))
    .join(' ');
}

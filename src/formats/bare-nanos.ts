// Epoch nanoseconds written as bare JSON numbers ("startTimeUnixNano": 1736935200008000000, as
// browser SDKs and several agents write them) lose their last digits in JSON.parse: past 2^53 a
// double cannot hold them. When the OTLP reader meets such a number (ParsedBatch.inexactTimes),
// the text is parsed again with the numbers under time keys quoted, so the reader gets the exact
// digits, as from the strings protobuf's JSON writes. This works in every engine (Node's
// JSON.parse gives revivers no source text), and files with string times pay nothing for it.

/** A time key's closing quote and colon, then a bare integer too long for a double to be exact. */
const BARE_NANOS = /((?:UnixNano|unix_nano)"\s*:\s*)(\d{16,})(?=\s*[,}\]])/g;

const KEY_ENDS = ['UnixNano"', 'unix_nano"'] as const;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Whether some time key in `text` holds a bare number (a quick scan; most files hold none). */
function hasBareNanos(text: string): boolean {
  for (const keyEnd of KEY_ENDS) {
    let at = text.indexOf(keyEnd);
    while (at !== -1) {
      let i = at + keyEnd.length;
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 58 /* : */) {
        i++;
        while (isSpace(text.charCodeAt(i))) i++;
        if (isDigit(text.charCodeAt(i))) return true;
      }
      at = text.indexOf(keyEnd, i);
    }
  }
  return false;
}

/**
 * `text` with the long bare integers under OTLP time keys (…UnixNano, …unix_nano) quoted; the
 * same string when there are none. A key's closing quote cannot be inside a string value
 * (there it would be escaped), so only keys match.
 */
export function quoteBareNanos(text: string): string {
  if (!hasBareNanos(text)) return text;
  return text.replace(BARE_NANOS, '$1"$2"');
}

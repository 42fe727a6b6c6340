// Trace text is untrusted and unbounded: a name can be 10 MB, a service can carry U+202E to
// reverse the page's own sentences. Everything the page shows of it goes through here first:
// cut to a length the layout can hold, with the count of what was cut, and with control and
// bidi-formatting characters made visible. Work is O(max), never O(length of the value).

/** Names, services and other one-line labels. */
export const LABEL_MAX = 200;
/** Longer prose: status messages, tooltips' values. */
export const TEXT_MAX = 2000;

export interface BoundedText {
  /** What to show: the first characters, with controls made visible. */
  readonly text: string;
  /** How many characters (UTF-16 code units) of the value are not shown; 0 when all are. */
  readonly cut: number;
}

// C0 controls, DEL and C1 controls; bidi embeddings, overrides, isolates and marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const INVISIBLE_BUT_LINES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  // C0 controls have their own pictures (␀ … ␟, ␡); the rest are named by code point.
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** The prefix of `value` of at most `max` code units, not splitting a surrogate pair. */
function prefix(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = max > 0 && /[\ud800-\udbff]/.test(value[max - 1]) ? max - 1 : max;
  return value.slice(0, end);
}

/**
 * `value` cut to `max` characters with controls made visible. With `keepLines`, line breaks and
 * tabs stay as they are (attribute values and messages hold stack traces and the like).
 */
export function boundText(value: string, max: number = LABEL_MAX, keepLines = false): BoundedText {
  const head = prefix(value, max);
  return {
    text: head.replace(keepLines ? INVISIBLE_BUT_LINES : INVISIBLE, visible),
    cut: value.length - head.length,
  };
}

/** One string for places that take plain text only (title, aria-label, canvas): cut text ends in "…". */
export function boundedLabel(value: string, max: number = LABEL_MAX): string {
  const { text, cut } = boundText(value, max);
  return cut > 0 ? `${text}…` : text;
}

/** "… (1,234,567 more characters)", for saying how much a cut left out. */
export function cutNote(cut: number): string {
  return `${cut.toLocaleString('en-US')} more character${cut === 1 ? '' : 's'}`;
}

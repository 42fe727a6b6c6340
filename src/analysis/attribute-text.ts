// Attribute values as text: one plain rendering (search, statistics, badges), and for the span
// detail pane a type label, a readable rendering of nested values, what a copy button copies,
// the filter match and the one kind of value that may become a link (http/https URLs).
import type { Attribute, AttributeValue } from '../model/trace.ts';

/** An attribute value as text: scalars as written, arrays as [a, b], maps as {k: v}. */
export function attributeValueText(value: AttributeValue): string {
  let text = '';
  // Explicit stack of values still to write and punctuation, so deep nesting cannot overflow.
  const pending: (AttributeValue | string)[] = [value];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item === 'string') {
      text += item;
      continue;
    }
    switch (item.type) {
      case 'string':
      case 'int':
      case 'bytes':
        text += item.value;
        break;
      case 'bool':
      case 'double':
        text += String(item.value);
        break;
      case 'empty':
        break;
      case 'array':
        pending.push(']');
        for (let k = item.value.length - 1; k >= 0; k--) {
          pending.push(item.value[k]);
          if (k > 0) pending.push(', ');
        }
        pending.push('[');
        break;
      case 'map':
        pending.push('}');
        for (let k = item.value.length - 1; k >= 0; k--) {
          pending.push(item.value[k].value, `${item.value[k].key}: `);
          if (k > 0) pending.push(', ');
        }
        pending.push('{');
        break;
    }
  }
  return text;
}

/** Short type name shown beside a value; containers say how many items they hold. */
export function attributeTypeLabel(value: AttributeValue): string {
  switch (value.type) {
    case 'array':
      return `array[${value.value.length}]`;
    case 'map':
      return `map{${value.value.length}}`;
    default:
      return value.type;
  }
}

/** Nesting deeper than this is shown as an ellipsis: hostile input cannot exhaust the stack. */
const MAX_DEPTH = 32;
/** Containers of scalars whose one-line form fits in this many characters stay on one line. */
const INLINE_WIDTH = 72;

function scalarText(value: AttributeValue, quoteStrings: boolean): string {
  switch (value.type) {
    case 'string':
      return quoteStrings ? JSON.stringify(value.value) : value.value;
    case 'int':
      return value.value;
    case 'double':
    case 'bool':
      return String(value.value);
    case 'bytes':
      return quoteStrings ? `base64:${value.value}` : value.value;
    case 'empty':
      return quoteStrings ? 'null' : '';
    case 'array':
    case 'map':
      return '';
  }
}

function isContainer(value: AttributeValue): value is Extract<AttributeValue, { type: 'array' | 'map' }> {
  return value.type === 'array' || value.type === 'map';
}

function nestedText(value: AttributeValue, depth: number, indent: string): string {
  if (!isContainer(value)) return scalarText(value, true);
  if (depth >= MAX_DEPTH) return value.type === 'array' ? '[…]' : '{…}';
  const [open, close] = value.type === 'array' ? ['[', ']'] : ['{', '}'];
  if (value.value.length === 0) return open + close;
  const items =
    value.type === 'array'
      ? value.value.map((v) => ({ prefix: '', v }))
      : value.value.map((a) => ({ prefix: `${JSON.stringify(a.key)}: `, v: a.value }));
  if (items.every((item) => !isContainer(item.v))) {
    const inline = `${open}${items.map((item) => item.prefix + scalarText(item.v, true)).join(', ')}${close}`;
    if (inline.length <= INLINE_WIDTH) return inline;
  }
  const inner = `${indent}  `;
  const lines = items.map((item) => inner + item.prefix + nestedText(item.v, depth + 1, inner));
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}

/**
 * The value as a person reads it: scalars as written (int64 with all its digits), arrays and
 * maps JSON-like with strings quoted, on one line when short and indented otherwise.
 */
export function attributeDisplayText(value: AttributeValue): string {
  return isContainer(value) ? nestedText(value, 0, '') : scalarText(value, false);
}

/** Case-insensitive match of the filter text against the key or the value's text. */
export function attributeMatches(attribute: Attribute, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return (
    attribute.key.toLowerCase().includes(needle) || attributeValueText(attribute.value).toLowerCase().includes(needle)
  );
}

export function filterAttributes(attributes: readonly Attribute[], filter: string): readonly Attribute[] {
  if (filter.trim() === '') return attributes;
  return attributes.filter((a) => attributeMatches(a, filter));
}

/** The URL when the whole text is one absolute http or https URL; anything else is never a link. */
export function httpUrl(text: string): string | undefined {
  const t = text.trim();
  if (!/^https?:\/\/\S+$/i.test(t)) return undefined;
  try {
    const url = new URL(t);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export const FOLD_CHARS = 280;
export const FOLD_LINES = 6;

/** The start of a long text shown before "show more", or undefined when it is short enough to show whole. */
export function foldedPreview(text: string): string | undefined {
  let lineEnd = -1;
  for (let line = 0; line < FOLD_LINES; line++) {
    lineEnd = text.indexOf('\n', lineEnd + 1);
    if (lineEnd === -1) break;
  }
  const cut = Math.min(FOLD_CHARS, lineEnd === -1 ? Infinity : lineEnd);
  if (cut >= text.length) return undefined;
  return `${text.slice(0, cut)}…`;
}

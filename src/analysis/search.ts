// Span search for the waterfall's search box.
//
// The query is split on whitespace and a span matches when every term does (typing more
// narrows the result). A term matches, case-insensitively, when it occurs in the span's name,
// service, span id, an event name, or an attribute key or value (inside arrays and maps too).
// A term of the form key=value also matches an attribute with exactly that key and value
// (compared as text, so "http.status_code=500" finds the int 500 and "error=true" the bool).
import type { Attribute, AttributeValue, Trace } from '../model/trace.ts';
import { attributeValueText } from './attribute-text.ts';

/** Separates fields in the per-span search text; a whitespace-split term never contains it. */
const SEP = '\u0000';

interface SearchText {
  /** Per span: every searchable field, lowercased, SEP-separated. */
  readonly fields: readonly string[];
  /** Per span: SEP + key=value + SEP + ..., lowercased, for exact key=value lookups. */
  readonly pairs: readonly string[];
}

// The search box queries on every keystroke; lowercasing every field once per trace keeps
// each query a plain substring scan.
const searchTextCache = new WeakMap<Trace, SearchText>();

/** Appends the keys and scalar values found in attributes, walking nested maps and arrays. */
function collectAttributes(attributes: readonly Attribute[], fields: string[], pairs: string[]): void {
  // `element` marks array elements: they are matched one by one under the array's key, which
  // was written once already.
  const pending: { key: string; value: AttributeValue; element: boolean }[] = [];
  for (let k = attributes.length - 1; k >= 0; k--) pending.push({ ...attributes[k], element: false });
  while (pending.length > 0) {
    const { key, value, element } = pending.pop()!;
    if (!element) fields.push(key);
    if (value.type === 'array') {
      for (let k = value.value.length - 1; k >= 0; k--) pending.push({ key, value: value.value[k], element: true });
    } else if (value.type === 'map') {
      for (let k = value.value.length - 1; k >= 0; k--) pending.push({ ...value.value[k], element: false });
    } else {
      const text = attributeValueText(value);
      fields.push(text);
      pairs.push(`${key}=${text}`);
    }
  }
}

function buildSearchText(trace: Trace): SearchText {
  const fields: string[] = new Array(trace.spans.length);
  const pairs: string[] = new Array(trace.spans.length);
  const spanFields: string[] = [];
  const spanPairs: string[] = [];
  for (let i = 0; i < trace.spans.length; i++) {
    const span = trace.spans[i];
    spanFields.length = 0;
    spanPairs.length = 0;
    spanFields.push(span.name, span.serviceName, span.spanId);
    for (const event of span.events) spanFields.push(event.name);
    collectAttributes(span.attributes, spanFields, spanPairs);
    fields[i] = spanFields.join(SEP).toLowerCase();
    pairs[i] = spanPairs.length === 0 ? '' : (SEP + spanPairs.join(SEP) + SEP).toLowerCase();
  }
  return { fields, pairs };
}

function searchTextOf(trace: Trace): SearchText {
  let text = searchTextCache.get(trace);
  if (text === undefined) {
    text = buildSearchText(trace);
    searchTextCache.set(trace, text);
  }
  return text;
}

interface Term {
  readonly text: string;
  /** SEP + key=value + SEP when the term has the key=value form. */
  readonly pair?: string;
}

function parseTerms(query: string): Term[] {
  const terms: Term[] = [];
  for (const word of query.toLowerCase().split(/\s+/)) {
    if (word === '') continue;
    const eq = word.indexOf('=');
    terms.push(eq > 0 ? { text: word, pair: SEP + word + SEP } : { text: word });
  }
  return terms;
}

/** Indexes of the spans matching the query, in tree preorder; an empty query matches nothing. */
export function searchSpans(trace: Trace, query: string): Int32Array {
  const terms = parseTerms(query);
  if (terms.length === 0) return new Int32Array(0);
  const { fields, pairs } = searchTextOf(trace);
  const preorder = trace.tree.preorder;
  const found = new Int32Array(preorder.length);
  let count = 0;
  for (let k = 0; k < preorder.length; k++) {
    const i = preorder[k];
    let all = true;
    for (const term of terms) {
      if (fields[i].includes(term.text)) continue;
      if (term.pair !== undefined && pairs[i].includes(term.pair)) continue;
      all = false;
      break;
    }
    if (all) found[count++] = i;
  }
  return found.slice(0, count);
}

/** Marks the matches and all their ancestors (for "show only matches"); each span is marked once. */
export function spansWithAncestors(trace: Trace, matches: Int32Array): Uint8Array {
  const parent = trace.tree.parent;
  const marked = new Uint8Array(trace.spans.length);
  for (let k = 0; k < matches.length; k++) {
    for (let i = matches[k]; i !== -1 && marked[i] === 0; i = parent[i]) marked[i] = 1;
  }
  return marked;
}

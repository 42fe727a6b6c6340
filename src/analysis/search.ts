// Span search for the waterfall's search box.
//
// The query is split on whitespace and a span matches when every term does (typing more
// narrows the result). A term matches, case-insensitively, when it occurs in the span's name,
// service, span id, an event name, or an attribute key or value (inside arrays and maps too).
// A term of the form key=value also matches an attribute with exactly that key and value
// (compared as text, so "http.status_code=500" finds the int 500 and "error=true" the bool).
import type { Attribute, AttributeValue, Span, Trace } from '../model/trace.ts';
import { attributeValueText } from './attribute-text.ts';

/** Separates fields in the per-span search text; a term never contains it (parseTerms drops it). */
const SEP = '\u0000';
/**
 * Stands for an attribute key in the text (a field of its own), in the order of the span's
 * keys in keyIds: keys repeat in every span and would be half the text, so each distinct key is
 * written once, in SearchText.keys. A key=value term finds the key of a value by counting the
 * markers before it. Never found in a field's own text (fieldText replaces it).
 */
const KEY = '\u0001';

/**
 * The searchable text of a run of spans, lowercased once per trace (the search box queries on
 * every keystroke). Span firstSpan + k's text is fields[fieldStarts[k] .. fieldStarts[k + 1]),
 * SEP-separated and SEP-led, so a term (which never holds SEP) cannot match across two fields or
 * two spans. Long strings and offset columns rather than a string a span, so that the parsing
 * worker can build it and hand it over cheaply.
 */
export interface SearchTextChunk {
  readonly firstSpan: number;
  /**
   * Every searchable field: name, service, span id, event names, then the attributes, each key
   * (a KEY field) followed by its value, or by its elements or entries for arrays and maps.
   */
  readonly fields: string;
  readonly fieldStarts: Int32Array;
  /** Span firstSpan + k's keys, in text order, are keyIds[keyStarts[k] .. keyStarts[k + 1]) (into SearchText.keys). */
  readonly keyStarts: Int32Array;
  readonly keyIds: Int32Array | Uint16Array;
}

/** The search text of a trace, in chunks that keep each string far below V8's length limit. */
export interface SearchText {
  readonly chunks: readonly SearchTextChunk[];
  /** Every attribute key of the trace, lowercased, once. */
  readonly keys: readonly string[];
}

/**
 * A chunk is closed at the next span once its text is this long. Small enough that joining a
 * chunk's parts (both alive for a moment) adds little to the worker's peak memory on a
 * million-span trace; large enough that a query runs a few hundred searches at most.
 */
const CHUNK_CHARS = 1 << 22;

const searchTextCache = new WeakMap<Trace, SearchText>();

/** A field as searched: a KEY in it would be counted as a key's place. */
function fieldText(text: string): string {
  return text.includes(KEY) ? text.replaceAll(KEY, ' ') : text;
}

/** The distinct keys of a trace, numbered as they are first met. */
class KeyTable {
  readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key.toLowerCase());
      this.ids.set(key, id);
    }
    return id;
  }
}

/**
 * Appends the keys (a KEY field each, its id to `keyIds`) and scalar values found in
 * attributes, walking nested maps and arrays.
 */
function collectAttributes(
  attributes: readonly Attribute[],
  fields: string[],
  keyIds: number[],
  table: KeyTable,
): void {
  let pending: { key: string; value: AttributeValue; element: boolean }[] | undefined;
  for (const { key, value } of attributes) {
    if (value.type === 'array' || value.type === 'map') {
      (pending ??= []).length = 0;
      pending.push({ key, value, element: false });
      collectNested(pending, fields, keyIds, table);
      continue;
    }
    fields.push(KEY, fieldText(attributeValueText(value)));
    keyIds.push(table.id(key));
  }
}

/**
 * Walks nested values with an explicit stack. `element` marks array elements: they are matched
 * one by one under the array's key, which was written once already.
 */
function collectNested(
  pending: { key: string; value: AttributeValue; element: boolean }[],
  fields: string[],
  keyIds: number[],
  table: KeyTable,
): void {
  while (pending.length > 0) {
    const { key, value, element } = pending.pop()!;
    if (!element) {
      fields.push(KEY);
      keyIds.push(table.id(key));
    }
    if (value.type === 'array') {
      for (let k = value.value.length - 1; k >= 0; k--) pending.push({ key, value: value.value[k], element: true });
    } else if (value.type === 'map') {
      for (let k = value.value.length - 1; k >= 0; k--) pending.push({ ...value.value[k], element: false });
    } else {
      fields.push(fieldText(attributeValueText(value)));
    }
  }
}

/**
 * Spans read one at a time, in order, once each: a trace's own, or spans made afresh from packed
 * columns that nothing keeps (the worker's, whose parsed spans are gone once packed).
 */
export interface SpanSequence {
  readonly length: number;
  spanAt(index: number): Span;
}

function spansOf(trace: Trace): SpanSequence {
  const { spans } = trace;
  return { length: spans.length, spanAt: (index) => spans[index] };
}

/** Builds a trace's search text a slice of spans at a time (the worker does it between other work). */
export class SearchTextBuilder {
  private readonly chunks: SearchTextChunk[] = [];
  private readonly keyTable = new KeyTable();
  private firstSpan = 0;
  private fieldParts: string[] = [];
  private fieldStarts: number[] = [0];
  private fieldLength = 0;
  private keyIds: number[] = [];
  private keyStarts: number[] = [0];
  private next = 0;

  /** `chunkChars` is where a chunk closes; tests lower it to exercise several chunks. */
  constructor(
    private readonly spans: SpanSequence,
    private readonly chunkChars: number = CHUNK_CHARS,
  ) {}

  /** Adds up to `count` more spans; true when every span is in. */
  add(count: number): boolean {
    const { spans } = this;
    const end = Math.min(spans.length, this.next + count);
    const spanFields: string[] = [];
    for (let i = this.next; i < end; i++) {
      if (this.fieldLength >= this.chunkChars) this.closeChunk(i);
      const span = spans.spanAt(i);
      spanFields.length = 0;
      spanFields.push(fieldText(span.name), fieldText(span.serviceName), fieldText(span.spanId));
      for (const event of span.events) spanFields.push(fieldText(event.name));
      collectAttributes(span.attributes, spanFields, this.keyIds, this.keyTable);
      this.keyStarts.push(this.keyIds.length);
      // Lowercased span by span: lowercasing can change a string's length, which must stay known.
      const fields = (SEP + spanFields.join(SEP)).toLowerCase();
      this.fieldParts.push(fields);
      this.fieldLength += fields.length;
      this.fieldStarts.push(this.fieldLength);
    }
    this.next = end;
    return end === spans.length;
  }

  private closeChunk(nextFirstSpan: number): void {
    const fewKeys = this.keyTable.keys.length <= 0xffff;
    this.chunks.push({
      firstSpan: this.firstSpan,
      fields: this.fieldParts.join(''),
      fieldStarts: Int32Array.from(this.fieldStarts),
      keyStarts: Int32Array.from(this.keyStarts),
      keyIds: fewKeys ? Uint16Array.from(this.keyIds) : Int32Array.from(this.keyIds),
    });
    this.firstSpan = nextFirstSpan;
    this.fieldParts = [];
    this.fieldStarts = [0];
    this.fieldLength = 0;
    this.keyIds = [];
    this.keyStarts = [0];
  }

  finish(): SearchText {
    this.add(Infinity);
    this.closeChunk(this.spans.length);
    return { chunks: this.chunks, keys: this.keyTable.keys };
  }
}

/** The columns of a search text, which can move between threads without a copy. */
export function searchTextBuffers(text: SearchText): ArrayBuffer[] {
  return text.chunks.flatMap((c) => [c.fieldStarts.buffer, c.keyStarts.buffer, c.keyIds.buffer] as ArrayBuffer[]);
}

export function buildSearchText(trace: Trace, chunkChars?: number): SearchText {
  return new SearchTextBuilder(spansOf(trace), chunkChars).finish();
}

/** Hands over search text built elsewhere (by the parsing worker), unless the trace has its own by now. */
export function provideSearchText(trace: Trace, text: SearchText): void {
  if (!searchTextCache.has(trace)) searchTextCache.set(trace, text);
}

function searchTextOf(trace: Trace): SearchText {
  let text = searchTextCache.get(trace);
  if (text === undefined) {
    text = buildSearchText(trace);
    searchTextCache.set(trace, text);
  }
  return text;
}

interface KeyValue {
  readonly key: string;
  readonly value: string;
}

interface Term {
  readonly text: string;
  /** The ways a key=value term divides into key and value (a key may hold '=' too). */
  readonly pairs: readonly KeyValue[];
}

function parseTerms(query: string): Term[] {
  const terms: Term[] = [];
  // The separators are dropped: a term holding one could match across two fields.
  for (const word of query.toLowerCase().replaceAll(SEP, '').replaceAll(KEY, '').split(/\s+/)) {
    if (word === '') continue;
    const pairs: KeyValue[] = [];
    for (let eq = word.indexOf('=', 1); eq !== -1; eq = word.indexOf('=', eq + 1))
      pairs.push({ key: word.slice(0, eq), value: word.slice(eq + 1) });
    terms.push({ text: word, pairs });
  }
  return terms;
}

/**
 * Counts, in `hits`, the spans of a chunk whose text holds `needle`, once per term (`seen` holds
 * the last term that counted for a span). Scans the text with the engine's own search and goes
 * on from the next span after a hit, so a term costs one pass whatever it matches.
 */
function markSpans(
  text: string,
  starts: Int32Array,
  firstSpan: number,
  needle: string,
  term: number,
  seen: Int32Array,
  hits: Int32Array,
): void {
  let k = 0;
  let at = text.indexOf(needle);
  while (at !== -1) {
    // Hits come in increasing order, so the span only ever moves forward.
    while (starts[k + 1] <= at) k++;
    const span = firstSpan + k;
    if (seen[span] !== term) {
      seen[span] = term;
      hits[span]++;
    }
    at = text.indexOf(needle, starts[k + 1]);
  }
}

/** As markSpans, for spans with a key that holds the term: each span's key ids are looked up in `matchingKeys`. */
function markKeys(
  chunk: SearchTextChunk,
  matchingKeys: Uint8Array,
  term: number,
  seen: Int32Array,
  hits: Int32Array,
): void {
  const { keyStarts, keyIds, firstSpan } = chunk;
  const spanCount = keyStarts.length - 1;
  for (let k = 0; k < spanCount; k++) {
    const span = firstSpan + k;
    if (seen[span] === term) continue;
    for (let j = keyStarts[k]; j < keyStarts[k + 1]; j++) {
      if (matchingKeys[keyIds[j]] === 1) {
        seen[span] = term;
        hits[span]++;
        break;
      }
    }
  }
}

/**
 * As markSpans, for spans with an attribute whose whole value is `pair.value` (an array's
 * element counts) under the key `pair.key`: for each field equal to the value, the KEY fields
 * before it in its span say which of the span's keys it belongs to.
 */
function markPairs(
  chunk: SearchTextChunk,
  keys: readonly string[],
  pair: KeyValue,
  term: number,
  seen: Int32Array,
  hits: Int32Array,
): void {
  const { fields: text, fieldStarts: starts, firstSpan, keyStarts, keyIds } = chunk;
  const needle = SEP + pair.value;
  let k = 0;
  let at = text.indexOf(needle);
  while (at !== -1) {
    while (starts[k + 1] <= at) k++;
    const after = at + needle.length;
    const wholeField = after === starts[k + 1] || text[after] === SEP;
    if (wholeField && seen[firstSpan + k] !== term) {
      let keysBefore = 0;
      for (let m = text.indexOf(KEY, starts[k]); m !== -1 && m < at; m = text.indexOf(KEY, m + 1)) keysBefore++;
      if (keysBefore > 0 && keys[keyIds[keyStarts[k] + keysBefore - 1]] === pair.key) {
        seen[firstSpan + k] = term;
        hits[firstSpan + k]++;
      }
    }
    at = text.indexOf(needle, at + 1);
  }
}

/** Indexes of the spans matching the query, in tree preorder; an empty query matches nothing. */
export function searchSpans(trace: Trace, query: string): Int32Array {
  const terms = parseTerms(query);
  if (terms.length === 0) return new Int32Array(0);
  const { chunks, keys } = searchTextOf(trace);
  const n = trace.spans.length;
  // How many terms each span matches; a span matches the query when it matches all of them.
  const hits = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  const matchingKeys = new Uint8Array(keys.length);
  terms.forEach((term, t) => {
    let anyKey = false;
    for (let id = 0; id < keys.length; id++) {
      matchingKeys[id] = keys[id].includes(term.text) ? 1 : 0;
      anyKey ||= matchingKeys[id] === 1;
    }
    for (const c of chunks) {
      markSpans(c.fields, c.fieldStarts, c.firstSpan, term.text, t, seen, hits);
      if (anyKey) markKeys(c, matchingKeys, t, seen, hits);
      for (const pair of term.pairs) markPairs(c, keys, pair, t, seen, hits);
    }
  });
  const preorder = trace.tree.preorder;
  const found = new Int32Array(n);
  let count = 0;
  for (let k = 0; k < n; k++) {
    const i = preorder[k];
    if (hits[i] === terms.length) found[count++] = i;
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

// Writes a trace into the packed form the worker posts to the page (see packed-trace.ts).
// One pass over the spans; strings that repeat (names, services, keys) are stored once.
import { DeferredAttributesSpan, type ScalarSink, type ScalarType } from '../formats/parsed.ts';
import type { Attribute, AttributeValue, InstrumentationScope, Resource, Span, Trace } from '../model/trace.ts';
import {
  HAS_ATTRIBUTES,
  HAS_EVENTS,
  HAS_LINKS,
  HAS_PARENT_ID,
  HAS_STATUS_MESSAGE,
  KIND_CODES,
  RELATION_CODES,
  STATUS_CODES,
  TAG_ARRAY,
  TAG_BOOL,
  TAG_BYTES,
  TAG_DOUBLE,
  TAG_EMPTY,
  TAG_INT,
  TAG_MAP,
  TAG_STRING,
  KEYED_TAG_BITS,
  type PackedSpans,
  type PackedTrace,
  type TextChunk,
} from './packed-trace.ts';

/**
 * A chunk of text is closed at the next span once it is this long: far below V8's string limit,
 * and small enough that a chunk's parts and their join, both alive while it closes, add little
 * to the worker's peak memory.
 */
const CHUNK_CHARS = 1 << 22;

const KIND_CODE = new Map<string, number>(KIND_CODES.map((k, i) => [k, i]));
const STATUS_CODE = new Map<string, number>(STATUS_CODES.map((k, i) => [k, i]));
const RELATION_CODE = new Map<string, number>(RELATION_CODES.map((k, i) => [k, i]));

/** A typed array filled from the front, doubling when full; `push` returns the value's index. */
class NumberStream<T extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>> {
  length = 0;
  constructor(
    public data: T,
    private readonly allocate: (length: number) => T,
  ) {}
  push(value: number): number {
    if (this.length === this.data.length) {
      const next = this.allocate(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = value;
    return this.length++;
  }
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}

const int32Stream = (capacity: number) =>
  new NumberStream(new Int32Array(Math.max(16, capacity)), (length) => new Int32Array(length));
const float64Stream = (capacity: number) =>
  new NumberStream(new Float64Array(Math.max(16, capacity)), (length) => new Float64Array(length));

/** A container being written: its items, and how many are done. */
interface ContainerFrame {
  readonly isMap: boolean;
  readonly items: readonly (AttributeValue | Attribute)[];
  next: number;
}

/** The key word of an array's element, which has none. */
const NO_KEY = -1;

/** A value's tag, with the key word of an attribute or map entry before it (see KEYED_TAG_BITS). */
function valueHead(tag: number, keyWord: number): number {
  return keyWord === NO_KEY ? tag : (keyWord << KEYED_TAG_BITS) | tag;
}

class TracePacker implements ScalarSink {
  readonly detail: NumberStream<Int32Array<ArrayBuffer>>;
  // Most spans have no doubles or events; a file of thousands of small traces packs each alone.
  readonly numbers = float64Stream(16);
  readonly words: string[] = [];
  private readonly wordIndex = new Map<string, number>();
  readonly chunks: TextChunk[] = [];
  private parts: string[] = [];
  /** The text of the span being packed: one part a span, not one a string, makes the join several times cheaper. */
  private spanText = '';
  private chunkLength = 0;

  constructor(
    spanCount: number,
    private readonly chunkChars: number,
  ) {
    this.detail = int32Stream(spanCount * 16);
  }

  word(text: string): number {
    let index = this.wordIndex.get(text);
    if (index === undefined) {
      index = this.words.length;
      this.words.push(text);
      this.wordIndex.set(text, index);
    }
    return index;
  }

  /** Starts a new text chunk at span `index` when the current one is long enough. */
  beginSpan(index: number): void {
    this.endSpanText();
    if (index === 0 || this.chunkLength >= this.chunkChars) this.closeChunk(index);
  }

  private endSpanText(): void {
    if (this.spanText === '') return;
    this.parts.push(this.spanText);
    this.spanText = '';
  }

  closeChunk(nextFirstSpan: number): void {
    this.endSpanText();
    if (this.chunks.length > 0) {
      const last = this.chunks[this.chunks.length - 1];
      this.chunks[this.chunks.length - 1] = { firstSpan: last.firstSpan, text: this.parts.join('') };
    }
    if (nextFirstSpan >= 0) this.chunks.push({ firstSpan: nextFirstSpan, text: '' });
    this.parts = [];
    this.chunkLength = 0;
  }

  /** Where the next text goes in the chunk: a record's strings follow on from its start. */
  get textOffset(): number {
    return this.chunkLength;
  }

  text(value: string): void {
    this.detail.push(value.length);
    this.spanText += value;
    this.chunkLength += value.length;
  }

  attributes(list: readonly Attribute[]): void {
    this.detail.push(list.length);
    for (let i = 0; i < list.length; i++) this.value(list[i].value, this.word(list[i].key));
  }

  /** One attribute of a list the parser left unread (ScalarSink). */
  scalar(key: string, type: ScalarType, value: string | number | boolean): void {
    this.scalarValue(type, value, this.word(key));
  }

  private scalarValue(type: ScalarType, value: string | number | boolean, keyWord: number): void {
    const detail = this.detail;
    switch (type) {
      case 'string':
        detail.push(valueHead(TAG_STRING, keyWord));
        this.text(value as string);
        return;
      case 'int':
        detail.push(valueHead(TAG_INT, keyWord));
        this.text(value as string);
        return;
      case 'bytes':
        detail.push(valueHead(TAG_BYTES, keyWord));
        this.text(value as string);
        return;
      case 'bool':
        detail.push(valueHead(TAG_BOOL, keyWord));
        detail.push(value === true ? 1 : 0);
        return;
      case 'double':
        detail.push(valueHead(TAG_DOUBLE, keyWord));
        detail.push(this.numbers.push(value as number));
        return;
    }
  }

  /**
   * Writes a value, a container before its items. Nesting depth is chosen by whoever wrote the
   * trace, so containers are walked with an explicit stack, not by recursion.
   */
  value(value: AttributeValue, keyWord: number): void {
    if (value.type !== 'array' && value.type !== 'map') {
      this.valueHead(value, undefined, keyWord);
      return;
    }
    const stack: ContainerFrame[] = [];
    this.valueHead(value, stack, keyWord);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next === frame.items.length) {
        stack.pop();
        continue;
      }
      const item = frame.items[frame.next++];
      if (frame.isMap) {
        const entry = item as Attribute;
        this.valueHead(entry.value, stack, this.word(entry.key));
      } else this.valueHead(item as AttributeValue, stack, NO_KEY);
    }
  }

  /** Writes a scalar whole, or a container's tag and count, leaving its items to `stack`. */
  private valueHead(value: AttributeValue, stack: ContainerFrame[] | undefined, keyWord: number): void {
    const detail = this.detail;
    switch (value.type) {
      case 'array':
      case 'map':
        detail.push(valueHead(value.type === 'array' ? TAG_ARRAY : TAG_MAP, keyWord));
        detail.push(value.value.length);
        if (value.value.length > 0) stack?.push({ isMap: value.type === 'map', items: value.value, next: 0 });
        return;
      case 'empty':
        detail.push(valueHead(TAG_EMPTY, keyWord));
        return;
      default:
        this.scalarValue(value.type, value.value, keyWord);
    }
  }

  span(span: Span): number {
    let flags = 0;
    this.text(span.spanId);
    if (span.parentSpanId !== undefined) {
      flags |= HAS_PARENT_ID;
      this.text(span.parentSpanId);
    }
    if (span.status.message !== undefined) {
      flags |= HAS_STATUS_MESSAGE;
      this.text(span.status.message);
    }
    // A list the parser left unread goes from its JSON straight into the stream.
    const deferred = span instanceof DeferredAttributesSpan ? span : undefined;
    const unread = deferred === undefined ? -1 : deferred.unreadAttributeCount();
    if (unread > 0) {
      flags |= HAS_ATTRIBUTES;
      this.detail.push(unread);
      deferred?.visitUnreadAttributes(this);
    } else if (unread === -1 && span.attributes.length > 0) {
      flags |= HAS_ATTRIBUTES;
      this.attributes(span.attributes);
    }
    if (span.events.length > 0) {
      flags |= HAS_EVENTS;
      this.detail.push(span.events.length);
      for (const event of span.events) {
        this.detail.push(this.numbers.push(event.timeNs));
        this.detail.push(this.word(event.name));
        this.attributes(event.attributes);
      }
    }
    if (span.links.length > 0) {
      flags |= HAS_LINKS;
      this.detail.push(span.links.length);
      for (const link of span.links) {
        this.text(link.traceId);
        this.text(link.spanId);
        this.detail.push(RELATION_CODE.get(link.relation) ?? 0);
        this.attributes(link.attributes);
      }
    }
    return flags;
  }
}

/** Index of each distinct object (by identity) in first-seen order. */
class ObjectTable<T extends object> {
  readonly list: T[] = [];
  private readonly index = new Map<T, number>();
  private last: T | undefined;
  private lastIndex = -1;
  indexOf(item: T): number {
    // Neighbouring spans mostly share a resource and scope.
    if (item === this.last) return this.lastIndex;
    let index = this.index.get(item);
    if (index === undefined) {
      index = this.list.length;
      this.list.push(item);
      this.index.set(item, index);
    }
    this.last = item;
    this.lastIndex = index;
    return index;
  }
}

/** `traceId` is the trace's: the page gives it to every span, so each must have it. */
function packSpans(spans: readonly Span[], traceId: string, chunkChars: number, letGo: boolean): PackedSpans {
  const n = spans.length;
  const packer = new TracePacker(n, chunkChars);
  const startNs = new Float64Array(n);
  const durationNs = new Float64Array(n);
  const nameWord = new Int32Array(n);
  const serviceWord = new Int32Array(n);
  const kind = new Uint8Array(n);
  const statusCode = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const resource = new Int32Array(n);
  const scope = new Int32Array(n);
  const detailStart = new Int32Array(n);
  const textStart = new Int32Array(n);
  const resources = new ObjectTable<Resource>();
  const scopes = new ObjectTable<InstrumentationScope>();
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    // buildTraces groups spans by trace id, so this holds; a span it failed for would be misnamed.
    if (span.traceId !== traceId) throw new Error(`span ${span.spanId} is not of trace ${traceId}`);
    packer.beginSpan(i);
    detailStart[i] = packer.detail.length;
    textStart[i] = packer.textOffset;
    startNs[i] = span.startNs;
    durationNs[i] = span.durationNs;
    nameWord[i] = packer.word(span.name);
    serviceWord[i] = packer.word(span.serviceName);
    kind[i] = KIND_CODE.get(span.kind) ?? 0;
    statusCode[i] = STATUS_CODE.get(span.status.code) ?? 0;
    resource[i] = resources.indexOf(span.resource);
    scope[i] = span.scope === undefined ? -1 : scopes.indexOf(span.scope);
    flags[i] = packer.span(span);
    // Each span packed can be collected while the rest are packed (see packTrace).
    if (letGo) (spans as (Span | undefined)[])[i] = undefined;
  }
  // Resources and scopes follow the spans as records of their own (see PackedSpans.detailStart).
  const records = n + resources.list.length + scopes.list.length;
  const recordStart = new Int32Array(records + 1);
  recordStart.set(detailStart.subarray(0, n));
  const recordText = new Int32Array(records);
  recordText.set(textStart);
  let record = n;
  for (const { serviceName, attributes } of resources.list) {
    packer.beginSpan(record);
    recordText[record] = packer.textOffset;
    recordStart[record++] = packer.detail.length;
    packer.text(serviceName);
    packer.attributes(attributes);
  }
  for (const { name, version, attributes } of scopes.list) {
    packer.beginSpan(record);
    recordText[record] = packer.textOffset;
    recordStart[record++] = packer.detail.length;
    packer.text(name);
    packer.detail.push(version === undefined ? 0 : 1);
    if (version !== undefined) packer.text(version);
    packer.attributes(attributes);
  }
  recordStart[records] = packer.detail.length;
  packer.closeChunk(-1);
  return {
    count: n,
    startNs,
    durationNs,
    nameWord,
    serviceWord,
    kind,
    statusCode,
    flags,
    resource,
    scope,
    words: packer.words,
    resourceCount: resources.list.length,
    scopeCount: scopes.list.length,
    detailStart: recordStart,
    textStart: recordText,
    detail: packer.detail.finish(),
    numbers: packer.numbers.finish(),
    chunks: packer.chunks,
  };
}

export interface PackOptions {
  /** Where a text chunk closes; tests lower it to exercise several chunks. */
  readonly chunkChars?: number;
  /**
   * Empties the trace's span list as it packs, so that the parsed spans (several times the packed
   * size) need not all live until the end: for the worker, which has no use for them afterwards.
   */
  readonly letGoOfSpans?: boolean;
}

export function packTrace(trace: Trace, options: PackOptions = {}): PackedTrace {
  const { spans, ...rest } = trace;
  const packed = packSpans(spans, trace.traceId, options.chunkChars ?? CHUNK_CHARS, options.letGoOfSpans ?? false);
  return { ...rest, packed };
}

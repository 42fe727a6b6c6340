// The page's side of packed-trace.ts: spans that read their fields from the packed columns.
// Attributes, events, links and a status message are decoded on first use and kept, so a
// 100,000-span trace costs the page only what it shows or searches.
import type { SpanSequence } from '../analysis/search.ts';
import { EMPTY_VALUE, NO_ATTRIBUTES, NO_EVENTS, NO_LINKS, STATUS_ONLY } from '../model/shared-values.ts';
import type {
  Attribute,
  AttributeValue,
  InstrumentationScope,
  Resource,
  Span,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanStatus,
  StatusCode,
  Trace,
} from '../model/trace.ts';
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
  TAG_INT,
  TAG_MAP,
  TAG_STRING,
  KEYED_TAG_BITS,
  type PackedSpans,
  type PackedTrace,
} from './packed-trace.ts';

const TAG_MASK = (1 << KEYED_TAG_BITS) - 1;

interface SpanDetails {
  readonly attributes: readonly Attribute[];
  readonly events: readonly SpanEvent[];
  readonly links: readonly SpanLink[];
}

function chunkText(source: PackedSpans, spanIndex: number): string {
  const chunks = source.chunks;
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].firstSpan <= spanIndex) lo = mid;
    else hi = mid - 1;
  }
  return chunks[lo]?.text ?? '';
}

/** A container being read: where its items go, and how many are still to come. */
interface ContainerFrame {
  readonly array: AttributeValue[] | undefined;
  readonly map: Attribute[] | undefined;
  left: number;
}

/** Reads one span's run of the detail stream, in the order pack-trace.ts wrote it. */
class DetailReader {
  private at: number;
  /** Where the next string starts in the chunk's text. */
  private textAt: number;
  private readonly detail: Int32Array;
  private readonly text: string;

  /** Starts at the span's own id, which comes first in its run, then its parent's id. */
  constructor(
    private readonly source: PackedSpans,
    spanIndex: number,
  ) {
    this.at = source.detailStart[spanIndex];
    this.textAt = source.textStart[spanIndex];
    this.detail = source.detail;
    this.text = chunkText(source, spanIndex);
  }

  skipString(): void {
    this.textAt += this.next();
  }

  next(): number {
    return this.detail[this.at++];
  }

  string(): string {
    const start = this.textAt;
    this.textAt += this.next();
    return this.text.slice(start, this.textAt);
  }

  attributes(): readonly Attribute[] {
    const count = this.next();
    if (count === 0) return NO_ATTRIBUTES;
    const list: Attribute[] = new Array(count);
    for (let k = 0; k < count; k++) {
      const head = this.next();
      list[k] = { key: this.source.words[head >>> KEYED_TAG_BITS], value: this.value(head & TAG_MASK) };
    }
    return list;
  }

  /** Reads a value with this tag; containers are filled from an explicit stack (see the packer's `value`). */
  value(tag: number): AttributeValue {
    const stack: ContainerFrame[] = [];
    const root = this.valueHead(stack, tag);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.left === 0) {
        stack.pop();
        continue;
      }
      frame.left--;
      if (frame.map !== undefined) {
        const head = this.next();
        frame.map.push({
          key: this.source.words[head >>> KEYED_TAG_BITS],
          value: this.valueHead(stack, head & TAG_MASK),
        });
      } else frame.array!.push(this.valueHead(stack, this.next()));
    }
    return root;
  }

  /** A scalar whole, or a container whose items `stack` is left to read. */
  private valueHead(stack: ContainerFrame[], tag: number): AttributeValue {
    switch (tag) {
      case TAG_STRING:
        return { type: 'string', value: this.string() };
      case TAG_INT:
        return { type: 'int', value: this.string() };
      case TAG_BYTES:
        return { type: 'bytes', value: this.string() };
      case TAG_BOOL:
        return { type: 'bool', value: this.next() === 1 };
      case TAG_DOUBLE:
        return { type: 'double', value: this.source.numbers[this.next()] };
      case TAG_ARRAY: {
        const array: AttributeValue[] = [];
        stack.push({ array, map: undefined, left: this.next() });
        return { type: 'array', value: array };
      }
      case TAG_MAP: {
        const map: Attribute[] = [];
        stack.push({ array: undefined, map, left: this.next() });
        return { type: 'map', value: map };
      }
      default:
        return EMPTY_VALUE;
    }
  }

  /** A resource record (see PackedSpans.detailStart). */
  resource(): Resource {
    const serviceName = this.string();
    return { serviceName, attributes: this.attributes() };
  }

  /** A scope record (see PackedSpans.detailStart). */
  scope(): InstrumentationScope {
    const name = this.string();
    const version = this.next() === 1 ? this.string() : undefined;
    const attributes = this.attributes();
    return version === undefined ? { name, attributes } : { name, version, attributes };
  }

  /** Attributes, events and links; the ids and status message before them are read apart. */
  details(flags: number): SpanDetails {
    this.skipString();
    if ((flags & HAS_PARENT_ID) !== 0) this.skipString();
    if ((flags & HAS_STATUS_MESSAGE) !== 0) this.skipString();
    const attributes = (flags & HAS_ATTRIBUTES) !== 0 ? this.attributes() : NO_ATTRIBUTES;
    let events: readonly SpanEvent[] = NO_EVENTS;
    if ((flags & HAS_EVENTS) !== 0) {
      const list: SpanEvent[] = new Array(this.next());
      for (let k = 0; k < list.length; k++) {
        const timeNs = this.source.numbers[this.next()];
        const name = this.source.words[this.next()];
        list[k] = { timeNs, name, attributes: this.attributes() };
      }
      events = list;
    }
    let links = NO_LINKS;
    if ((flags & HAS_LINKS) !== 0) {
      const list: SpanLink[] = new Array(this.next());
      for (let k = 0; k < list.length; k++) {
        const traceId = this.string();
        const spanId = this.string();
        const relation = RELATION_CODES[this.next()];
        list[k] = { traceId, spanId, relation, attributes: this.attributes() };
      }
      links = list;
    }
    return { attributes, events, links };
  }
}

/** The packed spans with their resources and scopes read: there are few of them, shared by many spans. */
interface PageSpans extends PackedSpans {
  readonly resources: readonly Resource[];
  readonly scopes: readonly InstrumentationScope[];
}

/** A span read from packed columns; the model's Span to everything that uses it. */
class PackedSpan implements Span {
  private decoded: SpanDetails | undefined = undefined;
  /** Read apart from the details: views that colour errors ask every span for its status. */
  private statusWithMessage: SpanStatus | undefined = undefined;

  constructor(
    private readonly source: PageSpans,
    readonly index: number,
    readonly traceId: string,
  ) {}

  private details(): SpanDetails {
    if (this.decoded === undefined) {
      const reader = new DetailReader(this.source, this.index);
      this.decoded = reader.details(this.source.flags[this.index]);
    }
    return this.decoded;
  }

  private statusCode(): StatusCode {
    return STATUS_CODES[this.source.statusCode[this.index]];
  }

  private has(flag: number): boolean {
    return (this.source.flags[this.index] & flag) !== 0;
  }

  get spanId(): string {
    return new DetailReader(this.source, this.index).string();
  }
  get parentSpanId(): string | undefined {
    if (!this.has(HAS_PARENT_ID)) return undefined;
    const reader = new DetailReader(this.source, this.index);
    reader.skipString();
    return reader.string();
  }
  get name(): string {
    return this.source.words[this.source.nameWord[this.index]];
  }
  get serviceName(): string {
    return this.source.words[this.source.serviceWord[this.index]];
  }
  get kind(): SpanKind {
    return KIND_CODES[this.source.kind[this.index]];
  }
  get startNs(): number {
    return this.source.startNs[this.index];
  }
  get durationNs(): number {
    return this.source.durationNs[this.index];
  }
  get status(): SpanStatus {
    if (!this.has(HAS_STATUS_MESSAGE)) return STATUS_ONLY[this.statusCode()];
    if (this.statusWithMessage === undefined) {
      const reader = new DetailReader(this.source, this.index);
      reader.skipString();
      if (this.has(HAS_PARENT_ID)) reader.skipString();
      this.statusWithMessage = { code: this.statusCode(), message: reader.string() };
    }
    return this.statusWithMessage;
  }
  get attributes(): readonly Attribute[] {
    return this.has(HAS_ATTRIBUTES) ? this.details().attributes : NO_ATTRIBUTES;
  }
  get resource(): Resource {
    return this.source.resources[this.source.resource[this.index]];
  }
  get scope(): InstrumentationScope | undefined {
    const scope = this.source.scope[this.index];
    return scope < 0 ? undefined : this.source.scopes[scope];
  }
  get events(): readonly SpanEvent[] {
    return this.has(HAS_EVENTS) ? this.details().events : NO_EVENTS;
  }
  get links(): readonly SpanLink[] {
    return this.has(HAS_LINKS) ? this.details().links : NO_LINKS;
  }
}

function pageSpans(packed: PackedSpans): PageSpans {
  const { count, resourceCount, scopeCount } = packed;
  const resources: Resource[] = new Array(resourceCount);
  for (let r = 0; r < resourceCount; r++) resources[r] = new DetailReader(packed, count + r).resource();
  const scopes: InstrumentationScope[] = new Array(scopeCount);
  for (let s = 0; s < scopeCount; s++) scopes[s] = new DetailReader(packed, count + resourceCount + s).scope();
  return { ...packed, resources, scopes };
}

export function unpackTrace(packedTrace: PackedTrace): Trace {
  // The analysis is handed to the analysis caches by the caller, not kept on the trace.
  const { packed, analysis: _analysis, ...rest } = packedTrace;
  const source = pageSpans(packed);
  const spans: Span[] = new Array(packed.count);
  for (let i = 0; i < packed.count; i++) spans[i] = new PackedSpan(source, i, rest.traceId);
  return { ...rest, spans };
}

/**
 * The spans of packed columns made one at a time and kept by nobody, for a single pass over
 * them: a span keeps what it decodes, and a million kept spans would hold every attribute.
 */
export function packedSpanSequence(traceId: string, packed: PackedSpans): SpanSequence {
  const source = pageSpans(packed);
  return { length: packed.count, spanAt: (index) => new PackedSpan(source, index, traceId) };
}

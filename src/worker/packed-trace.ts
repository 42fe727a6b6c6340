// A trace as the parsing worker sends it to the page. Structured-cloning 100,000 span objects
// costs the page more than the parse itself (see DESIGN-NOTES); this form is mostly typed
// arrays that move without a copy, plus a few long strings that clone as one block each. The
// page reads spans straight from it (unpack-trace.ts) and decodes a span's attributes, events
// and links only when something asks for them.
import type { SpanTree, Trace } from '../model/trace.ts';
import { packedAnalysisTransferables, type PackedAnalysis } from './packed-analysis.ts';

/** Value tags in the detail stream. */
export const TAG_EMPTY = 0;
export const TAG_STRING = 1;
export const TAG_BOOL = 2;
export const TAG_INT = 3;
export const TAG_DOUBLE = 4;
export const TAG_BYTES = 5;
export const TAG_ARRAY = 6;
export const TAG_MAP = 7;
/**
 * An attribute's or map entry's value tag shares its number with the key's word:
 * (word << KEYED_TAG_BITS) | tag. An array's element has no key and is its tag alone.
 */
export const KEYED_TAG_BITS = 3;

/** Per-span flags: which details the span has, so that absent ones cost nothing to ask for. */
export const HAS_ATTRIBUTES = 1;
export const HAS_EVENTS = 2;
export const HAS_LINKS = 4;
export const HAS_STATUS_MESSAGE = 8;
export const HAS_PARENT_ID = 16;

export const KIND_CODES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;
export const STATUS_CODES = ['unset', 'ok', 'error'] as const;
export const RELATION_CODES = ['link', 'follows_from', 'child_of'] as const;

/**
 * Text of a run of spans joined into one string; the detail stream refers to it by
 * (start, length) within the chunk. Chunks keep each string far below V8's string limit.
 */
export interface TextChunk {
  /** The first span whose text is in this chunk. */
  readonly firstSpan: number;
  readonly text: string;
}

export interface PackedSpans {
  readonly count: number;
  readonly startNs: Float64Array;
  readonly durationNs: Float64Array;
  /** Index into `words` (deduplicated: names, services, attribute keys, event names). */
  readonly nameWord: Int32Array;
  readonly serviceWord: Int32Array;
  readonly kind: Uint8Array;
  readonly statusCode: Uint8Array;
  readonly flags: Uint8Array;
  /** Which of the resources, and of the scopes or -1 (see detailStart). */
  readonly resource: Int32Array;
  readonly scope: Int32Array;
  readonly words: readonly string[];
  readonly resourceCount: number;
  readonly scopeCount: number;
  /**
   * Span i's run of the detail stream is detail[detailStart[i] .. detailStart[i + 1]): its id
   * and, with HAS_PARENT_ID, its parent's id as text lengths, then what its flags say it has.
   * A string is its length alone: a record's strings follow one another in its chunk's text
   * from textStart, so the stream holds no offsets.
   * Ids travel as text rather than as an array of strings: a million strings in a message cost
   * the page more than half a second to take in.
   * After the spans' runs come the resources' (service name, attributes), then the scopes'
   * (name, 1 and version or 0, attributes): as objects, values nested some thousands deep
   * would exhaust the structured clone's stack and the whole trace could not be posted.
   */
  readonly detailStart: Int32Array;
  /** Where each record's (span's, resource's, scope's) text starts in its chunk. */
  readonly textStart: Int32Array;
  readonly detail: Int32Array;
  /** Doubles and event times, referred to by index from the detail stream. */
  readonly numbers: Float64Array;
  readonly chunks: readonly TextChunk[];
}

/** Everything of a Trace but its span objects, which the page makes from `packed`. */
export interface PackedTrace extends Omit<Trace, 'spans'> {
  readonly packed: PackedSpans;
  /** Worked out in the worker for large traces (see ANALYSED_IN_WORKER_FROM_SPANS in pack-for-page.ts). */
  readonly analysis?: PackedAnalysis;
}

/**
 * Buffers smaller than this are copied with the message rather than moved: Chromium's cost for
 * each moved buffer grows with the number moved, and a file of 10,000 small traces (some 300,000
 * buffers) took about 19 s to post, against well under a second to copy them.
 */
export const MOVE_FROM_BYTES = 64 * 1024;

/** The typed-array columns of PackedSpans. */
const SPAN_COLUMNS = [
  'startNs',
  'durationNs',
  'nameWord',
  'serviceWord',
  'kind',
  'statusCode',
  'flags',
  'resource',
  'scope',
  'detailStart',
  'textStart',
  'detail',
  'numbers',
] as const satisfies readonly (keyof PackedSpans)[];

/** The buffers of packed spans' columns. */
export function spanColumnBuffers(p: PackedSpans): ArrayBuffer[] {
  return SPAN_COLUMNS.map((name) => p[name].buffer as ArrayBuffer);
}

/** Packed spans with copies of their columns, which stay usable once the originals have moved. */
export function copySpanColumns(p: PackedSpans): PackedSpans {
  const copy: Record<string, unknown> = { ...p };
  for (const name of SPAN_COLUMNS) copy[name] = p[name].slice();
  return copy as unknown as PackedSpans;
}

/** The buffers of a packed trace worth handing over without copying (see MOVE_FROM_BYTES). */
export function packedTransferables(trace: PackedTrace): ArrayBuffer[] {
  const t: SpanTree = trace.tree;
  const tree = [t.parent, t.firstChild, t.nextSibling, t.childCount, t.depth, t.preorder, t.missingParent];
  const buffers = [...spanColumnBuffers(trace.packed), ...tree.map((c) => c.buffer as ArrayBuffer)];
  if (trace.analysis !== undefined) buffers.push(...packedAnalysisTransferables(trace.analysis));
  return buffers.filter((buffer) => buffer.byteLength >= MOVE_FROM_BYTES);
}

// Picks the format of a parsed document from its content, never from the file name.
import { whatItAppearsToBe } from './identify.ts';
import { isObject } from './json.ts';
import { looksLikeJaeger, parseJaeger } from './jaeger.ts';
import { looksLikeOtlp, parseOtlp } from './otlp.ts';
import { FormatError, type ParsedBatch } from './parsed.ts';
import { parseSearchAnswer, searchHits } from './search-dump.ts';
import { looksLikeZipkinV1, parseZipkinV1 } from './zipkin-v1.ts';
import { looksLikeZipkinV2, parseZipkinV2 } from './zipkin-v2.ts';

interface FormatReader {
  readonly label: string;
  /** What the reader needs to see, for the message when nothing matches. */
  readonly needs: string;
  readonly looksLike: (doc: unknown) => boolean;
  readonly parse: (doc: unknown) => ParsedBatch;
}

// Order matters only for documents two readers could claim; Zipkin v1 before v2 because a
// v1 record is a v2 span plus v1-only fields.
const READERS: readonly FormatReader[] = [
  {
    label: 'OTLP JSON',
    needs:
      'resourceSpans (or resource_spans), or Tempo batches / trace.resourceSpans, or result.resourceSpans, or a ResourceSpans with scopeSpans',
    looksLike: looksLikeOtlp,
    parse: parseOtlp,
  },
  {
    label: 'Jaeger JSON',
    needs: 'data[] of traces, or a trace/span with traceID and spanID',
    looksLike: looksLikeJaeger,
    parse: parseJaeger,
  },
  {
    label: 'Zipkin v1',
    needs: 'spans with traceId, id and binaryAnnotations or annotations with endpoints',
    looksLike: looksLikeZipkinV1,
    parse: parseZipkinV1,
  },
  {
    label: 'Zipkin v2',
    needs: 'an array of spans with traceId and id',
    looksLike: looksLikeZipkinV2,
    parse: parseZipkinV2,
  },
];

function describeTopLevel(doc: unknown): string {
  if (Array.isArray(doc)) {
    const first = doc[0];
    if (doc.length === 0) return 'an empty array';
    if (isObject(first)) return `an array of ${doc.length} objects whose first has keys ${keyList(first)}`;
    const kind = Array.isArray(first) ? 'array' : first === null ? 'null' : typeof first;
    return `an array of ${doc.length} ${kind} values`;
  }
  if (isObject(doc)) return `an object with keys ${keyList(doc)}`;
  return `a ${doc === null ? 'null' : typeof doc} value`;
}

function keyList(obj: object): string {
  const keys = Object.keys(obj);
  if (keys.length === 0) return '(none)';
  const shown = keys.slice(0, 8).join(', ');
  return keys.length > 8 ? `${shown}, …` : shown;
}

/** True when some reader takes `doc` (or it is a search answer around documents one may take). */
export function isKnownTraceShape(doc: unknown): boolean {
  return searchHits(doc) !== undefined || READERS.some((reader) => reader.looksLike(doc));
}

/** Why `doc` is not a trace of a known format, as a phrase: what it appears to be, else its top level. */
export function describeNonTrace(doc: unknown): string {
  return whatItAppearsToBe(doc) ?? describeTopLevel(doc);
}

/** Parses a document with the first reader that recognizes it; throws FormatError naming what was tried. */
export function parseDocument(doc: unknown): ParsedBatch {
  const hits = searchHits(doc);
  if (hits !== undefined && isObject(doc)) return parseSearchAnswer(doc, hits, parseDocument);
  for (const reader of READERS) {
    if (reader.looksLike(doc)) return reader.parse(doc);
  }
  const appearance = whatItAppearsToBe(doc);
  if (appearance !== undefined) throw new FormatError(`This appears to be ${appearance}.`);
  const tried = READERS.map((r) => `${r.label} (${r.needs})`).join('; ');
  throw new FormatError(`Not a known trace format. The top level is ${describeTopLevel(doc)}. Tried: ${tried}.`);
}

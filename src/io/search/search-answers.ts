// Reads the small JSON answers of a search page: service and operation lists, Tempo's tag
// names and values, and Tempo's search answer (trace summaries). Unknown JSON is narrowed
// with checks that say where the answer was not as expected.
import { normalizeHitId, type SearchHit, type ServiceSpans } from './search-hit.ts';

export class AnswerShapeError extends Error {
  override name = 'AnswerShapeError';
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function parse(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AnswerShapeError(`${what} is not JSON: "${text.slice(0, 80)}"`);
  }
}

function names(list: unknown[], path: string): string[] {
  const out: string[] = [];
  list.forEach((x, i) => {
    if (typeof x === 'string') out.push(x);
    else if (isObject(x) && typeof x.name === 'string') out.push(x.name);
    else throw new AnswerShapeError(`${path}[${i}] is neither a name nor an object with a name`);
  });
  return [...new Set(out)].sort((a, b) => a.localeCompare(b));
}

/** Jaeger's {data:[...]} (names, or {name, spanKind} from /api/operations) or Zipkin's plain array; sorted, without repeats. */
export function readNameList(text: string, what: string): string[] {
  const doc = parse(text, what);
  if (Array.isArray(doc)) return names(doc, what);
  if (isObject(doc) && (Array.isArray(doc.data) || doc.data === null)) return names(doc.data ?? [], `${what}.data`);
  if (isObject(doc) && Array.isArray(doc.operations)) return names(doc.operations, `${what}.operations`);
  throw new AnswerShapeError(`${what} is not a list of names (expected an array or {"data": [...]})`);
}

/** Tempo's /api/v2/search/tags: {scopes:[{name, tags:[...]}]}, as "scope.tag" as TraceQL writes them (intrinsics bare). */
export function readTempoTags(text: string): string[] {
  const doc = parse(text, 'the tag list');
  if (!isObject(doc) || !Array.isArray(doc.scopes)) throw new AnswerShapeError('the tag list has no "scopes" array');
  const out: string[] = [];
  doc.scopes.forEach((scope, i) => {
    if (!isObject(scope) || typeof scope.name !== 'string' || !Array.isArray(scope.tags))
      throw new AnswerShapeError(`scopes[${i}] is not {name, tags}`);
    for (const tag of scope.tags)
      if (typeof tag === 'string') out.push(scope.name === 'intrinsic' ? tag : `${scope.name}.${tag}`);
  });
  return out;
}

/** Tempo's /api/v2/search/tag/{tag}/values: {tagValues:[{type, value}]}, with the TraceQL type kept for quoting. */
export function readTempoTagValues(text: string): { readonly type: string; readonly value: string }[] {
  const doc = parse(text, 'the tag values');
  if (!isObject(doc) || !Array.isArray(doc.tagValues))
    throw new AnswerShapeError('the tag values have no "tagValues" array');
  return doc.tagValues.flatMap((v) =>
    isObject(v) && typeof v.value === 'string'
      ? [{ type: typeof v.type === 'string' ? v.type : 'string', value: v.value }]
      : [],
  );
}

function count(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null;
}

function serviceStats(x: unknown): ServiceSpans[] {
  if (!isObject(x)) return [];
  return Object.entries(x)
    .flatMap(([name, s]) =>
      isObject(s) && count(s.spanCount) !== null
        ? [{ name, spanCount: count(s.spanCount) as number, errorCount: count(s.errorCount) ?? 0 }]
        : [],
    )
    .sort((a, b) => b.spanCount - a.spanCount);
}

function matched(t: Record<string, unknown>): number | null {
  const sets = Array.isArray(t.spanSets) ? t.spanSets : isObject(t.spanSet) ? [t.spanSet] : [];
  let total: number | null = null;
  for (const s of sets)
    if (isObject(s) && count(s.matched) !== null) total = (total ?? 0) + (count(s.matched) as number);
  return total;
}

export interface TempoSearchAnswer {
  readonly hits: SearchHit[];
  /** Traces the answer held that could not be read, with where. */
  readonly skipped: string[];
}

/** Tempo's /api/search answer: {traces:[{traceID, rootServiceName, rootTraceName, startTimeUnixNano, durationMs, spanSet(s), serviceStats}]}. */
export function readTempoSearch(text: string): TempoSearchAnswer {
  const doc = parse(text, 'the search answer');
  if (!isObject(doc)) throw new AnswerShapeError('the search answer is not an object with "traces"');
  // Tempo leaves "traces" out when nothing matched.
  if (doc.traces === undefined || doc.traces === null) return { hits: [], skipped: [] };
  if (!Array.isArray(doc.traces)) throw new AnswerShapeError('"traces" of the search answer is not an array');
  const hits: SearchHit[] = [];
  const skipped: string[] = [];
  doc.traces.forEach((t, i) => {
    if (!isObject(t) || typeof t.traceID !== 'string' || !/^[0-9a-fA-F]{1,32}$/.test(t.traceID)) {
      skipped.push(`traces[${i}]: no hexadecimal traceID`);
      return;
    }
    const start = typeof t.startTimeUnixNano === 'string' ? t.startTimeUnixNano : String(t.startTimeUnixNano ?? '');
    if (!/^\d+$/.test(start)) {
      skipped.push(`traces[${i}].startTimeUnixNano: not a time ("${start}")`);
      return;
    }
    const services = serviceStats(t.serviceStats);
    const spans = services.length > 0 ? services.reduce((n, s) => n + s.spanCount, 0) : null;
    const errors = services.length > 0 ? services.reduce((n, s) => n + (s.errorCount ?? 0), 0) : null;
    hits.push({
      traceId: normalizeHitId(t.traceID),
      rootService: typeof t.rootServiceName === 'string' ? t.rootServiceName : '',
      rootName: typeof t.rootTraceName === 'string' ? t.rootTraceName : '',
      startEpochNs: start.replace(/^0+(?=\d)/, ''),
      // Tempo leaves durationMs out for traces shorter than a millisecond.
      durationNs: (count(t.durationMs) ?? 0) * 1e6,
      spanCount: spans,
      errorCount: errors,
      matchedSpans: matched(t),
      services,
    });
  });
  return { hits, skipped };
}

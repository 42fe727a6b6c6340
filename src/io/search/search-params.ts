// A search as address parameters, the ones Jaeger UI writes (service, operation, tags,
// minDuration, maxDuration, lookback or start and end in epoch microseconds, limit) plus q
// for Tempo's TraceQL, so that links from Jaeger UI and links of this page read the same.
import { isBackendKind, type BackendKind } from '../backend-api.ts';
import { formatLogfmtTags } from './logfmt-tags.ts';
import { DEFAULT_LIMIT, emptyQuery, MAX_LIMIT, type SearchQuery } from './search-query.ts';
import { isLookback, LOOKBACKS, type TimeRangeChoice } from './time-range.ts';

export const SEARCH_VIEW = 'search';

export const SP = {
  view: 'view',
  backend: 'backend',
  api: 'api',
  tenant: 'tenant',
  service: 'service',
  operation: 'operation',
  tags: 'tags',
  minDuration: 'minDuration',
  maxDuration: 'maxDuration',
  lookback: 'lookback',
  start: 'start',
  end: 'end',
  limit: 'limit',
  q: 'q',
} as const;

const KNOWN = new Set<string>(Object.values(SP));

type QueryFields = Omit<SearchQuery, 'api'> & { readonly api: BackendKind | null };

export function writeSearchParams(query: QueryFields, params: URLSearchParams): void {
  params.set(SP.view, SEARCH_VIEW);
  params.set(SP.backend, query.base);
  if (query.api) params.set(SP.api, query.api);
  if (query.tenant !== '') params.set(SP.tenant, query.tenant);
  const text: [string, string][] = [
    [SP.service, query.service],
    [SP.operation, query.operation],
    [SP.tags, query.tags],
    [SP.minDuration, query.minDuration],
    [SP.maxDuration, query.maxDuration],
  ];
  for (const [k, v] of text) if (v.trim() !== '') params.set(k, v.trim());
  if (query.range.kind === 'relative') params.set(SP.lookback, query.range.lookback);
  else {
    params.set(SP.start, String(query.range.startUs));
    params.set(SP.end, String(query.range.endUs));
  }
  params.set(SP.limit, String(query.limit));
  if (query.q.trim() !== '') params.set(SP.q, query.q.trim());
}

/** The same key for the same search, whatever the parameter order. */
export function searchKey(query: QueryFields): string {
  const params = new URLSearchParams();
  writeSearchParams(query, params);
  return [...params]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');
}

export interface DecodedSearch {
  readonly query: QueryFields;
  /** Parameters that could not be read, said for a person. */
  readonly notices: string[];
}

function epochUs(text: string | null): number | undefined {
  if (text === null || !/^\d{1,17}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** Jaeger UI writes tags in its address as JSON ({"error":"true"}); the field shows them as logfmt. */
function tagsText(text: string): string {
  if (!text.startsWith('{')) return text;
  try {
    const doc: unknown = JSON.parse(text);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return text;
    return formatLogfmtTags(
      new Map(Object.entries(doc).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
    );
  } catch {
    return text;
  }
}

/** The search the parameters describe; `base` has been read (and is given) by the caller. */
export function readSearchParams(params: URLSearchParams, base: string): DecodedSearch {
  const notices: string[] = [];
  for (const name of new Set(params.keys()))
    if (!KNOWN.has(name)) notices.push(`Unknown search parameter "${name}" ignored.`);
  const apiText = params.get(SP.api);
  const api = isBackendKind(apiText) ? apiText : null;
  if (apiText !== null && api === null)
    notices.push(`Unknown backend type "${apiText}" ignored (jaeger, zipkin or tempo); the type is detected.`);
  const start = params.get(SP.start);
  const end = params.get(SP.end);
  const lookback = params.get(SP.lookback);
  let range: TimeRangeChoice = { kind: 'relative', lookback: '1h' };
  const startUs = epochUs(start);
  const endUs = epochUs(end);
  // Jaeger UI writes start and end along with lookback=custom; a preset lookback wins over them.
  if (isLookback(lookback)) range = { kind: 'relative', lookback };
  else if (startUs !== undefined && endUs !== undefined && endUs > startUs)
    range = { kind: 'absolute', startUs, endUs };
  else if (start !== null || end !== null)
    notices.push(
      `Time range start=${start ?? '(none)'} end=${end ?? '(none)'} ignored: expected epoch microseconds with start before end; the last hour is searched.`,
    );
  else if (lookback !== null && lookback !== 'custom')
    notices.push(`Lookback "${lookback}" ignored (one of ${LOOKBACKS.join(', ')}); the last hour is searched.`);
  let limit = DEFAULT_LIMIT;
  const limitText = params.get(SP.limit);
  if (limitText !== null) {
    const n = Number(limitText);
    if (Number.isInteger(n) && n >= 1) limit = Math.min(n, MAX_LIMIT);
    else notices.push(`Limit "${limitText}" ignored: not a whole number of traces; ${DEFAULT_LIMIT} are asked for.`);
    if (Number.isInteger(n) && n > MAX_LIMIT)
      notices.push(`Limit ${n} lowered to ${MAX_LIMIT}, the most one search returns here.`);
  }
  const text = (name: string) => params.get(name)?.trim() ?? '';
  return {
    query: {
      ...emptyQuery(base, api ?? 'jaeger', text(SP.tenant)),
      api,
      service: text(SP.service),
      operation: text(SP.operation),
      tags: tagsText(text(SP.tags)),
      minDuration: text(SP.minDuration),
      maxDuration: text(SP.maxDuration),
      range,
      limit,
      q: text(SP.q),
    },
    notices,
  };
}

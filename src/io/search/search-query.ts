// One search of a backend as the page holds it: the fields as typed, checked into the request
// each backend's API takes (Jaeger's microseconds and Go durations, Zipkin's milliseconds
// and microseconds, Tempo's seconds).
import type { BackendKind } from '../backend-api.ts';
import { goDuration, parseSearchDuration } from './duration-text.ts';
import { parseLogfmtTags } from './logfmt-tags.ts';
import { resolveRange, tempoWindow, zipkinWindow, type ResolvedRange, type TimeRangeChoice } from './time-range.ts';

export interface SearchQuery {
  readonly base: string;
  readonly api: BackendKind;
  readonly tenant: string;
  /** Jaeger's service, Zipkin's serviceName. */
  readonly service: string;
  /** Jaeger's operation, Zipkin's spanName. */
  readonly operation: string;
  /** Jaeger: logfmt tags; Zipkin: its annotation query. */
  readonly tags: string;
  readonly minDuration: string;
  readonly maxDuration: string;
  readonly range: TimeRangeChoice;
  readonly limit: number;
  /** Tempo's TraceQL. */
  readonly q: string;
}

export const DEFAULT_LIMIT = 20;
/** Jaeger UI's largest choice; a longer answer would hold the page up for a list nobody reads. */
export const MAX_LIMIT = 1500;

export function emptyQuery(base: string, api: BackendKind, tenant = ''): SearchQuery {
  return {
    base,
    api,
    tenant,
    service: '',
    operation: '',
    tags: '',
    minDuration: '',
    maxDuration: '',
    range: { kind: 'relative', lookback: '1h' },
    limit: DEFAULT_LIMIT,
    q: '',
  };
}

export interface SearchRequest {
  readonly url: string;
  /** The API that serves the answer, for the note with the results. */
  readonly api: string;
}

export type RequestCheck =
  | { readonly ok: true; readonly requests: readonly SearchRequest[] }
  | { readonly ok: false; readonly errors: Readonly<Partial<Record<keyof SearchQuery, string>>> };

/** Whether the fields make a query the backend takes: Jaeger needs a service, the others search everything. */
export function isCompleteQuery(query: SearchQuery): boolean {
  return query.api !== 'jaeger' || query.service.trim() !== '';
}

function join(base: string, path: string, params: URLSearchParams): string {
  const q = params.toString();
  return `${base.replace(/\/+$/, '')}${path}${q === '' ? '' : `?${q}`}`;
}

/** A Zipkin annotation query from the field: "error and http.status_code=500" as written, or logfmt-like words joined with "and". */
export function annotationQuery(text: string): string {
  const t = text.trim();
  if (t === '' || /\sand\s/i.test(t)) return t;
  return t.split(/\s+/).join(' and ');
}

/**
 * The requests for the query at `nowMs`, the current API first and an older one to try when
 * the first is not served; or what is wrong with each field.
 */
export function searchRequests(query: SearchQuery, nowMs: number): RequestCheck {
  const errors: Partial<Record<keyof SearchQuery, string>> = {};
  const min = query.minDuration.trim() === '' ? undefined : parseSearchDuration('Min duration', query.minDuration);
  const max = query.maxDuration.trim() === '' ? undefined : parseSearchDuration('Max duration', query.maxDuration);
  if (min && !min.ok) errors.minDuration = min.message;
  if (max && !max.ok) errors.maxDuration = max.message;
  if (min?.ok && max?.ok && max.us < min.us)
    errors.maxDuration = `Max duration ${query.maxDuration.trim()} is shorter than min duration ${query.minDuration.trim()}.`;
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_LIMIT)
    errors.limit = `Limit must be a whole number from 1 to ${MAX_LIMIT}, not ${query.limit}.`;
  if (query.range.kind === 'absolute' && !(query.range.endUs > query.range.startUs))
    errors.range = 'The end of the time range must come after its start.';
  if (query.api === 'jaeger' && query.service.trim() === '')
    errors.service = 'Choose a service: Jaeger searches one service at a time.';
  const tags = query.api === 'jaeger' ? parseLogfmtTags(query.tags) : undefined;
  if (tags && !tags.ok) errors.tags = tags.message;
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const range = resolveRange(query.range, nowMs);
  const minUs = min?.ok ? min.us : undefined;
  const maxUs = max?.ok ? max.us : undefined;
  switch (query.api) {
    case 'jaeger':
      return {
        ok: true,
        requests: [
          { url: jaegerV1Url(query, range, minUs, maxUs, tags?.ok ? tags.tags : new Map()), api: 'HTTP JSON API' },
          { url: jaegerV3Url(query, range, minUs, maxUs, tags?.ok ? tags.tags : new Map()), api: 'API v3' },
        ],
      };
    case 'zipkin':
      return { ok: true, requests: [{ url: zipkinUrl(query, range, minUs, maxUs), api: 'API v2' }] };
    case 'tempo':
      return { ok: true, requests: [{ url: tempoUrl(query, range, minUs, maxUs), api: 'search API' }] };
  }
}

function jaegerV1Url(
  query: SearchQuery,
  range: ResolvedRange,
  minUs: number | undefined,
  maxUs: number | undefined,
  tags: ReadonlyMap<string, string>,
): string {
  const p = new URLSearchParams();
  p.set('service', query.service.trim());
  if (query.operation.trim() !== '') p.set('operation', query.operation.trim());
  if (tags.size > 0) p.set('tags', JSON.stringify(Object.fromEntries(tags)));
  p.set('start', String(range.startUs));
  p.set('end', String(range.endUs));
  if (minUs !== undefined) p.set('minDuration', goDuration(minUs));
  if (maxUs !== undefined) p.set('maxDuration', goDuration(maxUs));
  p.set('limit', String(query.limit));
  return join(query.base, '/api/traces', p);
}

function rfc3339(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString();
}

/** Jaeger's API v3 (query.* parameters, RFC 3339 times), for a Jaeger v2 that no longer serves /api/traces. */
function jaegerV3Url(
  query: SearchQuery,
  range: ResolvedRange,
  minUs: number | undefined,
  maxUs: number | undefined,
  tags: ReadonlyMap<string, string>,
): string {
  const p = new URLSearchParams();
  p.set('query.service_name', query.service.trim());
  if (query.operation.trim() !== '') p.set('query.operation_name', query.operation.trim());
  for (const [k, v] of tags) p.set(`query.attributes.${k}`, v);
  p.set('query.start_time_min', rfc3339(range.startUs));
  p.set('query.start_time_max', rfc3339(range.endUs));
  if (minUs !== undefined) p.set('query.duration_min', goDuration(minUs));
  if (maxUs !== undefined) p.set('query.duration_max', goDuration(maxUs));
  p.set('query.search_depth', String(query.limit));
  return join(query.base, '/api/v3/traces', p);
}

function zipkinUrl(
  query: SearchQuery,
  range: ResolvedRange,
  minUs: number | undefined,
  maxUs: number | undefined,
): string {
  const p = new URLSearchParams();
  if (query.service.trim() !== '') p.set('serviceName', query.service.trim());
  if (query.operation.trim() !== '') p.set('spanName', query.operation.trim());
  const annotations = annotationQuery(query.tags);
  if (annotations !== '') p.set('annotationQuery', annotations);
  if (minUs !== undefined) p.set('minDuration', String(minUs));
  if (maxUs !== undefined) p.set('maxDuration', String(maxUs));
  const { endTs, lookback } = zipkinWindow(range);
  p.set('endTs', String(endTs));
  p.set('lookback', String(lookback));
  p.set('limit', String(query.limit));
  return join(query.base, '/api/v2/traces', p);
}

function tempoUrl(
  query: SearchQuery,
  range: ResolvedRange,
  minUs: number | undefined,
  maxUs: number | undefined,
): string {
  const p = new URLSearchParams();
  if (query.q.trim() !== '') p.set('q', query.q.trim());
  const { start, end } = tempoWindow(range);
  p.set('start', String(start));
  p.set('end', String(end));
  if (minUs !== undefined) p.set('minDuration', goDuration(minUs));
  if (maxUs !== undefined) p.set('maxDuration', goDuration(maxUs));
  p.set('limit', String(query.limit));
  return join(query.base, '/api/search', p);
}

// ---- field suggestions ----

/** Where the backend lists its services. */
export function servicesUrl(api: BackendKind, base: string): string {
  return join(base, api === 'zipkin' ? '/api/v2/services' : '/api/services', new URLSearchParams());
}

/** Where the backend lists a service's operations (Jaeger) or span names (Zipkin), newest API first. */
export function operationsUrls(api: BackendKind, base: string, service: string): string[] {
  if (api === 'zipkin') return [join(base, '/api/v2/spans', new URLSearchParams({ serviceName: service }))];
  return [
    join(base, `/api/services/${encodeURIComponent(service)}/operations`, new URLSearchParams()),
    join(base, '/api/operations', new URLSearchParams({ service })),
  ];
}

export function tempoTagsUrl(base: string): string {
  return join(base, '/api/v2/search/tags', new URLSearchParams());
}

export function tempoTagValuesUrl(base: string, tag: string): string {
  return join(base, `/api/v2/search/tag/${encodeURIComponent(tag)}/values`, new URLSearchParams());
}

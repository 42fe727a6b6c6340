// Runs a search against a backend: asks its search API (the current one, else the older),
// parses whole traces in the worker as files are, reads Tempo's summaries, and opens a trace
// of the answer (from the answer itself where it holds whole traces).
import { BACKEND_LABEL, backendHeaders, type BackendKind } from '../io/backend-api.ts';
import { looksLikeHtml } from '../io/error-body.ts';
import { fetchBytes } from '../io/fetch-bytes.ts';
import { FetchError } from '../io/fetch-error.ts';
import { AnswerShapeError, readTempoSearch } from '../io/search/search-answers.ts';
import { normalizeHitId, type SearchHit } from '../io/search/search-hit.ts';
import { searchKey } from '../io/search/search-params.ts';
import { isCompleteQuery, searchRequests, type SearchQuery } from '../io/search/search-query.ts';
import { describeRange } from '../io/search/time-range.ts';
import type { LoadedFile } from '../model/trace.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { detectBackend } from './backend-input.ts';
import { ownBuffer, SourceError } from './load-files.ts';
import { openSource } from './open-source.ts';
import { parseInWorker } from './parse-client.ts';
import { traceHit } from './search-hits.ts';
import { useSearchStore, type SearchState } from './search-store.ts';
import { useSourceStore } from './source-store.ts';

/** A search that has not answered by then is given up, and says so. */
const SEARCH_TIMEOUT_MS = 60_000;
/** Statuses that mean "this path is not served here", after which an older API is worth a try. */
const ROUTE_MISSING = new Set([404, 405, 501]);

let running: AbortController | null = null;

export function cancelSearch(): void {
  if (running === null) return;
  running.abort();
  running = null;
  useSearchStore.getState().setStatus({ kind: 'cancelled' });
}

function headersFor(api: BackendKind, tenant: string): Record<string, string> {
  return api === 'tempo' ? backendHeaders(tenant) : {};
}

/** Jaeger's {"data":[]} and Zipkin's [] hold no trace: said as an empty answer, not as a file the parser cannot read. */
function isEmptyAnswer(bytes: Uint8Array): boolean {
  if (bytes.byteLength > 4096) return false;
  try {
    const doc: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (Array.isArray(doc)) return doc.length === 0;
    if (typeof doc !== 'object' || doc === null) return false;
    const d = doc as Record<string, unknown>;
    if ('data' in d) return d.data === null || (Array.isArray(d.data) && d.data.length === 0);
    // Jaeger API v3 answers an empty search with {"result":{"resourceSpans":[]}} or nothing in result.
    if ('result' in d) {
      const r = d.result as Record<string, unknown> | null;
      return r === null || !Array.isArray(r.resourceSpans) || r.resourceSpans.length === 0;
    }
    return false;
  } catch {
    return false;
  }
}

async function fetchAnswer(
  query: SearchQuery,
  signal: AbortSignal,
): Promise<{ bytes: Uint8Array; api: string } | { failed: string }> {
  const check = searchRequests(query, Date.now());
  if (!check.ok) throw new Error('checked before');
  const failures: FetchError[] = [];
  const label = BACKEND_LABEL[query.api];
  for (const request of check.requests) {
    try {
      const { bytes } = await fetchBytes(request.url, {
        headers: headersFor(query.api, query.tenant),
        signal,
        address: query.base,
        onProgress: (p) => {
          const s = useSearchStore.getState().status;
          if (s.kind === 'running')
            useSearchStore.getState().setStatus({ ...s, stage: 'reading', receivedBytes: p.received });
        },
      });
      if (looksLikeHtml(bytes))
        return { failed: `${label}: ${request.url} answered with a web page, not a search answer` };
      return { bytes, api: request.api };
    } catch (e) {
      if (!(e instanceof FetchError)) throw e;
      failures.push(e);
      const f = e.failure;
      if (f.kind !== 'http' || !ROUTE_MISSING.has(f.status) || f.fromApi) break;
    }
  }
  const main = failures.find((f) => f.failure.kind === 'http' && f.failure.fromApi) ?? failures[0];
  return { failed: `${label}: ${main.message}` };
}

function searchName(query: SearchQuery): string {
  return `${BACKEND_LABEL[query.api]} search${query.service ? ` of ${query.service}` : ''}`;
}

/** Shows the search page for the fields, and runs the search at once when they make a whole query. */
export function openSearch(fields: NonNullable<SearchState['query']>): void {
  if (fields.api === null || isCompleteQuery({ ...fields, api: fields.api })) {
    void runSearch(fields);
    return;
  }
  const store = useSearchStore.getState();
  store.show(fields);
  store.setStatus({ kind: 'idle' });
}

/** Runs the search the store's query describes (detecting the backend first if asked to). */
export async function runSearch(fields: NonNullable<SearchState['query']>): Promise<void> {
  const store = useSearchStore.getState();
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), SEARCH_TIMEOUT_MS);
  store.show(fields);
  store.setStatus({ kind: 'running', receivedBytes: 0, stage: 'asking' });
  const timedOut = () =>
    controller.signal.reason instanceof DOMException && controller.signal.reason.name === 'TimeoutError';
  try {
    let api = fields.api;
    if (api === null) {
      api = await detectBackend(fields.base, fields.tenant, controller.signal);
      if (running !== controller) return;
      useSearchStore.getState().show({ ...fields, api });
    }
    const query: SearchQuery = { ...fields, api };
    // A detected Jaeger without a service waits for one to be chosen, rather than reporting it missing.
    if (!isCompleteQuery(query)) {
      useSearchStore.getState().setStatus({ kind: 'idle' });
      return;
    }
    const check = searchRequests(query, Date.now());
    if (!check.ok) {
      useSearchStore.getState().setStatus({ kind: 'failed', message: 'Some fields need a change.' }, check.errors);
      return;
    }
    const fetched = await fetchAnswer(query, controller.signal);
    if (running !== controller) return;
    if ('failed' in fetched) {
      const message = timedOut()
        ? `${BACKEND_LABEL[api]} did not answer within ${SEARCH_TIMEOUT_MS / 1000} s; narrow the search (a shorter time range, a lower limit) and try again.`
        : fetched.failed;
      useSearchStore.getState().setStatus({ kind: 'failed', message });
      return;
    }
    useSearchStore.getState().setStatus({ kind: 'running', receivedBytes: fetched.bytes.byteLength, stage: 'parsing' });
    const { hits, file, notes } = await readAnswer(query, fetched.bytes);
    if (running !== controller) return;
    useSearchStore.getState().setAnswer({
      key: searchKey(query),
      query,
      hits,
      file,
      notes: [`answered by ${BACKEND_LABEL[api]} ${fetched.api} at ${query.base}`, ...notes],
      receivedAtMs: Date.now(),
    });
  } catch (e) {
    if (running !== controller) return;
    const message =
      e instanceof SourceError || e instanceof AnswerShapeError
        ? e.message
        : e instanceof FetchError && e.failure.kind === 'aborted' && timedOut()
          ? `the backend did not answer within ${SEARCH_TIMEOUT_MS / 1000} s`
          : e instanceof Error
            ? e.message
            : String(e);
    useSearchStore.getState().setStatus({ kind: 'failed', message });
  } finally {
    clearTimeout(timer);
    if (running === controller) running = null;
  }
}

async function readAnswer(
  query: SearchQuery,
  bytes: Uint8Array,
): Promise<{ hits: SearchHit[]; file: LoadedFile | null; notes: string[] }> {
  if (query.api === 'tempo') {
    const { hits, skipped } = readTempoSearch(new TextDecoder().decode(bytes));
    return { hits, file: null, notes: skipped.map((s) => `skipped ${s}`) };
  }
  if (isEmptyAnswer(bytes)) return { hits: [], file: null, notes: [] };
  const outcome = await parseInWorker(searchName(query), ownBuffer(bytes));
  if (!outcome.ok) throw new SourceError(outcome.error.message);
  const hits = outcome.file.traces.map(traceHit);
  const notes = outcome.file.warnings.slice(0, 3).map((w) => w.message);
  return { hits, file: outcome.file, notes };
}

/** What the empty answer means, worded with the query: "no traces of checkout in the last 15 minutes". */
export function emptyAnswerText(query: SearchQuery): string {
  const of = query.service.trim() !== '' ? ` of ${query.service.trim()}` : '';
  const op = query.operation.trim() !== '' ? ` (${query.operation.trim()})` : '';
  const q = query.api === 'tempo' && query.q.trim() !== '' ? ` matching ${query.q.trim()}` : '';
  const range = describeRange(query.range);
  const widen = query.range.kind === 'relative' && query.range.lookback !== '7d' ? '; widen the range?' : '.';
  return `No traces${of}${op}${q} in ${range}${widen}`;
}

/** Opens one trace of the answer: from the answer when it holds the whole trace, else fetched by id. */
export async function openHit(hit: SearchHit): Promise<void> {
  const { answer } = useSearchStore.getState();
  if (answer === null) return;
  const { query } = answer;
  const source = {
    kind: 'backend' as const,
    base: query.base,
    api: query.api,
    traceId: hit.traceId,
    tenant: query.api === 'tempo' ? query.tenant : '',
  };
  const trace = answer.file?.traces.find((t) => normalizeHitId(t.traceId) === hit.traceId);
  if (answer.file && trace) {
    const file: LoadedFile = {
      fileName: `trace ${hit.traceId}`,
      format: answer.file.format,
      traces: [trace],
      warnings: [],
      notes: [`from a ${BACKEND_LABEL[query.api]} search at ${query.base}`],
    };
    useSearchStore.getState().hide();
    useSourceStore.getState().shown(source, [file]);
    useTraceStore.getState().finishLoad([file], []);
    return;
  }
  await openSource(source, { afterShow: () => useSearchStore.getState().hide() });
}

// What the search fields can offer, asked of the backend: Jaeger's and Zipkin's services and
// operations (span names), Tempo's tag names and values. A failure only leaves a field to type.
import { backendHeaders, type BackendKind } from '../io/backend-api.ts';
import { fetchBytes } from '../io/fetch-bytes.ts';
import { FetchError } from '../io/fetch-error.ts';
import { readNameList, readTempoTags, readTempoTagValues } from '../io/search/search-answers.ts';
import { operationsUrls, servicesUrl, tempoTagsUrl, tempoTagValuesUrl } from '../io/search/search-query.ts';

async function text(url: string, api: BackendKind, tenant: string, signal: AbortSignal): Promise<string> {
  const { bytes } = await fetchBytes(url, { headers: api === 'tempo' ? backendHeaders(tenant) : {}, signal });
  return new TextDecoder().decode(bytes);
}

export async function fetchServices(api: BackendKind, base: string, signal: AbortSignal): Promise<string[]> {
  if (api === 'tempo') return [];
  return readNameList(await text(servicesUrl(api, base), api, '', signal), 'the service list');
}

/** Jaeger's older path first (every version serves it), then /api/operations. */
export async function fetchOperations(
  api: BackendKind,
  base: string,
  service: string,
  signal: AbortSignal,
): Promise<string[]> {
  if (api === 'tempo' || service.trim() === '') return [];
  let last: unknown;
  for (const url of operationsUrls(api, base, service.trim())) {
    try {
      return readNameList(await text(url, api, '', signal), 'the operation list');
    } catch (e) {
      if (!(e instanceof FetchError) || e.failure.kind !== 'http') throw e;
      last = e;
    }
  }
  throw last;
}

export async function fetchTempoTags(base: string, tenant: string, signal: AbortSignal): Promise<string[]> {
  return readTempoTags(await text(tempoTagsUrl(base), 'tempo', tenant, signal));
}

export async function fetchTempoTagValues(
  base: string,
  tenant: string,
  tag: string,
  signal: AbortSignal,
): Promise<{ readonly type: string; readonly value: string }[]> {
  return readTempoTagValues(await text(tempoTagValuesUrl(base, tag), 'tempo', tenant, signal));
}

// Fetches one trace from a tracing backend: detects which backend the base URL is when not
// told, tries its current API then the older one, and says which answered.
import {
  BACKEND_KINDS,
  BACKEND_LABEL,
  backendHeaders,
  probeAnswerMatches,
  probeUrl,
  traceEndpoints,
  type BackendKind,
} from '../io/backend-api.ts';
import { looksLikeHtml } from '../io/error-body.ts';
import { fetchBytes } from '../io/fetch-bytes.ts';
import { FetchError } from '../io/fetch-error.ts';
import { ownBuffer, SourceError, type NamedBytes, type ReadContext } from './load-files.ts';
import type { TraceSource } from './trace-source.ts';

export interface BackendRequest {
  readonly base: string;
  /** null: detect it. */
  readonly api: BackendKind | null;
  /** Already checked (checkTraceId). */
  readonly traceId: string;
  readonly tenant: string;
}

/** Statuses that mean "this path is not served here", after which an older API is worth a try. */
const ROUTE_MISSING = new Set([404, 405, 501]);

function headersFor(kind: BackendKind, tenant: string): Record<string, string> {
  // Only Tempo knows the tenant header; sending it elsewhere would force a CORS preflight for nothing.
  return kind === 'tempo' ? backendHeaders(tenant) : {};
}

/** Which backend answers at `base`, by each one's cheap probe; throws SourceError naming what was tried. */
export async function detectBackend(
  base: string,
  tenant: string,
  signal: AbortSignal,
  onProgress: ReadContext['onProgress'] = () => {},
): Promise<BackendKind> {
  const tried: string[] = [];
  for (const kind of BACKEND_KINDS) {
    const url = probeUrl(kind, base);
    try {
      const { bytes } = await fetchBytes(url, { headers: headersFor(kind, tenant), signal, onProgress, address: base });
      if (probeAnswerMatches(kind, new TextDecoder().decode(bytes))) return kind;
      tried.push(`${BACKEND_LABEL[kind]} (${url}: answered, but not as ${BACKEND_LABEL[kind]} does)`);
    } catch (e) {
      if (!(e instanceof FetchError)) throw e;
      // Unreachable, blocked or silent: every other probe of the same server would fail the same way.
      if (e.failure.kind === 'network' || e.failure.kind === 'aborted' || e.failure.kind === 'stalled')
        throw new SourceError(e.message);
      tried.push(`${BACKEND_LABEL[kind]} (${e.message})`);
    }
  }
  throw new SourceError(
    `no tracing backend answered at ${base}. Tried ${tried.join('; ')}. Choose the backend type if it is behind another path.`,
  );
}

function backendInputName(request: BackendRequest): string {
  return `trace ${request.traceId}`;
}

/** The input, and the source it turns out to be once read (with the detected backend). */
export function backendInput(request: BackendRequest): { input: NamedBytes; source: () => TraceSource } {
  let kind: BackendKind | null = request.api;
  const notes: string[] = [];

  const bytes = async (context: ReadContext): Promise<ArrayBuffer> => {
    const { onProgress, signal } = context;
    const detected = kind === null;
    const k = kind ?? (await detectBackend(request.base, request.tenant, context.signal, context.onProgress));
    kind = k;
    const label = BACKEND_LABEL[k];
    const failures: FetchError[] = [];
    for (const endpoint of traceEndpoints(k, request.base, request.traceId)) {
      try {
        const { bytes } = await fetchBytes(endpoint.url, {
          headers: headersFor(k, request.tenant),
          signal,
          onProgress,
          address: request.base,
        });
        if (looksLikeHtml(bytes)) {
          failures.push(
            new FetchError(
              endpoint.url,
              { kind: 'http', status: 200, statusText: 'OK', detail: 'a web page, not a trace', fromApi: false },
              `${endpoint.url} answered with a web page, not a trace`,
            ),
          );
          continue;
        }
        notes.push(
          `fetched from ${label} ${endpoint.api} at ${request.base}${detected ? `; detected as ${label} because it answered ${probeUrl(k, request.base)}` : ''}`,
        );
        return ownBuffer(bytes);
      } catch (e) {
        if (!(e instanceof FetchError)) throw e;
        failures.push(e);
        const f = e.failure;
        // The API answered for itself (e.g. Jaeger v3's "trace not found"): an older API would say the same.
        if (f.kind !== 'http' || !ROUTE_MISSING.has(f.status) || f.fromApi) break;
      }
    }
    // The API's own words say most; else the last (oldest) API tried.
    const main = failures.find((f) => f.failure.kind === 'http' && f.failure.fromApi) ?? failures[failures.length - 1];
    const others = failures.filter((f) => f !== main).map((f) => f.message);
    throw new SourceError(`${label}: ${main.message}${others.length > 0 ? ` (also tried ${others.join('; ')})` : ''}`);
  };

  return {
    input: { name: backendInputName(request), bytes, notes: () => notes },
    source: () => ({
      kind: 'backend',
      base: request.base,
      api: kind,
      traceId: request.traceId,
      tenant: request.tenant,
    }),
  };
}

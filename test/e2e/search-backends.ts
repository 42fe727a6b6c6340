// Loopback stand-ins for the search APIs of Jaeger (/api/traces, /api/services, operations),
// Zipkin (/api/v2/traces, services, spans) and Tempo (/api/search, tag names and values, one
// trace by id), answering in each backend's own shape: Jaeger's {data,total,limit,offset,errors}
// of whole traces (the traces are real corpus files), Zipkin's array of traces (arrays of v2
// spans), Tempo's trace summaries. Every request is recorded with its query, so tests check the
// parameter names and units the page sends.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readCorpusText } from '../helpers/corpus.ts';

export interface RecordedRequest {
  readonly path: string;
  readonly params: URLSearchParams;
}

export interface SearchBackends {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** Requests to a path (without the query). */
  to(path: string): RecordedRequest[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

function traceOf(file: string): Json {
  const doc = JSON.parse(readCorpusText(file)) as Json;
  return Array.isArray(doc.data) ? (doc.data[0] as Json) : doc;
}

/** Jaeger UI's and Grafana's fixtures, whole traces as /api/traces returns them. */
const JAEGER_FILES = [
  'jaeger/grafana__mockJsonResponse.json',
  'jaeger/jaeger-ui__spanLongerAsParent.json',
  'jaeger/jaeger__ui_01.json',
  'jaeger/jaeger-ui__TraceTimelineViewer__genaiTestTrace.json',
];
const jaegerTraces = JAEGER_FILES.map(traceOf);
export const JAEGER_SEARCH_IDS = jaegerTraces.map((t) => String(t.traceID));
export const JAEGER_SLOWEST_ID = '4a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const JAEGER_SERVICES = ['checkout', 'frontend'];
export const JAEGER_BAD_REQUEST = 'unable to parse param \'maxDuration\': time: invalid duration "abc"';

function jaegerAnswer(data: unknown[] | null, errors: unknown = null): string {
  return JSON.stringify({ data, total: data?.length ?? 0, limit: 0, offset: 0, errors });
}

/** A Jaeger answer of `n` small traces (a root and two children), as a search at limit 1500 brings. */
export function manyJaegerTraces(n: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const traceID = (0x1000000 + i).toString(16).padStart(32, '0');
    const start = 1_700_000_000_000_000 + i * 1_000_000;
    const span = (id: number, parent: number | null, offset: number, duration: number) => ({
      traceID,
      spanID: (i * 4 + id).toString(16).padStart(16, '0'),
      operationName: id === 1 ? `GET /orders/${i % 7}` : `db.query ${id}`,
      references:
        parent === null
          ? []
          : [{ refType: 'CHILD_OF', traceID, spanID: (i * 4 + parent).toString(16).padStart(16, '0') }],
      startTime: start + offset,
      duration,
      tags: id === 3 && i % 10 === 0 ? [{ key: 'error', type: 'bool', value: true }] : [],
      logs: [],
      processID: id === 1 ? 'p1' : 'p2',
      warnings: null,
    });
    out.push({
      traceID,
      spans: [span(1, null, 0, 5000 + (i % 50) * 100), span(2, 1, 100, 1000), span(3, 1, 1200, 2000)],
      processes: { p1: { serviceName: 'checkout', tags: [] }, p2: { serviceName: 'postgres', tags: [] } },
      warnings: null,
    });
  }
  return out;
}

const ZIPKIN_FILES = ['zipkin/zipkin__yelp.json', 'zipkin/zipkin__netflix.json', 'zipkin/zipkin__ascend.json'];
const zipkinTraces = ZIPKIN_FILES.map((f) => JSON.parse(readCorpusText(f)) as Json[]);
export const ZIPKIN_SEARCH_IDS = zipkinTraces.map((t) => String(t[0].traceId));

const kiali = JSON.parse(readCorpusText('tempo/kiali__responseTrace.json')) as { batches: unknown[] };
export const TEMPO_SEARCH_ID = '3ba55609c3cde49649cd77d1f9dcd936';
export const TEMPO_SPANS = 8;
/** Tempo drops leading zeros of trace ids in search answers. */
export const TEMPO_SHORT_ID = '0f0e0d0c0b0a09080706050403020100';
export const TEMPO_BAD_QUERY =
  'invalid TraceQL query: parse error at line 1, col 3: syntax error: unexpected IDENTIFIER';

/** Tempo's /api/search answer, as its SearchResponse is written out (tempopb). */
function tempoSearchAnswer(): string {
  return JSON.stringify({
    traces: [
      {
        traceID: TEMPO_SEARCH_ID,
        rootServiceName: 'productpage.bookinfo',
        rootTraceName: 'productpage.bookinfo.svc.cluster.local:9080/productpage',
        startTimeUnixNano: '1647430839108131000',
        durationMs: 52,
        spanSet: {
          spans: [{ spanID: 'a1b2c3d4e5f60718', startTimeUnixNano: '1647430839108131000', durationNanos: '52000000' }],
          matched: 2,
        },
        spanSets: [{ spans: [], matched: 2 }],
        serviceStats: { 'productpage.bookinfo': { spanCount: 4 }, 'reviews.bookinfo': { spanCount: 4, errorCount: 1 } },
      },
      {
        traceID: TEMPO_SHORT_ID.replace(/^0+/, ''),
        rootServiceName: 'api',
        rootTraceName: 'GET /',
        startTimeUnixNano: '1647430840000000000',
        spanSet: { spans: [], matched: 1 },
        serviceStats: { api: { spanCount: 1 } },
      },
    ],
    metrics: { inspectedTraces: 12, inspectedBytes: '40960', completedJobs: 1, totalJobs: 1 },
  });
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

type Handler = (req: IncomingMessage, res: ServerResponse, path: string, params: URLSearchParams) => void;

/** Jaeger: the service chooses the answer, so each test asks for what it needs. */
const jaeger: Handler = (_req, res, path, params) => {
  if (path === '/api/services') return send(res, 200, jaegerAnswer(JAEGER_SERVICES));
  if (path === '/api/services/checkout/operations') return send(res, 200, jaegerAnswer(['GET /orders', 'POST /pay']));
  const byId = /^\/api\/traces\/([^/]+)$/.exec(path);
  if (byId) {
    const trace = jaegerTraces.find((t) => String(t.traceID) === byId[1]);
    return trace
      ? send(res, 200, jaegerAnswer([trace]))
      : send(res, 404, jaegerAnswer(null, [{ code: 404, msg: 'trace not found' }]));
  }
  if (path !== '/api/traces') return send(res, 404, '404 page not found\n', 'text/plain');
  switch (params.get('service')) {
    case 'checkout':
      return send(res, 200, jaegerAnswer(jaegerTraces));
    case 'nothing':
      return send(res, 200, jaegerAnswer([]));
    case 'bad':
      return send(res, 400, jaegerAnswer(null, [{ code: 400, msg: JAEGER_BAD_REQUEST }]));
    case 'broken':
      return send(res, 500, jaegerAnswer(null, [{ code: 500, msg: 'cassandra: no hosts available' }]));
    case 'slow': {
      // Answers after a long while: long enough for a test to cancel it.
      const timer = setTimeout(() => send(res, 200, jaegerAnswer(jaegerTraces)), 20_000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'large':
      return send(res, 200, jaegerAnswer(manyJaegerTraces(Number(params.get('limit') ?? 20))));
    default:
      return send(res, 200, jaegerAnswer([]));
  }
};

/** Jaeger v2 without the old HTTP JSON API: searches are answered by API v3 as OTLP JSON in {result}. */
const jaegerV3Answer = readCorpusText('otlp/jaeger-ui__getTrace-response.json');
export const JAEGER_V3_TRACE_ID = '2ea75461946a7dd10f2c15ab36a076cb';

const jaegerV3Only: Handler = (_req, res, path) => {
  if (path === '/api/v3/traces') return send(res, 200, jaegerV3Answer);
  send(res, 404, '404 page not found\n', 'text/plain');
};

const zipkin: Handler = (_req, res, path, params) => {
  if (path === '/api/v2/services') return send(res, 200, JSON.stringify(['mobile_api', 'user_service']));
  if (path === '/api/v2/spans')
    return send(res, 200, JSON.stringify(params.get('serviceName') === 'mobile_api' ? ['get', 'post'] : []));
  if (path === '/api/v2/traces')
    return send(res, 200, JSON.stringify(params.get('serviceName') === 'nobody' ? [] : zipkinTraces));
  send(res, 404, '{"status":404,"error":"Not Found"}');
};

const tempo: Handler = (_req, res, path, params) => {
  if (path === '/api/echo') return send(res, 200, 'echo', 'text/plain');
  if (path === '/api/search') {
    const q = params.get('q') ?? '';
    if (q.includes('oops')) return send(res, 400, `${TEMPO_BAD_QUERY}\n`, 'text/plain');
    if (q.includes('nothing')) return send(res, 200, JSON.stringify({ traces: [], metrics: { inspectedTraces: 5 } }));
    return send(res, 200, tempoSearchAnswer());
  }
  if (path === '/api/v2/search/tags')
    return send(
      res,
      200,
      JSON.stringify({
        scopes: [
          { name: 'resource', tags: ['service.name', 'k8s.namespace.name'] },
          { name: 'span', tags: ['http.status_code'] },
          { name: 'intrinsic', tags: ['duration', 'name', 'status'] },
        ],
      }),
    );
  const values = /^\/api\/v2\/search\/tag\/([^/]+)\/values$/.exec(path);
  if (values)
    return send(
      res,
      200,
      JSON.stringify({
        tagValues:
          values[1] === 'resource.service.name'
            ? [
                { type: 'string', value: 'productpage.bookinfo' },
                { type: 'string', value: 'reviews.bookinfo' },
              ]
            : [{ type: 'int', value: '500' }],
      }),
    );
  const trace = /^\/api\/v2\/traces\/([^/]+)$/.exec(path);
  if (trace && trace[1] === TEMPO_SEARCH_ID)
    return send(res, 200, JSON.stringify({ trace: { resourceSpans: kiali.batches } }));
  send(res, 404, 'trace not found\n', 'text/plain');
};

export const SEARCH_MOUNTS = { jaeger: '/jaeger', jaegerV3: '/jaeger-v3', zipkin: '/zipkin', tempo: '/tempo' } as const;

const ROUTES: Readonly<Record<string, Handler>> = {
  [SEARCH_MOUNTS.jaeger]: jaeger,
  [SEARCH_MOUNTS.jaegerV3]: jaegerV3Only,
  [SEARCH_MOUNTS.zipkin]: zipkin,
  [SEARCH_MOUNTS.tempo]: tempo,
};

export async function startSearchBackends(): Promise<SearchBackends> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'X-Scope-OrgID');
    if (req.method === 'OPTIONS') return send(res, 204, '');
    const mount = Object.keys(ROUTES).find((m) => url.pathname.startsWith(`${m}/`));
    requests.push({ path: url.pathname, params: url.searchParams });
    if (!mount) return send(res, 404, 'no such backend\n', 'text/plain');
    ROUTES[mount](req, res, url.pathname.slice(mount.length), url.searchParams);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    to: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A loopback stand-in for Jaeger, Zipkin and Tempo, answering their real API paths with real
// responses from the shared corpus in each backend's exact shape, plus trace files and the
// ways a download goes wrong (404, 500, slow, cut short, no CORS header). Started by the
// tests on 127.0.0.1 port 0 and closed after them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { readCorpusText } from '../helpers/corpus.ts';

export interface FakeBackends {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** Paths requested (GET only, without the query), in order. */
  readonly requests: string[];
  count(path: string): number;
  close(): Promise<void>;
}

function json(text: string): unknown {
  return JSON.parse(text);
}

const jaegerV3 = readCorpusText('otlp/jaeger-ui__getTrace-response.json');
export const JAEGER_TRACE_ID = '2ea75461946a7dd10f2c15ab36a076cb';
export const JAEGER_SPANS = 40;

const jaegerV1Trace = json(readCorpusText('jaeger/jaeger-ui__TraceTimelineViewer__genaiTestTrace.json'));
export const JAEGER_V1_TRACE_ID = '4a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const JAEGER_V1_SPANS = 57;
const jaegerV1 = JSON.stringify({ data: [jaegerV1Trace], total: 0, limit: 0, offset: 0, errors: null });

const zipkin = readCorpusText('zipkin/zipkin__yelp.json');
export const ZIPKIN_TRACE_ID = 'a03ee8fff1dcd9b9';
export const ZIPKIN_SPANS = 16;

const kiali = json(readCorpusText('tempo/kiali__responseTrace.json')) as { batches: unknown[] };
export const TEMPO_TRACE_ID = '3ba55609c3cde49649cd77d1f9dcd936';
export const TEMPO_SPANS = 8;
export const TEMPO_PARTIAL_MESSAGE = 'one ingester did not answer';
const tempoV2 = JSON.stringify({
  trace: { resourceSpans: kiali.batches },
  status: 'PARTIAL',
  message: TEMPO_PARTIAL_MESSAGE,
});

const tempoV1 = readCorpusText('tempo/tempo__trace-with-failed-requests.json');
export const TEMPO_V1_TRACE_ID = 'e8b6dff9f8d44b28f1b22bc3bd2f6768';
export const TEMPO_V1_SPANS = 15;
export const TENANT = 'team-a';

/** Bytes of the slow file and how long it takes, so progress can be seen on the way. */
const SLOW_CHUNKS = 8;
const SLOW_CHUNK_MS = 250;

type Handler = (req: IncomingMessage, res: ServerResponse, rest: string) => void;

interface Mount {
  readonly handle: Handler;
  /** Without Access-Control-Allow-Origin, as a backend that does not allow other origins. */
  readonly noCors?: boolean;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json'): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

const pageNotFound = (res: ServerResponse) => send(res, 404, '404 page not found\n', 'text/plain');

function jaegerHandler(v3: boolean): Handler {
  return (_req, res, rest) => {
    if (rest === '/api/services')
      return send(
        res,
        200,
        JSON.stringify({ data: ['frontend', 'customer'], total: 2, limit: 0, offset: 0, errors: null }),
      );
    const v3Match = /^\/api\/v3\/traces\/([^/]+)$/.exec(rest);
    if (v3Match) {
      if (!v3) return pageNotFound(res);
      if (v3Match[1] === JAEGER_TRACE_ID) return send(res, 200, jaegerV3);
      return send(res, 404, JSON.stringify({ error: { httpCode: 404, message: 'trace not found' } }));
    }
    const v1Match = /^\/api\/traces\/([^/]+)$/.exec(rest);
    if (v1Match) {
      if (!v3 && v1Match[1] === JAEGER_V1_TRACE_ID) return send(res, 200, jaegerV1);
      return send(
        res,
        404,
        JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] }),
      );
    }
    pageNotFound(res);
  };
}

const zipkinHandler: Handler = (_req, res, rest) => {
  if (rest === '/api/v2/services') return send(res, 200, JSON.stringify(['mobile_api', 'user_service']));
  const m = /^\/api\/v2\/trace\/([^/]+)$/.exec(rest);
  if (m) return m[1] === ZIPKIN_TRACE_ID ? send(res, 200, zipkin) : send(res, 404, `Trace not found`, 'text/plain');
  send(res, 404, '{"status":404,"error":"Not Found"}');
};

function tempoHandler(options: { v2: boolean; tenant?: string }): Handler {
  return (req, res, rest) => {
    if (options.tenant !== undefined && req.headers['x-scope-orgid'] !== options.tenant)
      return send(res, 401, 'no org id\n', 'text/plain');
    if (rest === '/api/echo') return send(res, 200, 'echo', 'text/plain');
    const v2 = /^\/api\/v2\/traces\/([^/]+)$/.exec(rest);
    if (v2) {
      if (!options.v2) return pageNotFound(res);
      return v2[1] === TEMPO_TRACE_ID ? send(res, 200, tempoV2) : send(res, 404, 'trace not found\n', 'text/plain');
    }
    const v1 = /^\/api\/traces\/([^/]+)$/.exec(rest);
    if (v1) {
      if (v1[1] === TEMPO_V1_TRACE_ID) return send(res, 200, tempoV1);
      if (v1[1] === TEMPO_TRACE_ID) return send(res, 200, JSON.stringify({ batches: kiali.batches }));
      return send(res, 404, 'trace not found\n', 'text/plain');
    }
    pageNotFound(res);
  };
}

const FILES: Readonly<Record<string, string>> = {
  '/yelp.json': zipkin,
  '/getTrace.json': jaegerV3,
  '/not-json.json': 'this is not JSON, it is a note\n',
  '/unknown-shape.json': JSON.stringify({ hello: 'world', items: [1, 2, 3] }),
  '/two-traces.json': readCorpusText('tempo/tempo__test-sample.json'),
};

function filesHandler(): Handler {
  return (_req, res, rest) => {
    const fixed = FILES[rest];
    if (fixed !== undefined) return send(res, 200, fixed);
    if (rest === '/yelp.json.gz') return send(res, 200, gzipSync(zipkin), 'application/gzip');
    if (rest === '/broken.json') return send(res, 500, 'storage backend unavailable\nretry later', 'text/plain');
    if (rest === '/slow.json') {
      const bytes = Buffer.from(jaegerV3);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) });
      const size = Math.ceil(bytes.length / SLOW_CHUNKS);
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(bytes.subarray(i * size, (i + 1) * size));
        if (++i >= SLOW_CHUNKS) {
          clearInterval(timer);
          res.end();
        }
      }, SLOW_CHUNK_MS);
      return;
    }
    if (rest === '/truncated.json') {
      const bytes = Buffer.from(jaegerV3);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) });
      // Close gracefully (FIN, not a reset) once the part is written: a reset may make the
      // browser drop bytes it has not read yet, and the test expects the part to arrive.
      // The pause lets a loaded machine's browser take the part in before the close.
      res.write(bytes.subarray(0, 20_000), () => setTimeout(() => res.socket?.end(), 1000));
      return;
    }
    send(res, 404, `no such file: ${rest}\n`, 'text/plain');
  };
}

/** Base paths of the fake backends under the server's origin. */
export const MOUNTS = {
  jaeger: '/jaeger',
  jaegerV1: '/jaeger-v1',
  zipkin: '/zipkin',
  tempo: '/tempo',
  tempoV1: '/tempo-v1',
  tempoTenant: '/tempo-tenant',
  files: '/files',
  /** Jaeger that sends no CORS header: readable only through the viewer's proxy. */
  jaegerNoCors: '/jaeger-nocors',
  filesNoCors: '/files-nocors',
} as const;

const ROUTES: Readonly<Record<string, Mount>> = {
  [MOUNTS.jaeger]: { handle: jaegerHandler(true) },
  [MOUNTS.jaegerV1]: { handle: jaegerHandler(false) },
  [MOUNTS.zipkin]: { handle: zipkinHandler },
  [MOUNTS.tempo]: { handle: tempoHandler({ v2: true }) },
  [MOUNTS.tempoV1]: { handle: tempoHandler({ v2: false }) },
  [MOUNTS.tempoTenant]: { handle: tempoHandler({ v2: true, tenant: TENANT }) },
  [MOUNTS.files]: { handle: filesHandler() },
  [MOUNTS.jaegerNoCors]: { handle: jaegerHandler(true), noCors: true },
  [MOUNTS.filesNoCors]: { handle: filesHandler(), noCors: true },
};

export async function startFakeBackends(): Promise<FakeBackends> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const mountPath = Object.keys(ROUTES).find((m) => path === m || path.startsWith(`${m}/`));
    const mount = mountPath ? ROUTES[mountPath] : undefined;
    if (!mount?.noCors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'X-Scope-OrgID');
    }
    if (req.method === 'OPTIONS') return send(res, 204, '');
    if (req.method !== 'GET') return send(res, 405, 'only GET\n', 'text/plain');
    requests.push(path);
    if (!mount || !mountPath) return pageNotFound(res);
    mount.handle(req, res, path.slice(mountPath.length));
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    count: (path) => requests.filter((r) => r === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A loopback backend that records every request it receives (method, raw path, headers) and
// answers with a small JSON body and a Set-Cookie, so the proxy tests can see exactly what the
// viewer's proxy relays and what it passes back. It also serves a page at /other-site.html for
// playing a foreign website in the browser, and never answers anything under /never.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** The request line's path, exactly as received (no decoding). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface RecordingBackend {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly port: number;
  readonly received: RecordedRequest[];
  close(): Promise<void>;
}

export const BACKEND_COOKIE = 'backend-session=secret';

const OTHER_SITE_PAGE = '<!doctype html><title>another site</title><p>another site</p>';

export async function startRecordingBackend(): Promise<RecordingBackend> {
  const received: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/other-site.html') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(OTHER_SITE_PAGE);
      return;
    }
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    // A server that accepts the connection and never answers.
    if (req.url?.startsWith('/never')) return;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Set-Cookie': `${BACKEND_COOKIE}; Path=/`,
    });
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

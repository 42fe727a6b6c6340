// Tells the page which backends TRACE_PROXY configured, by name only (the targets stay on the
// server): the page opens the search of the first at start and lists them in the backend form.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

/** Where the page asks; outside /proxy/ so that no backend path can shadow it. */
const BACKEND_LIST_PATH = '/trace-viewer-backends.json';

export function backendListPlugin(names: readonly string[]): Plugin {
  const body = JSON.stringify({ backends: names.map((name) => ({ name, base: `/proxy/${name}` })) });
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.url?.split('?')[0] !== BACKEND_LIST_PATH) return next();
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
  };
  return {
    name: 'trace-viewer-backend-list',
    configureServer: (server) => {
      server.middlewares.use(middleware);
    },
    configurePreviewServer: (server) => {
      server.middlewares.use(middleware);
    },
  };
}

// What opens when the page starts: the state the address describes (?url=, ?backend=&trace=,
// ?view=search…, a #trace= carried in the link), a Jaeger UI path (/search?…, /trace/<id>)
// read as the same search or trace, the search of the first backend TRACE_PROXY names when
// the address names nothing, else the bundled demo unless ?demo=0.
import { loadBackendSettings } from '../io/backend-settings.ts';
import { configuredBackends } from '../loading/configured-backends.ts';
import { prepareParser } from '../loading/parse-client.ts';
import { useSourceStore } from '../loading/source-store.ts';
import { jaegerUiParams, readJaegerUiPath } from './jaeger-ui-paths.ts';
import { formatQuery } from './url-params.ts';
import { restoreAddress } from './url-state.ts';

/** The configured backend Jaeger UI links read: one named jaeger, else the first; else the last one used here. */
async function jaegerBackend(): Promise<string | null> {
  const configured = await configuredBackends();
  const named = configured.find((b) => b.name.toLowerCase().includes('jaeger')) ?? configured[0];
  if (named) return named.base;
  const saved = loadBackendSettings().base;
  return saved === '' ? null : saved;
}

function replaceAddress(params: URLSearchParams): string {
  const search = formatQuery(params);
  history.replaceState(null, '', `${import.meta.env.BASE_URL}${search}`);
  return search;
}

export async function startupLoad(search: string, hash: string): Promise<void> {
  // Whatever opens, the worker will be wanted: for it, or for the first file the user drops.
  prepareParser();
  const link = readJaegerUiPath(location.pathname, search, import.meta.env.BASE_URL);
  if (link !== null) {
    const backend = await jaegerBackend();
    if (backend === null) {
      replaceAddress(new URLSearchParams({ demo: '0' }));
      useSourceStore
        .getState()
        .addNotices([
          `${location.pathname} is a Jaeger UI link: start the viewer with TRACE_PROXY="jaeger=http://your-jaeger:16686" npm start, or open the backend once with From backend…, and it opens here.`,
        ]);
      return;
    }
    return restoreAddress(replaceAddress(jaegerUiParams(link, backend)), '');
  }
  if (search === '' && hash === '') {
    const [first] = await configuredBackends();
    if (first) return restoreAddress(replaceAddress(new URLSearchParams({ view: 'search', backend: first.base })), '');
  }
  return restoreAddress(search, hash);
}

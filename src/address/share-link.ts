// The link that reproduces what is on screen. A trace with an address (URL, backend, demo)
// is linked by that address; a local file travels inside the link's fragment, compressed,
// when it is small enough (the fragment never reaches a server).
import { currentTrace, useTraceStore } from '../state/trace-store.ts';
import { formatBytes } from '../io/fetch-error.ts';
import { traceOtlpJson } from '../loading/download-trace.ts';
import { encodeShared, MAX_EMBED_CHARS } from '../io/share-codec.ts';
import { writeSearchParams } from '../io/search/search-params.ts';
import { useSearchStore } from '../loading/search-store.ts';
import { useSourceStore } from '../loading/source-store.ts';
import { FRAGMENT_KEY, formatQuery, P } from './url-params.ts';
import { sourceFragment, viewParams } from './url-state.ts';

export type ShareLink =
  | { readonly ok: true; readonly link: string; readonly embedded: boolean }
  | { readonly ok: false; readonly message: string; readonly tooLarge: boolean };

/** Beyond this many spans a trace cannot fit in a link; it is not worth compressing to find out. */
const MAX_EMBED_SPANS = 20_000;

function pageAddress(): string {
  return `${location.origin}${location.pathname}`;
}

function tooLarge(detail: string): ShareLink {
  return {
    ok: false,
    tooLarge: true,
    message: `This trace is too large to carry in a link (${detail}; a link carries at most ${formatBytes(MAX_EMBED_CHARS)}). Download it and share the file instead.`,
  };
}

export async function shareLink(): Promise<ShareLink> {
  // On the search page the link is the search: opened, it runs the same search again.
  const search = useSearchStore.getState();
  if (search.open && search.query) {
    const params = new URLSearchParams();
    writeSearchParams(search.query, params);
    return { ok: true, embedded: false, link: `${pageAddress()}${formatQuery(params)}` };
  }
  const trace = currentTrace(useTraceStore.getState());
  if (!trace) return { ok: false, tooLarge: false, message: 'Open a trace first.' };
  const source = useSourceStore.getState().source;
  const params = viewParams();
  if (source.kind !== 'local')
    return {
      ok: true,
      embedded: source.kind === 'embedded',
      link: `${pageAddress()}${formatQuery(params)}${sourceFragment(source)}`,
    };

  // The link holds only this trace, so it needs no choosing among others, and no demo=0.
  params.delete(P.demo);
  params.delete(P.trace);
  if (trace.spans.length > MAX_EMBED_SPANS) return tooLarge(`${trace.spans.length.toLocaleString('en-US')} spans`);
  let json: string;
  try {
    json = traceOtlpJson(trace);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, tooLarge: false, message: `This trace could not be written into a link (${reason}).` };
  }
  const fragment = await encodeShared(json);
  if (fragment.length > MAX_EMBED_CHARS) return tooLarge(`${formatBytes(fragment.length)} compressed`);
  return { ok: true, embedded: true, link: `${pageAddress()}${formatQuery(params)}#${FRAGMENT_KEY}=${fragment}` };
}

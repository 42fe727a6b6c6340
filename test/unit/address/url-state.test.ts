import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoadedFile, Trace } from '../../../src/model/trace.ts';
import { useSourceStore } from '../../../src/loading/source-store.ts';
import { applyViewParams, restoreAddress, viewParams } from '../../../src/address/url-state.ts';
import { currentTrace, useTraceStore } from '../../../src/state/trace-store.ts';
import { INITIAL_VIEW, useViewStore } from '../../../src/state/view-store.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';
import { readCorpusText } from '../../helpers/corpus.ts';

const MS = 1_000_000;

function sample(traceId = '0af7651916cd43dd8448eb211c80319c'): Trace {
  return makeTrace(
    [
      { id: 'a000000000000001', start: 0, dur: 100 * MS, service: 'frontend' },
      { id: 'a000000000000002', parent: 'a000000000000001', start: 5 * MS, dur: 40 * MS, service: 'cart' },
      { id: 'a000000000000003', parent: 'a000000000000002', start: 10 * MS, dur: 10 * MS, service: 'db', error: true },
      { id: 'a000000000000004', parent: 'a000000000000001', start: 50 * MS, dur: 30 * MS, service: 'cart' },
    ],
    { traceId },
  );
}

function file(...traces: Trace[]): LoadedFile {
  return { fileName: 't.json', format: 'otlp', traces, warnings: [], notes: [] };
}

function show(f: LoadedFile, url = 'http://files.test/t.json') {
  useSourceStore.getState().shown({ kind: 'url', url }, [f]);
  useTraceStore.getState().finishLoad([f], []);
  useViewStore.getState().resetForTrace(new Set());
}

function resetStores() {
  useTraceStore.setState({ files: [], errors: [], loading: [], current: null, selectedSpan: null });
  useViewStore.setState(INITIAL_VIEW);
  useSourceStore.setState({ source: { kind: 'none' }, files: [], notices: [] });
}

beforeEach(resetStores);
afterEach(() => vi.unstubAllGlobals());

describe('viewParams and applyViewParams', () => {
  it('reproduce the whole view state of a trace', () => {
    const trace = sample();
    show(file(trace));
    const view = useViewStore.getState();
    view.setView('flamegraph');
    view.setZoom({ startNs: 4 * MS, endNs: 60 * MS });
    view.setSearch('cart');
    view.setShowOnlyMatches(true);
    view.setFilters({ errorsOnly: true, services: ['cart'], minDurationNs: 2 * MS, criticalOnly: true, aiOnly: true });
    view.setColorByKind(true);
    view.setCollapsed(new Set([indexOf(trace, 'a000000000000002')]));
    useTraceStore.getState().selectSpan(indexOf(trace, 'a000000000000004'));

    const params = viewParams();
    expect(params.get('url')).toBe('http://files.test/t.json');
    expect(params.get('span')).toBe('a000000000000004');
    expect(params.get('view')).toBe('flamegraph');
    expect(params.get('zoom')).toBe(`${4 * MS}-${60 * MS}`);
    expect(params.get('collapse')).toBe('a000000000000002');
    expect(params.get('aiOnly')).toBe('1');
    expect(params.get('colorBy')).toBe('kind');

    const expected = { ...useViewStore.getState() };
    useViewStore.getState().resetForTrace(new Set());
    useViewStore.getState().setView('waterfall');
    useViewStore.getState().setColorByKind(false);
    useTraceStore.getState().selectSpan(null);

    expect(applyViewParams(params, trace)).toEqual([]);
    const restored = useViewStore.getState();
    expect(restored.view).toBe('flamegraph');
    expect(restored.zoom).toEqual(expected.zoom);
    expect(restored.search).toBe('cart');
    expect(restored.showOnlyMatches).toBe(true);
    expect(restored.filters).toEqual(expected.filters);
    expect(restored.colorByKind).toBe(true);
    expect([...restored.collapsed]).toEqual([indexOf(trace, 'a000000000000002')]);
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'a000000000000004'));
  });

  it('ignores stale parameters with notices the user can see, keeping the rest', () => {
    const trace = sample();
    show(file(trace));
    const notices = applyViewParams(
      new URLSearchParams(`span=ffffffffffffffff&zoom=0-${10_000 * MS}&service=ghost&service=cart&search=db`),
      trace,
    );
    expect(notices).toHaveLength(3);
    expect(notices[0]).toMatch(/Span ffffffffffffffff is not in this trace/);
    expect(useTraceStore.getState().selectedSpan).toBeNull();
    expect(useViewStore.getState().zoom).toBeNull();
    expect(useViewStore.getState().filters.services).toEqual(['cart']);
    expect(useViewStore.getState().search).toBe('db');
    expect(useSourceStore.getState().notices.map((n) => n.text)).toEqual(notices);
  });

  it('leaves parameters of another loaded trace alone (the picker switched traces)', () => {
    const one = sample('0af7651916cd43dd8448eb211c80319c');
    const two = sample('1111111111111111aaaaaaaaaaaaaaaa');
    show(file(one, two));
    useViewStore.getState().setSearch('kept');
    expect(applyViewParams(new URLSearchParams('trace=0af7651916cd43dd8448eb211c80319c&search=other'), two)).toEqual(
      [],
    );
    expect(useViewStore.getState().search).toBe('kept');
    expect(viewParams().get('trace')).toBe('0af7651916cd43dd8448eb211c80319c');
  });
});

describe('restoreAddress', () => {
  const TRACE_URL = 'http://files.test/yelp.json';

  function serveCorpus() {
    const fetchMock = vi.fn(async () => new Response(readCorpusText('zipkin/zipkin__yelp.json')));
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }

  it('loads the source and applies the view parameters to it', async () => {
    const fetchMock = serveCorpus();
    await restoreAddress(`?url=${encodeURIComponent(TRACE_URL)}&view=stats&search=mobile`, '');
    const trace = currentTrace(useTraceStore.getState());
    expect(trace?.spans.length).toBe(16);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(useViewStore.getState().view).toBe('stats');
    expect(useViewStore.getState().search).toBe('mobile');
    expect(useSourceStore.getState().source).toEqual({ kind: 'url', url: TRACE_URL });
  });

  it('does not fetch again when only view parameters change (Back/Forward)', async () => {
    // Another address than the other tests': recent sources are kept for Back and Forward.
    const TRACE_URL = 'http://files.test/yelp-again.json';
    const fetchMock = serveCorpus();
    await restoreAddress(`?url=${encodeURIComponent(TRACE_URL)}`, '');
    const trace = currentTrace(useTraceStore.getState())!;
    const span = trace.spans[3];
    await restoreAddress(`?url=${encodeURIComponent(TRACE_URL)}&span=${span.spanId}&view=flamegraph`, '');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(currentTrace(useTraceStore.getState())).toBe(trace);
    expect(trace.spans[useTraceStore.getState().selectedSpan!].spanId).toBe(span.spanId);
    expect(useViewStore.getState().view).toBe('flamegraph');
    // And back to the plain view: absent parameters mean the defaults.
    await restoreAddress(`?url=${encodeURIComponent(TRACE_URL)}`, '');
    expect(useTraceStore.getState().selectedSpan).toBeNull();
    expect(useViewStore.getState().view).toBe('waterfall');
  });

  it('shows a clear error for a backend address with a bad trace id, fetching nothing', async () => {
    const fetchMock = serveCorpus();
    await restoreAddress('?backend=http://jaeger.test:16686&trace=xyz', '');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(useTraceStore.getState().errors[0].message).toMatch(/"xyz" is not a trace id/);
  });
});

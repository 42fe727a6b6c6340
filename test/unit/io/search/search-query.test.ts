import { describe, expect, it } from 'vitest';
import { readTempoSearch } from '../../../../src/io/search/search-answers.ts';
import { emptyQuery, searchRequests, type SearchQuery } from '../../../../src/io/search/search-query.ts';

const NOW_MS = 1_764_000_000_000;

function urls(query: SearchQuery): URL[] {
  const r = searchRequests(query, NOW_MS);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.requests.map((x) => new URL(x.url));
}

describe('search requests', () => {
  it('asks Jaeger /api/traces in microseconds, with Go durations and the tags as JSON', () => {
    const [u] = urls({
      ...emptyQuery('http://j:16686', 'jaeger'),
      service: 'checkout',
      operation: 'POST /pay',
      tags: 'http.status_code=500 error=true',
      minDuration: '100ms',
      maxDuration: '1.5s',
      limit: 50,
    });
    expect(u.pathname).toBe('/api/traces');
    const p = u.searchParams;
    expect(p.get('service')).toBe('checkout');
    expect(p.get('operation')).toBe('POST /pay');
    expect(JSON.parse(p.get('tags') ?? '')).toEqual({ 'http.status_code': '500', error: 'true' });
    expect(p.get('end')).toBe(String(NOW_MS * 1000));
    expect(p.get('start')).toBe(String(NOW_MS * 1000 - 3_600_000_000));
    expect(p.get('minDuration')).toBe('100ms');
    expect(p.get('maxDuration')).toBe('1.5s');
    expect(p.get('limit')).toBe('50');
  });
  it("falls back to Jaeger's API v3 with its query.* names and RFC 3339 times", () => {
    const [, v3] = urls({
      ...emptyQuery('http://j:16686', 'jaeger'),
      service: 'checkout',
      minDuration: '2s',
      limit: 30,
    });
    expect(v3.pathname).toBe('/api/v3/traces');
    const p = v3.searchParams;
    expect(p.get('query.service_name')).toBe('checkout');
    expect(p.get('query.start_time_max')).toBe(new Date(NOW_MS).toISOString());
    expect(p.get('query.start_time_min')).toBe(new Date(NOW_MS - 3_600_000).toISOString());
    expect(p.get('query.duration_min')).toBe('2s');
    expect(p.get('query.search_depth')).toBe('30');
  });
  it('asks Zipkin /api/v2/traces with endTs and lookback in milliseconds and durations in microseconds', () => {
    const [u] = urls({
      ...emptyQuery('http://z:9411/', 'zipkin'),
      service: 'api',
      operation: 'get',
      tags: 'error and http.status_code=500',
      minDuration: '100ms',
      range: { kind: 'relative', lookback: '15m' },
    });
    expect(u.pathname).toBe('/api/v2/traces');
    const p = u.searchParams;
    expect(p.get('serviceName')).toBe('api');
    expect(p.get('spanName')).toBe('get');
    expect(p.get('annotationQuery')).toBe('error and http.status_code=500');
    expect(p.get('minDuration')).toBe('100000');
    expect(p.get('endTs')).toBe(String(NOW_MS));
    expect(p.get('lookback')).toBe(String(15 * 60_000));
    expect(p.get('limit')).toBe('20');
  });
  it('asks Tempo /api/search with TraceQL and whole seconds', () => {
    const [u] = urls({
      ...emptyQuery('/proxy/tempo', 'tempo'),
      base: 'http://t:3200',
      q: '{ resource.service.name = "api" }',
      range: { kind: 'absolute', startUs: 1_700_000_000_000_000, endUs: 1_700_000_600_000_000 },
    });
    expect(u.pathname).toBe('/api/search');
    expect(u.searchParams.get('q')).toBe('{ resource.service.name = "api" }');
    expect(u.searchParams.get('start')).toBe('1700000000');
    expect(u.searchParams.get('end')).toBe('1700000600');
  });
  it('says which fields are wrong instead of asking', () => {
    const r = searchRequests({ ...emptyQuery('http://j', 'jaeger'), tags: 'a="x', minDuration: '5', limit: 0 }, NOW_MS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['limit', 'minDuration', 'service', 'tags']);
  });
});

describe("Tempo's search answer", () => {
  it('reads summaries, padding ids Tempo shortened, with service span counts and matched spans', () => {
    const { hits, skipped } = readTempoSearch(
      JSON.stringify({
        traces: [
          {
            traceID: 'abc123',
            rootServiceName: 'api',
            rootTraceName: 'GET /',
            startTimeUnixNano: '1700000000000000000',
            durationMs: 12,
            spanSet: { spans: [], matched: 3 },
            serviceStats: { api: { spanCount: 4 }, db: { spanCount: 6, errorCount: 1 } },
          },
          { traceID: 'not hex' },
        ],
        metrics: { inspectedTraces: 2 },
      }),
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      traceId: '0000000000abc123',
      durationNs: 12e6,
      spanCount: 10,
      errorCount: 1,
      matchedSpans: 3,
    });
    expect(hits[0].services.map((s) => s.name)).toEqual(['db', 'api']);
    expect(skipped).toEqual(['traces[1]: no hexadecimal traceID']);
  });
  it('reads an answer without traces as no traces', () => {
    expect(readTempoSearch('{"metrics":{}}').hits).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildSearchText, provideSearchText, searchSpans, spansWithAncestors } from '../../../src/analysis/search.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { readCorpusText } from '../../helpers/corpus.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const trace = makeTrace([
  { id: 'aa01', start: 0, dur: 100, service: 'frontend', name: 'GET /checkout', attrs: { 'http.status_code': 500 } },
  { id: 'bb02', parent: 'aa01', start: 10, dur: 50, service: 'Payments', name: 'charge', events: ['Retry scheduled'] },
  {
    id: 'cc03',
    parent: 'bb02',
    start: 20,
    dur: 10,
    service: 'db',
    name: 'query',
    attrs: {
      'db.rows': 2.5,
      cached: true,
      tags: {
        type: 'array',
        value: [
          { type: 'string', value: 'Primary' },
          { type: 'int', value: '42' },
        ],
      },
      peer: { type: 'map', value: [{ key: 'host', value: { type: 'string', value: 'db-7.internal' } }] },
    },
  },
  {
    id: 'dd04',
    parent: 'aa01',
    start: 70,
    dur: 20,
    service: 'frontend',
    name: 'render',
    attrs: { status: 'http.status_code=500' },
  },
]);

function found(query: string): string[] {
  return Array.from(searchSpans(trace, query), (i) => trace.spans[i].spanId);
}

describe('searchSpans', () => {
  it('matches name, service and span id case-insensitively', () => {
    expect(found('CHECKOUT')).toEqual(['aa01']);
    expect(found('payments')).toEqual(['bb02']);
    expect(found('CC0')).toEqual(['cc03']);
  });

  it('matches event names', () => {
    expect(found('retry')).toEqual(['bb02']);
  });

  it('matches attribute keys and values of every type, inside arrays and maps', () => {
    expect(found('db.rows')).toEqual(['cc03']);
    expect(found('2.5')).toEqual(['cc03']);
    expect(found('true')).toEqual(['cc03']);
    expect(found('primary')).toEqual(['cc03']);
    expect(found('42')).toEqual(['cc03']);
    expect(found('db-7')).toEqual(['cc03']);
  });

  it('matches key=value against an attribute with exactly that key and value', () => {
    expect(found('HTTP.STATUS_CODE=500')).toEqual(['aa01', 'dd04']);
    expect(found('http.status_code=50')).toEqual(['dd04']);
    expect(found('cached=TRUE')).toEqual(['cc03']);
    expect(found('tags=42')).toEqual(['cc03']);
    expect(found('host=db-7.internal')).toEqual(['cc03']);
    expect(found('cached=false')).toEqual([]);
  });

  it("does not pair a value with another attribute's key, or with the name, service or id", () => {
    expect(found('db.rows=true')).toEqual([]);
    expect(found('cached=2.5')).toEqual([]);
    expect(found('cached=query')).toEqual([]);
    expect(found('host=primary')).toEqual([]);
    expect(found('tags=db-7.internal')).toEqual([]);
    // A later span's key does not reach back into an earlier span's values.
    expect(found('status=render')).toEqual([]);
  });

  it('finds a key that itself holds "="', () => {
    const withEq = makeTrace([{ id: 'ee05', start: 0, dur: 1, attrs: { 'a=b': 'c' } }]);
    expect(Array.from(searchSpans(withEq, 'a=b=c'), (i) => withEq.spans[i].spanId)).toEqual(['ee05']);
    expect(Array.from(searchSpans(withEq, 'a=b=d'), (i) => withEq.spans[i].spanId)).toEqual([]);
  });

  it('pairs a value with its own key when values hold the characters the search text uses between fields', () => {
    const odd = makeTrace([
      { id: 'ff06', start: 0, dur: 1, name: 'a\u0001b', attrs: { first: 'x\u0001y', second: 'wanted' } },
    ]);
    const ids = (q: string) => Array.from(searchSpans(odd, q), (i) => odd.spans[i].spanId);
    expect(ids('second=wanted')).toEqual(['ff06']);
    expect(ids('first=wanted')).toEqual([]);
  });

  it('matches keys and key=value in a trace with more distinct keys than fit in 16 bits', () => {
    const n = 70_000;
    const many = makeTrace(
      Array.from({ length: n }, (_, i) => ({ id: `s${i}`, start: i, dur: 1, attrs: { [`key.${i}`]: `v${i}` } })),
    );
    const ids = (q: string) => Array.from(searchSpans(many, q), (i) => many.spans[i].spanId);
    expect(ids('key.69999')).toEqual(['s69999']);
    expect(ids('key.69998=v69998')).toEqual(['s69998']);
    expect(ids('key.69998=v69999')).toEqual([]);
  });

  it('requires every word of the query to match', () => {
    expect(found('frontend')).toEqual(['aa01', 'dd04']);
    expect(found('frontend render')).toEqual(['dd04']);
    expect(found('frontend charge')).toEqual([]);
  });

  it('returns matches in tree order and nothing for an empty query', () => {
    expect(found('a')).toEqual(['aa01', 'bb02', 'cc03', 'dd04']);
    expect(found('')).toEqual([]);
    expect(found('   ')).toEqual([]);
  });
});

describe('spansWithAncestors', () => {
  it('marks matches and everything above them', () => {
    const marked = spansWithAncestors(trace, searchSpans(trace, 'query'));
    const ids = trace.spans.filter((s) => marked[s.index] === 1).map((s) => s.spanId);
    expect(ids).toEqual(['aa01', 'bb02', 'cc03']);
    expect(marked[indexOf(trace, 'dd04')]).toBe(0);
  });

  it('is linear on a deep chain where every span matches', () => {
    const n = 100_000;
    const chain = makeTrace(
      Array.from({ length: n }, (_, i) => ({
        id: `s${i}`,
        parent: i === 0 ? undefined : `s${i - 1}`,
        start: i,
        dur: 2 * (n - i),
      })),
    );
    const matches = searchSpans(chain, 's');
    expect(matches).toHaveLength(n);
    // Quadratic marking would run for minutes here, far past the test's timeout (no timing threshold).
    const marked = spansWithAncestors(chain, matches);
    expect(marked.every((m) => m === 1)).toBe(true);
  });
});

describe('search text', () => {
  it('gives the same matches however it is cut into chunks', () => {
    const text = readCorpusText('otlp/jaeger-ui__getTrace-response.json');
    const outcome = loadTraceText('t.json', text);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const whole = outcome.file.traces[0];
    const queries = ['get', 'http.request.method=get', 'server.port=8083 route', 'driver', 'zzz', '0.0.0.0', 'GET /'];
    for (const chunkChars of [1, 50, 400]) {
      // A copy of the trace object, so that it has no search text yet.
      const chunked: Trace = { ...whole };
      const prepared = buildSearchText(chunked, chunkChars);
      expect(prepared.chunks.length).toBeGreaterThan(1);
      provideSearchText(chunked, prepared);
      for (const q of queries)
        expect(Array.from(searchSpans(chunked, q)), `${q} in chunks of ${chunkChars}`).toEqual(
          Array.from(searchSpans(whole, q)),
        );
    }
    expect(searchSpans(whole, 'get').length).toBeGreaterThan(5);
  });
});

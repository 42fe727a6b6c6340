import { describe, expect, it } from 'vitest';
import { readSearchParams, searchKey, writeSearchParams } from '../../../../src/io/search/search-params.ts';

const read = (query: string) => readSearchParams(new URLSearchParams(query), 'http://j:16686');

describe('a search in the address', () => {
  it("reads Jaeger UI's parameters into the fields", () => {
    const { query, notices } = read(
      'view=search&api=jaeger&service=checkout&operation=GET%20%2F&tags=error%3Dtrue&minDuration=100ms&maxDuration=1.5s&lookback=15m&limit=50',
    );
    expect(notices).toEqual([]);
    expect(query).toMatchObject({
      api: 'jaeger',
      service: 'checkout',
      operation: 'GET /',
      tags: 'error=true',
      minDuration: '100ms',
      maxDuration: '1.5s',
      range: { kind: 'relative', lookback: '15m' },
      limit: 50,
    });
  });
  it('reads tags written as JSON, as Jaeger UI writes them, back as logfmt', () => {
    expect(read('tags=%7B%22http.route%22%3A%22%2Fa%20b%22%2C%22error%22%3A%22true%22%7D').query.tags).toBe(
      'http.route="/a b" error=true',
    );
  });
  it('keeps start and end in epoch microseconds as a fixed range, and a preset lookback over them', () => {
    expect(read('start=1700000000000000&end=1700000600000000&lookback=custom').query.range).toEqual({
      kind: 'absolute',
      startUs: 1_700_000_000_000_000,
      endUs: 1_700_000_600_000_000,
    });
    expect(read('start=1700000000000000&end=1700000600000000&lookback=2d').query.range).toEqual({
      kind: 'relative',
      lookback: '2d',
    });
  });
  it('says what it ignored: a reversed range, a bad limit, an unknown type or parameter', () => {
    const { query, notices } = read('start=20&end=10&limit=lots&api=honeycomb&colour=red');
    expect(query.range).toEqual({ kind: 'relative', lookback: '1h' });
    expect(query.limit).toBe(20);
    expect(query.api).toBeNull();
    expect(notices).toEqual([
      'Unknown search parameter "colour" ignored.',
      'Unknown backend type "honeycomb" ignored (jaeger, zipkin or tempo); the type is detected.',
      expect.stringContaining('start=20 end=10 ignored'),
      expect.stringContaining('Limit "lots" ignored'),
    ]);
  });
  it('lowers a limit above 1500 and says so', () => {
    const { query, notices } = read('limit=5000');
    expect(query.limit).toBe(1500);
    expect(notices).toEqual(['Limit 5000 lowered to 1500, the most one search returns here.']);
  });
  it('writes what it reads, and the same search has the same key whatever the order', () => {
    const { query } = read('service=a&lookback=6h&q=%7B%7D&tenant=t1&api=tempo');
    const params = new URLSearchParams();
    writeSearchParams(query, params);
    expect(read(params.toString()).query).toEqual(query);
    expect(searchKey(read('lookback=6h&service=a&api=tempo&q=%7B%7D&tenant=t1').query)).toBe(searchKey(query));
    expect(searchKey(read('lookback=1h&service=a&api=tempo').query)).not.toBe(searchKey(query));
  });
});

import { describe, expect, it } from 'vitest';
import { jaegerUiParams, readJaegerUiPath } from '../../../src/address/jaeger-ui-paths.ts';

describe("Jaeger UI's paths", () => {
  it("reads /search with its parameters as this page's search of the given backend", () => {
    const link = readJaegerUiPath(
      '/search',
      '?service=checkout&operation=pay&tags=%7B%22error%22%3A%22true%22%7D&lookback=1h&limit=20&minDuration=1ms&maxDuration=2s&start=1&end=2&junk=1',
      '/',
    );
    expect(link?.kind).toBe('search');
    const params = jaegerUiParams(link!, '/proxy/jaeger');
    expect(Object.fromEntries(params)).toEqual({
      view: 'search',
      backend: '/proxy/jaeger',
      api: 'jaeger',
      service: 'checkout',
      operation: 'pay',
      tags: '{"error":"true"}',
      lookback: '1h',
      limit: '20',
      minDuration: '1ms',
      maxDuration: '2s',
      start: '1',
      end: '2',
    });
  });
  it('reads /trace/<id> with uiFind as the trace with the words found', () => {
    const link = readJaegerUiPath('/viewer/trace/ABC123DEF/', '?uiFind=timeout', '/viewer/');
    expect(link).toEqual({ kind: 'trace', traceId: 'abc123def', find: 'timeout' });
    expect(Object.fromEntries(jaegerUiParams(link!, 'http://j:16686'))).toEqual({
      backend: 'http://j:16686',
      api: 'jaeger',
      trace: 'abc123def',
      search: 'timeout',
    });
  });
  it("leaves the page's own address and other paths alone", () => {
    expect(readJaegerUiPath('/', '?view=search', '/')).toBeNull();
    expect(readJaegerUiPath('/trace/not-hex', '', '/')).toBeNull();
    expect(readJaegerUiPath('/search', '', '/other/')).toBeNull();
  });
});

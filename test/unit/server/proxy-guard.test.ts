import { describe, expect, it } from 'vitest';
import { ProxyConfigError } from '../../../src/server/proxy-config.ts';
import { readProxyHeaders } from '../../../src/server/proxy-credentials.ts';
import { checkProxyRequest, normaliseProxyPath } from '../../../src/server/proxy-guard.ts';

const jaeger = { name: 'jaeger', target: 'http://gateway/jaeger' };

describe('the proxy path', () => {
  it('is decoded and resolved, and refused when it climbs above the base', () => {
    expect(normaliseProxyPath('/api/traces/abc')).toBe('/api/traces/abc');
    expect(normaliseProxyPath('/api/x/..%2ftraces')).toBe('/api/traces');
    expect(normaliseProxyPath('/api/%2E%2E/%2e/y/')).toBe('/y/');
    expect(normaliseProxyPath('/..%2f..%2fy')).toBeUndefined();
    expect(normaliseProxyPath('/a/..%5c..%5cy')).toBeUndefined();
    expect(normaliseProxyPath('/%252e%252e%252fy')).toBeUndefined();
    expect(normaliseProxyPath('/%E0%A4%A')).toBeUndefined();
    // What a trace API path holds keeps its spelling.
    expect(normaliseProxyPath('/api/search/tag:value@x')).toBe('/api/search/tag:value@x');
    expect(normaliseProxyPath('/api/a%20b')).toBe('/api/a%20b');
  });

  it('keeps the query as sent and answers each refusal with its status', () => {
    const get = (url: string, headers = {}, method = 'GET') => checkProxyRequest({ method, url, headers }, jaeger);
    expect(get('/proxy/jaeger/api/search?tags=%7B%7D')).toEqual({
      ok: true,
      url: '/proxy/jaeger/api/search?tags=%7B%7D',
    });
    expect(get('/proxy/jaeger')).toEqual({ ok: true, url: '/proxy/jaeger/' });
    expect(get('/proxy/jaeger/x', {}, 'POST')).toMatchObject({ ok: false, status: 405 });
    expect(get('/proxy/jaeger/x', { 'sec-fetch-site': 'cross-site' })).toMatchObject({ ok: false, status: 403 });
    expect(get('/proxy/jaeger/x', { origin: 'http://evil.example', host: 'localhost:5173' })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(get('/proxy/jaeger/x', { origin: 'http://localhost:5173', host: 'localhost:5173' })).toMatchObject({
      ok: true,
    });
    expect(get('/proxy/jaeger/..%2fy')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('server-side backend credentials', () => {
  it('reads an Authorization value and extra headers per target', () => {
    const targets = [jaeger, { name: 'tempo-eu', target: 'http://tempo' }];
    const headers = readProxyHeaders(
      { TRACE_PROXY_AUTH_TEMPO_EU: 'Bearer abc', TRACE_PROXY_HEADERS_TEMPO_EU: 'X-Scope-OrgID: team-a; X-Other: 1' },
      targets,
    );
    expect(headers.get('tempo-eu')).toEqual({ authorization: 'Bearer abc', 'x-scope-orgid': 'team-a', 'x-other': '1' });
    expect(headers.has('jaeger')).toBe(false);
  });

  it('stops the server naming the variable when one is malformed', () => {
    expect(() => readProxyHeaders({ TRACE_PROXY_AUTH_JAEGER: 'abc' }, [jaeger])).toThrow(/TRACE_PROXY_AUTH_JAEGER/);
    expect(() => readProxyHeaders({ TRACE_PROXY_HEADERS_JAEGER: 'no colon' }, [jaeger])).toThrow(ProxyConfigError);
  });
});

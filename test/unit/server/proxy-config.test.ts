import { describe, expect, it } from 'vitest';
import { parseTraceProxy, ProxyConfigError, viteProxy } from '../../../src/server/proxy-config.ts';

describe('TRACE_PROXY', () => {
  it('reads name=url pairs', () => {
    expect(parseTraceProxy('jaeger=http://localhost:16686, tempo=http://tempo:3200/')).toEqual([
      { name: 'jaeger', target: 'http://localhost:16686' },
      { name: 'tempo', target: 'http://tempo:3200' },
    ]);
    expect(parseTraceProxy(undefined)).toEqual([]);
    expect(parseTraceProxy('  ')).toEqual([]);
  });

  it('stops with the bad entry named', () => {
    expect(() => parseTraceProxy('jaeger')).toThrow(ProxyConfigError);
    expect(() => parseTraceProxy('jaeger=localhost:16686')).toThrow(/only http and https/);
    expect(() => parseTraceProxy('a=http://x,a=http://y')).toThrow(/twice/);
    expect(() => parseTraceProxy('j=http://user:pw@x')).toThrow(/credentials/);
  });

  it('proxies only the configured prefix, to the configured target', () => {
    const proxy = viteProxy(parseTraceProxy('jaeger=http://localhost:16686'));
    const [[key, options]] = Object.entries(proxy);
    const matches = (url: string) => new RegExp(key).test(url);
    expect(matches('/proxy/jaeger/api/v3/traces/abc')).toBe(true);
    expect(matches('/proxy/jaeger')).toBe(true);
    expect(matches('/proxy/jaeger2/api')).toBe(false);
    expect(matches('/proxy/jaeger@evil.example/api')).toBe(false);
    expect(matches('/other/proxy/jaeger/api')).toBe(false);
    expect(options.target).toBe('http://localhost:16686');
    expect(options.rewrite?.('/proxy/jaeger/api/traces/abc?x=1')).toBe('/api/traces/abc?x=1');
    expect(options.rewrite?.('/proxy/jaeger')).toBe('/');
  });
});

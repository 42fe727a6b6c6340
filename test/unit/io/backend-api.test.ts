import { describe, expect, it } from 'vitest';
import { checkBaseUrl, probeAnswerMatches, probeUrl, traceEndpoints } from '../../../src/io/backend-api.ts';
import { errorDetail, looksLikeHtml } from '../../../src/io/error-body.ts';

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('backend endpoints', () => {
  it('builds each API path under the base, newest API first', () => {
    expect(traceEndpoints('jaeger', 'http://jaeger:16686/', ID).map((e) => e.url)).toEqual([
      `http://jaeger:16686/api/v3/traces/${ID}`,
      `http://jaeger:16686/api/traces/${ID}`,
    ]);
    expect(traceEndpoints('zipkin', 'http://zipkin:9411', ID).map((e) => e.url)).toEqual([
      `http://zipkin:9411/api/v2/trace/${ID}`,
    ]);
    expect(traceEndpoints('tempo', '/proxy/tempo', ID).map((e) => e.url)).toEqual([
      `/proxy/tempo/api/v2/traces/${ID}`,
      `/proxy/tempo/api/traces/${ID}`,
    ]);
  });

  it('keeps a path prefix of the base (a backend behind a reverse proxy)', () => {
    expect(probeUrl('jaeger', 'https://ops.example.com/jaeger')).toBe('https://ops.example.com/jaeger/api/services');
  });
});

describe('probe answers', () => {
  it('recognizes each backend only by its own answer', () => {
    expect(probeAnswerMatches('jaeger', '{"data":["frontend"],"total":1}')).toBe(true);
    expect(probeAnswerMatches('zipkin', '["frontend","backend"]')).toBe(true);
    expect(probeAnswerMatches('tempo', 'echo')).toBe(true);
    expect(probeAnswerMatches('jaeger', '["frontend"]')).toBe(false);
    expect(probeAnswerMatches('zipkin', '{"data":[]}')).toBe(false);
  });

  it('does not take a catch-all HTML page for a backend', () => {
    const page = '<!doctype html><html><title>App</title></html>';
    expect(probeAnswerMatches('jaeger', page)).toBe(false);
    expect(probeAnswerMatches('zipkin', page)).toBe(false);
    expect(probeAnswerMatches('tempo', page)).toBe(false);
  });
});

describe('checkBaseUrl', () => {
  const page = 'http://127.0.0.1:5173/';
  it('accepts http(s) and same-server paths, without a trailing slash', () => {
    expect(checkBaseUrl('http://localhost:16686/', page)).toEqual({ ok: true, base: 'http://localhost:16686' });
    expect(checkBaseUrl(' /proxy/jaeger ', page)).toEqual({ ok: true, base: '/proxy/jaeger' });
  });

  it('explains what is wrong with other input', () => {
    const noScheme = checkBaseUrl('localhost:16686', page);
    expect(noScheme.ok).toBe(false);
    const ftp = checkBaseUrl('ftp://host/', page);
    expect(ftp.ok === false && ftp.message).toMatch(/Only http and https/);
    const query = checkBaseUrl('http://host/?x=1', page);
    expect(query.ok === false && query.message).toMatch(/query/);
    expect(checkBaseUrl('', page).ok).toBe(false);
  });
});

describe('errorDetail', () => {
  it("reads Jaeger API v3's error object as the API's own answer", () => {
    expect(errorDetail('{"error":{"httpCode":404,"message":"trace not found"}}')).toEqual({
      text: 'trace not found',
      fromApi: true,
    });
  });

  it("reads the Jaeger HTTP API's errors list", () => {
    expect(errorDetail('{"data":null,"total":0,"errors":[{"code":404,"msg":"trace not found"}]}')).toEqual({
      text: 'trace not found',
      fromApi: true,
    });
  });

  it('gives the first line of a text body, and names an HTML page by its title', () => {
    expect(errorDetail('trace not found\nat line 2')).toEqual({ text: 'trace not found', fromApi: false });
    expect(errorDetail('<html><head><title>502 Bad Gateway</title></head></html>').text).toBe(
      'an HTML page titled "502 Bad Gateway"',
    );
  });

  it('spots a web page answered where JSON was expected', () => {
    expect(looksLikeHtml(new TextEncoder().encode('\n  <!DOCTYPE html>'))).toBe(true);
    expect(looksLikeHtml(new TextEncoder().encode('{"result":{}}'))).toBe(false);
  });
});

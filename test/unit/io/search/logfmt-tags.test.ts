import { describe, expect, it } from 'vitest';
import { formatLogfmtTags, parseLogfmtTags } from '../../../../src/io/search/logfmt-tags.ts';

function tags(text: string): Record<string, string> {
  const r = parseLogfmtTags(text);
  if (!r.ok) throw new Error(r.message);
  return Object.fromEntries(r.tags);
}

describe('logfmt tags as Jaeger UI takes them', () => {
  it('reads key=value pairs separated by spaces', () => {
    expect(tags('http.status_code=500 error=true')).toEqual({ 'http.status_code': '500', error: 'true' });
  });
  it('reads quoted values with spaces and escaped quotes', () => {
    expect(tags('http.route="/api/orders list" msg="say \\"hi\\""')).toEqual({
      'http.route': '/api/orders list',
      msg: 'say "hi"',
    });
  });
  it('reads a bare key as true and an empty value as empty', () => {
    expect(tags('  error  peer=  ')).toEqual({ error: 'true', peer: '' });
  });
  it('says where an unclosed quote is', () => {
    const r = parseLogfmtTags('a=1 b="open');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/unclosed quote in the value of "b" at character 7/);
  });
  it('refuses a value glued to a quote and a missing key', () => {
    expect(parseLogfmtTags('a="x"y').ok).toBe(false);
    expect(parseLogfmtTags('=5').ok).toBe(false);
  });
  it('writes pairs back, quoting values that need it, so the field reads the same', () => {
    const text = formatLogfmtTags(
      new Map([
        ['a', 'x y'],
        ['b', '1'],
        ['c', 'q"'],
      ]),
    );
    expect(text).toBe('a="x y" b=1 c="q\\""');
    expect(tags(text)).toEqual({ a: 'x y', b: '1', c: 'q"' });
  });
});

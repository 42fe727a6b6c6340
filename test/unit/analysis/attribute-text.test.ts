import { describe, expect, it } from 'vitest';
import {
  attributeDisplayText,
  attributeMatches,
  attributeTypeLabel,
  filterAttributes,
  foldedPreview,
  FOLD_CHARS,
  httpUrl,
} from '../../../src/analysis/attribute-text.ts';
import type { Attribute, AttributeValue } from '../../../src/model/trace.ts';

const str = (value: string): AttributeValue => ({ type: 'string', value });
const int = (value: string): AttributeValue => ({ type: 'int', value });

describe('attributeDisplayText', () => {
  it('shows scalars as written, int64 with every digit', () => {
    expect(attributeDisplayText(int('9223372036854775807'))).toBe('9223372036854775807');
    expect(attributeDisplayText({ type: 'double', value: 0.25 })).toBe('0.25');
    expect(attributeDisplayText({ type: 'bool', value: false })).toBe('false');
    expect(attributeDisplayText(str('plain "text"'))).toBe('plain "text"');
    expect(attributeDisplayText({ type: 'empty' })).toBe('');
  });

  it('shows short arrays and maps on one line with strings quoted', () => {
    expect(attributeDisplayText({ type: 'array', value: [str('a'), int('1'), { type: 'bool', value: true }] })).toBe(
      '["a", 1, true]',
    );
    expect(attributeDisplayText({ type: 'map', value: [{ key: 'k', value: str('v') }] })).toBe('{"k": "v"}');
    expect(attributeDisplayText({ type: 'array', value: [] })).toBe('[]');
  });

  it('indents nested or long containers', () => {
    const nested: AttributeValue = {
      type: 'map',
      value: [
        { key: 'list', value: { type: 'array', value: [int('1'), int('2')] } },
        { key: 'name', value: str('x') },
      ],
    };
    expect(attributeDisplayText(nested)).toBe('{\n  "list": [1, 2],\n  "name": "x"\n}');
    const long: AttributeValue = { type: 'array', value: Array.from({ length: 20 }, (_, i) => str(`item-${i}`)) };
    expect(attributeDisplayText(long).split('\n')).toHaveLength(22);
  });

  it('stops at a fixed depth instead of overflowing the stack', () => {
    let deep: AttributeValue = str('bottom');
    for (let i = 0; i < 10_000; i++) deep = { type: 'array', value: [deep] };
    const text = attributeDisplayText(deep);
    expect(text).toContain('[…]');
    expect(text).not.toContain('bottom');
  });
});

describe('attributeTypeLabel', () => {
  it('names the type, with the item count for containers', () => {
    expect(attributeTypeLabel(int('1'))).toBe('int');
    expect(attributeTypeLabel({ type: 'array', value: [str('a'), str('b')] })).toBe('array[2]');
    expect(attributeTypeLabel({ type: 'map', value: [] })).toBe('map{0}');
  });
});

describe('attribute filter', () => {
  const attrs: Attribute[] = [
    { key: 'http.method', value: str('GET') },
    { key: 'http.status_code', value: int('503') },
    { key: 'db.statement', value: str('SELECT * FROM users') },
  ];

  it('matches key or value, ignoring case', () => {
    expect(filterAttributes(attrs, 'HTTP').map((a) => a.key)).toEqual(['http.method', 'http.status_code']);
    expect(filterAttributes(attrs, 'users').map((a) => a.key)).toEqual(['db.statement']);
    expect(filterAttributes(attrs, '503').map((a) => a.key)).toEqual(['http.status_code']);
    expect(filterAttributes(attrs, 'nothing')).toEqual([]);
  });

  it('keeps everything for a blank filter', () => {
    expect(filterAttributes(attrs, '  ')).toBe(attrs);
    expect(attributeMatches(attrs[0], '')).toBe(true);
  });
});

describe('httpUrl', () => {
  it('accepts whole http and https URLs', () => {
    expect(httpUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(httpUrl(' http://host:8080/x ')).toBe('http://host:8080/x');
  });

  it('rejects every other scheme and any text around a URL', () => {
    expect(httpUrl('javascript:alert(1)')).toBeUndefined();
    expect(httpUrl('JaVaScRiPt://x')).toBeUndefined();
    expect(httpUrl('data:text/html,<b>x</b>')).toBeUndefined();
    expect(httpUrl('see https://example.com')).toBeUndefined();
    expect(httpUrl('https://example.com and more')).toBeUndefined();
    expect(httpUrl('ftp://example.com')).toBeUndefined();
  });
});

describe('foldedPreview', () => {
  it('leaves short text whole', () => {
    expect(foldedPreview('short')).toBeUndefined();
    expect(foldedPreview('a\nb\nc')).toBeUndefined();
  });

  it('cuts long text and text of many lines', () => {
    const long = 'x'.repeat(FOLD_CHARS + 50);
    expect(foldedPreview(long)).toBe(`${'x'.repeat(FOLD_CHARS)}…`);
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n');
    expect(foldedPreview(lines)).toBe(`${lines.split('\n').slice(0, 6).join('\n')}…`);
  });
});

import { describe, expect, it } from 'vitest';
import { looksLikeJson, prettyJson } from '../../../src/view-model/json-text.ts';

describe('prettyJson', () => {
  it('indents objects and arrays two spaces per level', () => {
    expect(prettyJson('{"a":1,"b":[true,null],"c":{"d":"x"}}')).toBe(
      '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ],\n  "c": {\n    "d": "x"\n  }\n}',
    );
  });

  it('keeps every digit of numbers beyond 2^53 and escapes as written', () => {
    const pretty = prettyJson('{"id": 12345678901234567890, "s": "a\\"b\\u00e9,{"}');
    expect(pretty).toBe('{\n  "id": 12345678901234567890,\n  "s": "a\\"b\\u00e9,{"\n}');
  });

  it('keeps empty containers on one line and ignores the input whitespace', () => {
    expect(prettyJson(' { "a" : [ ] ,\n "b" : { } } ')).toBe('{\n  "a": [],\n  "b": {}\n}');
  });

  it('returns undefined for text that is not a JSON object or array', () => {
    expect(prettyJson('hello')).toBeUndefined();
    expect(prettyJson('42')).toBeUndefined();
    expect(prettyJson('"quoted"')).toBeUndefined();
    expect(prettyJson('{not json}')).toBeUndefined();
    expect(prettyJson('[1, 2')).toBeUndefined();
  });

  it('produces text that parses to the same value', () => {
    const source = '[{"k":[1,2.5,-3e4,"x y"],"n":null},{"deep":{"deeper":{"deepest":[[]]}}}]';
    expect(JSON.parse(prettyJson(source)!)).toEqual(JSON.parse(source));
  });
});

describe('looksLikeJson', () => {
  it('accepts object and array literals only', () => {
    expect(looksLikeJson(' {"a":1} ')).toBe(true);
    expect(looksLikeJson('[1]')).toBe(true);
    expect(looksLikeJson('{')).toBe(false);
    expect(looksLikeJson('plain text')).toBe(false);
    expect(looksLikeJson('{ starts but ends ]')).toBe(false);
  });
});

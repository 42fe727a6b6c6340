import { describe, expect, it } from 'vitest';
import {
  looksLikeJson,
  PRETTY_MAX_INDENT,
  PRETTY_MAX_INPUT,
  PRETTY_MAX_OUTPUT,
  prettyJson,
  prettyJsonBounded,
} from '../../../src/view-model/json-text.ts';

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

describe('prettyJsonBounded: hostile JSON strings', () => {
  it('formats 30,000 levels of nesting with indentation that stops growing, within the output limit', () => {
    const depth = 30_000;
    const result = prettyJsonBounded(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text.length).toBeLessThanOrEqual(PRETTY_MAX_OUTPUT);
    const widest = Math.max(...result.text.split('\n').map((line) => line.length));
    expect(widest).toBeLessThanOrEqual(2 * PRETTY_MAX_INDENT + 1);
    expect(result.text.startsWith('[\n  [\n    [')).toBe(true);
  });

  it('cuts output that would pass the limit and says so', () => {
    const many = `[${Array.from({ length: 600_000 }, () => '1').join(',')}]`;
    const result = prettyJsonBounded(many);
    expect(result).toMatchObject({ ok: true, cut: true });
    if (result.ok) expect(result.text.length).toBe(PRETTY_MAX_OUTPUT);
  });

  it('refuses a value too large to format, naming the limit', () => {
    const huge = `[${'1,'.repeat(PRETTY_MAX_INPUT / 2)}1]`;
    const result = prettyJsonBounded(huge);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(PRETTY_MAX_INPUT.toLocaleString('en-US'));
    expect(prettyJsonBounded('[not json]')).toEqual({ ok: false, reason: 'Not valid JSON.' });
  });
});

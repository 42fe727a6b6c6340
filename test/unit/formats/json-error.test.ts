import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../../src/formats/json-error.ts';

describe('locateJsonError', () => {
  it('accepts valid JSON', () => {
    expect(locateJsonError('{"a":[1,2,{"b":null}],"c":"x\\"y"}')).toBeUndefined();
    expect(locateJsonError(' [ ] ')).toBeUndefined();
  });

  it('points at a trailing comma with line and column', () => {
    const where = locateJsonError('[\n  {"a": 1},\n]');
    expect(where).toMatchObject({ line: 3, column: 1 });
    expect(where?.problem).toMatch(/found '\]'/);
  });

  it('reports truncation at the end of the file', () => {
    const text = '{"spans": [{"id": "a"';
    const where = locateJsonError(text);
    expect(where?.problem).toMatch(/the end of the file/);
    expect(where?.offset).toBe(text.length);
  });

  it('reports an unquoted key', () => {
    expect(locateJsonError('{a: 1}')?.problem).toMatch(/double-quoted property name/);
  });
});

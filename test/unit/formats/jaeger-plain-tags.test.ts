// Span tag lists that read without warnings are read when first asked for; the tags that give
// span fields (kind, status, scope) are read at once from the few tags that carry them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTagFieldKey, readTagFields } from '../../../src/formats/jaeger-tag-fields.ts';
import {
  compactPlainTags,
  compactTagList,
  isPlainTagList,
  plainTagList,
  readTypedTags,
} from '../../../src/formats/jaeger-tags.ts';
import { readPlainList } from '../../../src/formats/parsed.ts';
import type { WarningCode } from '../../../src/model/trace.ts';

function collect() {
  const warnings: { code: WarningCode; message: string; path: string }[] = [];
  return {
    warnings,
    warn: (code: WarningCode, message: string, path: string) => warnings.push({ code, message, path }),
  };
}

const key = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom(
    'span.kind',
    'error',
    'otel.status_code',
    'otel.status_description',
    'otel.scope.name',
    'otel.library.name',
    'http.method',
  ),
);
const value = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(null, 'true', ' 12', '12', '-3', 'server', 'client', 'ERROR', 'OK', 'bogus', 2 ** 60),
);
const tag = fc.oneof(
  fc.record(
    {
      key: fc.oneof(key, fc.integer()),
      type: fc.constantFrom('string', 'bool', 'int64', 'float64', 'binary', 'int', 'weird', undefined),
      value,
    },
    { requiredKeys: ['key', 'value'] },
  ),
  value,
);

describe('plain Jaeger tag lists', () => {
  it('read without warnings, the same now or later', () => {
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 6 }), (raw) => {
        const now = collect();
        const attributes = readTypedTags(raw, '$.data[0].spans[0]', 'tags', now.warn);
        if (isPlainTagList(raw)) {
          expect(now.warnings).toEqual([]);
          expect(readPlainList(plainTagList, raw)).toEqual(attributes);
          expect(readPlainList(compactTagList, compactPlainTags(raw))).toEqual(attributes);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('give the same span fields and warnings from their field tags alone as from all of them', () => {
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 8 }), (raw) => {
        const fieldTags: unknown[] = [];
        if (!isPlainTagList(raw, { accepts: isTagFieldKey, into: fieldTags })) return;
        const all = collect();
        const some = collect();
        const fromAll = readTagFields(readPlainList(plainTagList, raw), raw, '$.span', all.warn);
        const fromSome = readTagFields(readPlainList(plainTagList, fieldTags), raw, '$.span', some.warn);
        expect(fromSome).toEqual(fromAll);
        expect(some.warnings).toEqual(all.warnings);
      }),
      { numRuns: 3000 },
    );
  });

  it('leave lists with other spellings or mistyped values to be read at once', () => {
    expect(isPlainTagList([{ key: 'n', type: 'int64', value: 'twelve' }])).toBe(false);
    expect(isPlainTagList([{ key: 'b', type: 'bool', value: 'true' }])).toBe(false);
    expect(isPlainTagList([{ key: 'i', type: 'int', value: 3 }])).toBe(false);
    expect(isPlainTagList([{ key: 'x', value: 3 }])).toBe(false);
    expect(
      isPlainTagList([
        { key: 's', type: 'string', value: 'GET' },
        { key: 'k', type: 'int64', value: '9223372036854775807' },
      ]),
    ).toBe(true);
  });
});

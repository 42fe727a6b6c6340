// Span attribute lists that read without warnings are read when first asked for. The check
// that picks them must never pass a list whose reading would warn, and reading later must
// give what reading at once gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OtlpCursor,
  isPlainAttributeList,
  plainAttributeList,
  readAttributes,
} from '../../../src/formats/otlp-anyvalue.ts';
import { parseOtlp } from '../../../src/formats/otlp.ts';
import { BatchBuilder, readPlainList } from '../../../src/formats/parsed.ts';

function readNow(raw: unknown) {
  const batch = new BatchBuilder('otlp');
  const attributes = readAttributes(raw, new OtlpCursor(batch));
  return { attributes, warnings: batch.warnings };
}

const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(null, undefined, '12', '-7', '1e3', 'NaN', '', ' 5', 2 ** 60, 1.5),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  fc.dictionary(
    fc.constantFrom(
      'stringValue',
      'intValue',
      'boolValue',
      'doubleValue',
      'bytesValue',
      'arrayValue',
      'kvlistValue',
      'other',
    ),
    fc.oneof(scalar, fc.constant({ values: [{ stringValue: 'x' }] }), fc.constant([])),
    { maxKeys: 3 },
  ),
);
const entry = fc.oneof(
  fc.record({ key: fc.oneof(fc.string(), scalar), value: anyValue }, { requiredKeys: [] }),
  scalar,
);

describe('plain attribute lists', () => {
  it('are exactly lists that read without warnings and without nested values, and read the same later', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (raw) => {
        const now = readNow(raw);
        if (isPlainAttributeList(raw)) {
          expect(now.warnings).toEqual([]);
          expect(readPlainList(plainAttributeList, raw)).toEqual(now.attributes);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('covers the usual typed values', () => {
    const raw = [
      { key: 'http.method', value: { stringValue: 'GET' } },
      { key: 'http.status_code', value: { intValue: '200' } },
      { key: 'retries', value: { intValue: 3 } },
      { key: 'sampled', value: { boolValue: true } },
      { key: 'ratio', value: { doubleValue: 0.25 } },
      { key: 'blob', value: { bytesValue: 'AAE=' } },
    ];
    expect(isPlainAttributeList(raw)).toBe(true);
    expect(readPlainList(plainAttributeList, raw)).toEqual(readNow(raw).attributes);
  });

  it('leaves lists that need a warning or hold nested values to be read at once', () => {
    expect(isPlainAttributeList([{ key: 'n', value: { intValue: '12x' } }])).toBe(false);
    expect(isPlainAttributeList([{ key: 'd', value: { doubleValue: 'NaN' } }])).toBe(false);
    expect(isPlainAttributeList([{ key: 'a', value: { arrayValue: { values: [] } } }])).toBe(false);
    expect(isPlainAttributeList([{ value: { stringValue: 'no key' } }])).toBe(false);
    expect(isPlainAttributeList([{ key: 'e', value: {} }])).toBe(false);
  });

  it('a span whose list warns reports it while parsing, and one that does not reads its list when asked', () => {
    const span = (attributes: unknown, spanId: string) => ({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId,
      name: 'op',
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000000000001000',
      attributes,
    });
    const batch = parseOtlp({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                span([{ key: 'ok', value: { stringValue: 'fine' } }], 'eee19b7ec3c1b174'),
                span([{ key: 'bad', value: { intValue: 'twelve' } }], 'eee19b7ec3c1b175'),
              ],
            },
          ],
        },
      ],
    });
    expect(batch.warnings.map((w) => w.path).filter((p) => p.includes('.spans['))).toEqual([
      '$.resourceSpans[0].scopeSpans[0].spans[1].attributes[0].value.intValue',
    ]);
    expect(batch.spans[0].attributes).toEqual([{ key: 'ok', value: { type: 'string', value: 'fine' } }]);
    expect(batch.spans[1].attributes).toEqual([{ key: 'bad', value: { type: 'string', value: 'twelve' } }]);
  });
});

import { describe, expect, it } from 'vitest';
import { attributeKeys } from '../../../src/analysis/attribute-keys.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { makeTrace } from '../../helpers/make-trace.ts';

describe('attributeKeys', () => {
  it('lists span and resource attribute keys once each, in reading order', () => {
    const base = makeTrace([
      { id: 'a', start: 0, dur: 10, attrs: { 'http.method': 'GET', Zone: 'x' } },
      { id: 'b', parent: 'a', start: 1, dur: 5, attrs: { 'http.method': 'POST', 'db.system': 'pg' } },
    ]);
    const trace: Trace = {
      ...base,
      spans: base.spans.map((s) => ({
        ...s,
        resource: { ...s.resource, attributes: [{ key: 'host.name', value: { type: 'string', value: 'h1' } }] },
      })),
    };
    expect(attributeKeys(trace)).toEqual(['db.system', 'host.name', 'http.method', 'Zone']);
  });
});

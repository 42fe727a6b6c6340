import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selfTimesNs } from '../../../src/analysis/self-time.ts';
import { attributeValueText } from '../../../src/analysis/attribute-text.ts';
import { groupStatistics, sortStatistics, type StatRow } from '../../../src/analysis/statistics.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { makeTrace } from '../../helpers/make-trace.ts';

const trace = makeTrace([
  { id: 'gw', start: 0, dur: 1000, service: 'gateway', name: 'GET /cart', attrs: { 'http.status_code': 200 } },
  { id: 'q1', parent: 'gw', start: 100, dur: 100, service: 'db', name: 'SELECT', attrs: { 'db.system': 'postgres' } },
  { id: 'q2', parent: 'gw', start: 250, dur: 200, service: 'db', name: 'SELECT', attrs: { 'db.system': 'postgres' } },
  {
    id: 'q3',
    parent: 'gw',
    start: 500,
    dur: 300,
    service: 'db',
    name: 'UPDATE',
    error: true,
    attrs: { 'db.system': 'redis' },
  },
  { id: 'q4', parent: 'gw', start: 850, dur: 50, service: 'db', name: 'SELECT' },
]);
const self = selfTimesNs(trace);

function row(rows: StatRow[], label: string): StatRow {
  const found = rows.find((r) => r.label === label);
  if (!found) throw new Error(`no row ${label} in ${rows.map((r) => r.label).join(', ')}`);
  return found;
}

function ids(t: Trace, indexes: number[]): string[] {
  return indexes.map((i) => t.spans[i].spanId);
}

describe('groupStatistics', () => {
  it('summarises each service, biggest self time first', () => {
    const rows = groupStatistics(trace, self, { kind: 'service' });
    expect(rows.map((r) => r.label)).toEqual(['db', 'gateway']);
    expect(rows[0]).toMatchObject({
      key: 'db',
      count: 4,
      totalNs: 650,
      selfTotalNs: 650,
      avgNs: 162.5,
      maxNs: 300,
      errorCount: 1,
      share: 0.65,
    });
    expect(ids(trace, rows[0].spanIndexes)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(rows[1]).toMatchObject({ count: 1, totalNs: 1000, selfTotalNs: 350, share: 0.35, errorCount: 0 });
  });

  it('uses nearest-rank percentiles over durations', () => {
    const db = groupStatistics(trace, self, { kind: 'service' })[0];
    // Durations 50, 100, 200, 300: p50 is rank ceil(2) = 2, p95 is rank ceil(3.8) = 4.
    expect([db.p50Ns, db.p95Ns]).toEqual([100, 300]);
    const single = row(groupStatistics(trace, self, { kind: 'service' }), 'gateway');
    expect([single.p50Ns, single.p95Ns, single.maxNs]).toEqual([1000, 1000, 1000]);
  });

  it('finds nearest-rank percentiles and the maximum of any durations', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 300 }), (durations) => {
        const t = makeTrace(durations.map((dur, i) => ({ id: `s${i}`, start: 0, dur })));
        const [only] = groupStatistics(t, selfTimesNs(t), { kind: 'service' });
        const sorted = [...durations].sort((a, b) => a - b);
        const rank = (p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1];
        expect([only.p50Ns, only.p95Ns, only.maxNs]).toEqual([rank(50), rank(95), sorted[sorted.length - 1]]);
      }),
    );
  });

  it('groups by service and operation together', () => {
    const rows = groupStatistics(trace, self, { kind: 'operation' });
    // db: SELECT and the gateway both have 350 ns of self time; equal rows go by label.
    expect(rows.map((r) => [r.label, r.count, r.selfTotalNs])).toEqual([
      ['db: SELECT', 3, 350],
      ['gateway: GET /cart', 1, 350],
      ['db: UPDATE', 1, 300],
    ]);
  });

  it('keeps operations of different services apart even when the names match', () => {
    const t = makeTrace([
      { id: 'a', start: 0, dur: 10, service: 'x', name: 'work' },
      { id: 'b', start: 0, dur: 10, service: 'y', name: 'work' },
    ]);
    expect(groupStatistics(t, selfTimesNs(t), { kind: 'operation' })).toHaveLength(2);
  });

  it('groups by an attribute value, putting spans without it under (none)', () => {
    const rows = groupStatistics(trace, self, { kind: 'attribute', key: 'db.system' });
    expect(rows.map((r) => [r.label, ids(trace, r.spanIndexes)])).toEqual([
      ['(none)', ['gw', 'q4']],
      ['postgres', ['q1', 'q2']],
      ['redis', ['q3']],
    ]);
  });

  it('groups numbers by their text and does not confuse a real "(none)" value with the missing group', () => {
    const t = makeTrace([
      { id: 'a', start: 0, dur: 10, attrs: { code: 500 } },
      { id: 'b', start: 0, dur: 10, attrs: { code: '(none)' } },
      { id: 'c', start: 0, dur: 10 },
    ]);
    const rows = groupStatistics(t, selfTimesNs(t), { kind: 'attribute', key: 'code' });
    expect(rows.map((r) => r.label).sort()).toEqual(['(none)', '(none)', '500']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
  });

  it('accounts for every span', () => {
    for (const groupBy of [{ kind: 'service' }, { kind: 'operation' }, { kind: 'attribute', key: 'nope' }] as const) {
      const rows = groupStatistics(trace, self, groupBy);
      expect(rows.reduce((n, r) => n + r.count, 0)).toBe(trace.spans.length);
    }
  });
});

describe('sortStatistics', () => {
  const rows = groupStatistics(trace, self, { kind: 'operation' });

  it('sorts by any column in either direction without changing the input', () => {
    expect(sortStatistics(rows, 'count', 'desc').map((r) => r.label)[0]).toBe('db: SELECT');
    expect(sortStatistics(rows, 'maxNs', 'asc').map((r) => r.maxNs)).toEqual([200, 300, 1000]);
    expect(sortStatistics(rows, 'label', 'asc').map((r) => r.label)).toEqual([
      'db: SELECT',
      'db: UPDATE',
      'gateway: GET /cart',
    ]);
    expect(rows.map((r) => r.label)).toEqual(['db: SELECT', 'gateway: GET /cart', 'db: UPDATE']);
  });

  it('keeps ties in label order in both directions', () => {
    const byErrorsAsc = sortStatistics(rows, 'errorCount', 'asc').map((r) => r.label);
    const byErrorsDesc = sortStatistics(rows, 'errorCount', 'desc').map((r) => r.label);
    expect(byErrorsAsc).toEqual(['db: SELECT', 'gateway: GET /cart', 'db: UPDATE']);
    expect(byErrorsDesc).toEqual(['db: UPDATE', 'db: SELECT', 'gateway: GET /cart']);
  });
});

describe('attributeValueText', () => {
  it('writes scalars as text and nested values readably', () => {
    expect(attributeValueText({ type: 'int', value: '9007199254740993' })).toBe('9007199254740993');
    expect(attributeValueText({ type: 'double', value: 0.5 })).toBe('0.5');
    expect(attributeValueText({ type: 'bool', value: false })).toBe('false');
    expect(
      attributeValueText({
        type: 'array',
        value: [
          { type: 'string', value: 'a' },
          { type: 'map', value: [{ key: 'k', value: { type: 'int', value: '1' } }] },
        ],
      }),
    ).toBe('[a, {k: 1}]');
  });
});

import { describe, expect, it } from 'vitest';
import { rowFilter, type RowFilterCriteria } from '../../../src/view-model/row-filter.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const trace = makeTrace([
  { id: 'root', start: 0, dur: 1000, service: 'gateway' },
  { id: 'slow', parent: 'root', start: 10, dur: 600, service: 'orders' },
  { id: 'fail', parent: 'slow', start: 20, dur: 5, service: 'db', error: true },
  { id: 'quick', parent: 'root', start: 700, dur: 20, service: 'orders' },
  { id: 'cache', parent: 'quick', start: 705, dur: 2, service: 'cache' },
]);
const at = (id: string) => indexOf(trace, id);
const none: RowFilterCriteria = {
  errorsOnly: false,
  services: [],
  minDurationNs: 0,
  criticalOnly: false,
  spanSet: null,
};
const noCritical = new Uint8Array(trace.spans.length);

function kept(criteria: Partial<RowFilterCriteria>, critical = noCritical, matches: Int32Array | null = null) {
  const f = rowFilter(trace, { ...none, ...criteria }, critical, matches);
  if (!f) throw new Error('expected a filter');
  const list = (mask: Uint8Array) =>
    trace.spans
      .filter((s) => mask[s.index] === 1)
      .map((s) => s.spanId)
      .sort();
  return { pass: list(f.pass), keep: list(f.keep), passCount: f.passCount };
}

describe('rowFilter', () => {
  it('is null when no filter is on', () => {
    expect(rowFilter(trace, none, noCritical, null)).toBeNull();
  });

  it('errors only keeps the errors and their ancestors', () => {
    expect(kept({ errorsOnly: true })).toEqual({ pass: ['fail'], keep: ['fail', 'root', 'slow'], passCount: 1 });
  });

  it('filters by services', () => {
    expect(kept({ services: ['orders', 'cache'] }).pass).toEqual(['cache', 'quick', 'slow']);
    expect(kept({ services: ['cache'] }).keep).toEqual(['cache', 'quick', 'root']);
  });

  it('filters by minimum duration (inclusive)', () => {
    expect(kept({ minDurationNs: 20 }).pass).toEqual(['quick', 'root', 'slow']);
  });

  it('critical path only keeps spans marked on the path', () => {
    const critical = new Uint8Array(trace.spans.length);
    critical[at('root')] = 1;
    critical[at('slow')] = 1;
    expect(kept({ criticalOnly: true }, critical).pass).toEqual(['root', 'slow']);
  });

  it('a span set from another view keeps exactly those spans (and ancestors)', () => {
    expect(kept({ spanSet: { indexes: [at('cache')] } })).toMatchObject({
      pass: ['cache'],
      keep: ['cache', 'quick', 'root'],
    });
  });

  it('show-only-matches keeps search matches', () => {
    expect(kept({}, noCritical, Int32Array.of(at('quick'))).keep).toEqual(['quick', 'root']);
  });

  it('combines filters: a span must meet all of them', () => {
    expect(kept({ services: ['orders'], minDurationNs: 100 }).pass).toEqual(['slow']);
    expect(kept({ errorsOnly: true, services: ['orders'] }).passCount).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { criticalPathEntries, traceCriticalPaths } from '../../../src/analysis/critical-path.ts';
import { serviceHops } from '../../../src/analysis/critical-hops.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

describe('serviceHops', () => {
  // gateway calls model (which calls its own cache), then db. Path entries list each span once,
  // in order of first appearance: gateway, model, cache, db.
  const trace = makeTrace([
    { id: 'gw', start: 0, dur: 100, service: 'gateway', name: 'GET /answer' },
    { id: 'model', parent: 'gw', start: 10, dur: 60, service: 'model', name: 'infer' },
    { id: 'cache', parent: 'model', start: 20, dur: 10, service: 'model', name: 'cache.get' },
    { id: 'db', parent: 'gw', start: 75, dur: 20, service: 'db', name: 'SELECT' },
  ]);
  const entries = traceCriticalPaths(trace).main.entries;

  it('merges consecutive steps of one service and keeps time order', () => {
    const hops = serviceHops(trace, entries);
    expect(hops.map((h) => [h.serviceName, h.ns])).toEqual([
      ['gateway', 20],
      ['model', 60],
      ['db', 20],
    ]);
    expect(hops[1].steps).toBe(2);
    expect(hops[1].spanIndex).toBe(indexOf(trace, 'model'));
  });

  it('accounts for every nanosecond of the path', () => {
    const total = serviceHops(trace, entries).reduce((n, h) => n + h.ns, 0);
    expect(total).toBe(entries.reduce((n, e) => n + e.selfOnPathNs, 0));
    expect(total).toBe(100);
  });

  it('is empty for an empty path', () => {
    expect(serviceHops(trace, criticalPathEntries([]))).toEqual([]);
  });
});

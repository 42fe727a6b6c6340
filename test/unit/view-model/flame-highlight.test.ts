import { describe, expect, it } from 'vitest';
import { aggregateFlame, nodePath } from '../../../src/view-model/flame-aggregate.ts';
import {
  FLAG_CRITICAL,
  FLAG_DIM,
  FLAG_ERROR,
  FLAG_MATCH,
  FLAG_SLOWEST,
  nodeFlags,
  spanFlags,
  type DimFilters,
} from '../../../src/view-model/flame-highlight.ts';
import { searchSpans } from '../../../src/analysis/search.ts';
import { selfTimesNs } from '../../../src/analysis/self-time.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const NONE: DimFilters = { errorsOnly: false, services: [], minDurationNs: 0, criticalOnly: false, spanSet: null };

const trace = makeTrace([
  { id: 'root', start: 0, dur: 100, service: 'api', name: 'GET' },
  { id: 'q1', parent: 'root', start: 0, dur: 10, service: 'db', name: 'query' },
  { id: 'q2', parent: 'root', start: 20, dur: 70, service: 'db', name: 'query', error: true },
]);
const critical = new Uint8Array(3);
critical[indexOf(trace, 'root')] = 1;
critical[indexOf(trace, 'q2')] = 1;
const slowest = new Uint8Array(3);
slowest[indexOf(trace, 'q2')] = 1;

describe('spanFlags', () => {
  it('marks critical, slowest and error spans and dims nothing without search or filters', () => {
    const f = spanFlags(trace, { onCriticalPath: critical, isSlowest: slowest, matches: null, filters: NONE });
    expect(f[indexOf(trace, 'q2')]).toBe(FLAG_CRITICAL | FLAG_SLOWEST | FLAG_ERROR);
    expect(f[indexOf(trace, 'q1')]).toBe(0);
  });

  it('highlights search matches and dims the rest', () => {
    const matches = searchSpans(trace, 'api');
    const f = spanFlags(trace, { onCriticalPath: critical, isSlowest: slowest, matches, filters: NONE });
    expect(f[indexOf(trace, 'root')] & (FLAG_MATCH | FLAG_DIM)).toBe(FLAG_MATCH);
    expect(f[indexOf(trace, 'q1')] & FLAG_DIM).toBe(FLAG_DIM);
  });

  it('dims spans off the critical path when only the critical path is wanted', () => {
    const f = spanFlags(trace, {
      onCriticalPath: critical,
      isSlowest: slowest,
      matches: null,
      filters: { ...NONE, criticalOnly: true },
    });
    expect(f[indexOf(trace, 'q1')] & FLAG_DIM).toBe(FLAG_DIM);
    expect(f[indexOf(trace, 'q2')] & FLAG_DIM).toBe(0);
  });

  it('lights up an aggregated node when any of its spans matches', () => {
    const agg = aggregateFlame(trace, selfTimesNs(trace));
    const matches = new Int32Array([indexOf(trace, 'q2')]);
    const perSpan = spanFlags(trace, { onCriticalPath: critical, isSlowest: slowest, matches, filters: NONE });
    const f = nodeFlags(agg, perSpan);
    let query = -1;
    for (let m = 0; m < agg.nodeCount; m++) if (nodePath(agg, m).at(-1) === 'db: query') query = m;
    expect(f[query] & FLAG_DIM).toBe(0);
    expect(f[query] & (FLAG_MATCH | FLAG_ERROR)).toBe(FLAG_MATCH | FLAG_ERROR);
    expect(f[agg.roots[0]] & FLAG_DIM).toBe(FLAG_DIM);
  });
});

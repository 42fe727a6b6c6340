import { describe, expect, it } from 'vitest';
import {
  bottleneck,
  bottleneckSpan,
  criticalPath,
  criticalPathEntries,
  criticalTimeBy,
  traceCriticalPaths,
  type CriticalSection,
} from '../../../src/analysis/critical-path.ts';
import { EPOCH_ZERO } from '../../../src/formats/epoch.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { indexOf, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';

/** Sections as [spanId, start, end] relative to the trace start, for readable expectations. */
function sectionsOf(trace: Trace, sections: readonly CriticalSection[]): [string, number, number][] {
  return sections.map((s) => [trace.spans[s.spanIndex].spanId, s.startNs, s.endNs]);
}

function pathOf(specs: readonly SpanSpec[], rootId = specs[0].id): [string, number, number][] {
  const trace = makeTrace(specs);
  return sectionsOf(trace, criticalPath(trace, indexOf(trace, rootId)));
}

// The shape of jaeger-ui's TraceCriticalPath test trace: three sequential children.
const SEQUENTIAL: SpanSpec[] = [
  { id: 'A', start: 0, dur: 100, service: 'S1', name: 'O1' },
  { id: 'B', parent: 'A', start: 10, dur: 20, service: 'S2', name: 'O2' },
  { id: 'C', parent: 'A', start: 40, dur: 10, service: 'S3', name: 'O3' },
  { id: 'D', parent: 'A', start: 60, dur: 30, service: 'S4', name: 'O4' },
];

describe('criticalPath', () => {
  it('alternates between a parent and its sequential children', () => {
    expect(pathOf(SEQUENTIAL)).toEqual([
      ['A', 0, 10],
      ['B', 10, 30],
      ['A', 30, 40],
      ['C', 40, 50],
      ['A', 50, 60],
      ['D', 60, 90],
      ['A', 90, 100],
    ]);
  });

  it('follows the last-finishing of overlapping children and skips those it hides', () => {
    expect(
      pathOf([
        { id: 'root', start: 0, dur: 100 },
        { id: 'a', parent: 'root', start: 10, dur: 50 },
        { id: 'b', parent: 'root', start: 20, dur: 60 },
        { id: 'c', parent: 'root', start: 30, dur: 20 },
      ]),
    ).toEqual([
      ['root', 0, 20],
      ['b', 20, 80],
      ['root', 80, 100],
    ]);
  });

  it('continues with a child that ended before the chosen one started', () => {
    expect(
      pathOf([
        { id: 'root', start: 0, dur: 100 },
        { id: 'first', parent: 'root', start: 5, dur: 20 },
        { id: 'second', parent: 'root', start: 30, dur: 50 },
        { id: 'parallel', parent: 'root', start: 20, dur: 40 },
      ]),
    ).toEqual([
      ['root', 0, 5],
      ['first', 5, 25],
      ['root', 25, 30],
      ['second', 30, 80],
      ['root', 80, 100],
    ]);
  });

  it('puts back-to-back siblings all on the path', () => {
    expect(
      pathOf([
        { id: 'root', start: 0, dur: 30 },
        { id: 'a', parent: 'root', start: 0, dur: 10 },
        { id: 'b', parent: 'root', start: 10, dur: 10 },
        { id: 'c', parent: 'root', start: 20, dur: 10 },
      ]),
    ).toEqual([
      ['a', 0, 10],
      ['b', 10, 20],
      ['c', 20, 30],
    ]);
  });

  it('takes the later-starting of two children that end together', () => {
    expect(
      pathOf([
        { id: 'root', start: 0, dur: 100 },
        { id: 'long', parent: 'root', start: 10, dur: 90 },
        { id: 'short', parent: 'root', start: 50, dur: 50 },
      ]),
    ).toEqual([
      ['root', 0, 50],
      ['short', 50, 100],
    ]);
  });

  it('descends through nested children', () => {
    expect(
      pathOf([
        { id: 'gw', start: 0, dur: 100 },
        { id: 'svc', parent: 'gw', start: 10, dur: 80 },
        { id: 'db', parent: 'svc', start: 20, dur: 30 },
        { id: 'cache', parent: 'svc', start: 60, dur: 10 },
      ]),
    ).toEqual([
      ['gw', 0, 10],
      ['svc', 10, 20],
      ['db', 20, 50],
      ['svc', 50, 60],
      ['cache', 60, 70],
      ['svc', 70, 90],
      ['gw', 90, 100],
    ]);
  });

  it('clips a child that overflows its parent to the parent', () => {
    expect(
      pathOf([
        { id: 'root', start: 0, dur: 100 },
        { id: 'child', parent: 'root', start: 50, dur: 100 },
        { id: 'grandchild', parent: 'child', start: 90, dur: 40 },
      ]),
    ).toEqual([
      ['root', 0, 50],
      ['child', 50, 90],
      ['grandchild', 90, 100],
    ]);
  });

  it('clips a child that starts before its parent, and ignores one entirely outside it', () => {
    expect(
      pathOf(
        [
          { id: 'before', parent: 'root', start: 0, dur: 40 },
          { id: 'root', start: 100, dur: 100 },
          { id: 'straddling', parent: 'root', start: 50, dur: 80 },
          { id: 'after', parent: 'root', start: 250, dur: 10 },
        ],
        'root',
      ),
    ).toEqual([
      ['straddling', 100, 130],
      ['root', 130, 200],
    ]);
  });

  it('does not let a consumer block its producer', () => {
    const shape = (kind: 'consumer' | 'internal'): SpanSpec[] => [
      { id: 'api', start: 0, dur: 100, kind: 'server' },
      { id: 'send', parent: 'api', start: 10, dur: 40, kind: 'producer' },
      { id: 'handle', parent: 'send', start: 20, dur: 20, kind },
    ];
    expect(pathOf(shape('consumer'))).toEqual([
      ['api', 0, 10],
      ['send', 10, 50],
      ['api', 50, 100],
    ]);
    expect(pathOf(shape('internal'))).toContainEqual(['handle', 20, 40]);
  });

  it('does not let a follows-from child block its parent', () => {
    const shape = (followsFrom: boolean): SpanSpec[] => [
      { id: 'root', start: 0, dur: 100 },
      { id: 'later', parent: 'root', start: 30, dur: 40, followsFrom },
    ];
    expect(pathOf(shape(true))).toEqual([['root', 0, 100]]);
    expect(pathOf(shape(false))).toEqual([
      ['root', 0, 30],
      ['later', 30, 70],
      ['root', 70, 100],
    ]);
  });

  it('leaves zero-length children off the path and names a zero-length root', () => {
    expect(
      pathOf([
        { id: 'root', start: 0, dur: 100 },
        { id: 'instant', parent: 'root', start: 50, dur: 0 },
        { id: 'under-instant', parent: 'instant', start: 50, dur: 10 },
      ]),
    ).toEqual([['root', 0, 100]]);
    expect(pathOf([{ id: 'root', start: 0, dur: 0 }])).toEqual([['root', 0, 0]]);
  });

  it('works when input times are really zero (not only relative to the trace)', () => {
    const trace = makeTrace(SEQUENTIAL, { epoch: EPOCH_ZERO });
    expect(trace.startEpochNs).toBe('0');
    const entries = criticalPathEntries(criticalPath(trace, indexOf(trace, 'A')));
    expect(entries.map((e) => [trace.spans[e.spanIndex].spanId, e.selfOnPathNs])).toEqual([
      ['A', 40],
      ['B', 20],
      ['C', 10],
      ['D', 30],
    ]);
  });

  it('survives a 100,000-deep chain', () => {
    const n = 100_000;
    const trace = makeTrace(
      Array.from({ length: n }, (_, i) => ({
        id: `s${i}`,
        parent: i === 0 ? undefined : `s${i - 1}`,
        start: i,
        dur: 2 * (n - i),
      })),
    );
    const sections = criticalPath(trace, indexOf(trace, 's0'));
    expect(sections).toHaveLength(2 * n - 1);
    expect(sections[0]).toEqual({ spanIndex: indexOf(trace, 's0'), startNs: 0, endNs: 1 });
    expect(sections[n - 1]).toEqual({ spanIndex: indexOf(trace, `s${n - 1}`), startNs: n - 1, endNs: n + 1 });
    const entries = criticalPathEntries(sections);
    expect(entries).toHaveLength(n);
    expect(entries.every((e) => e.selfOnPathNs === 2)).toBe(true);
  });

  it('handles a 100,000-wide fan-out of back-to-back children', () => {
    const n = 100_000;
    const trace = makeTrace([
      { id: 'root', start: 0, dur: n },
      ...Array.from({ length: n }, (_, i) => ({ id: `c${i}`, parent: 'root', start: i, dur: 1 })),
    ]);
    const sections = criticalPath(trace, indexOf(trace, 'root'));
    expect(sections).toHaveLength(n);
    expect(sections.every((s, i) => s.spanIndex === i + 1 && s.startNs === i && s.endNs === i + 1)).toBe(true);
  });

  it('hops across a 100,000-wide fan-out of overlapping children', () => {
    const n = 100_000;
    const trace = makeTrace([
      { id: 'root', start: 0, dur: n + 9 },
      ...Array.from({ length: n }, (_, i) => ({ id: `c${i}`, parent: 'root', start: i, dur: 10 })),
    ]);
    const entries = criticalPathEntries(criticalPath(trace, indexOf(trace, 'root')));
    // From the end: c(n-1), then the child ending at its start, c(n-11), and so on.
    const children = entries.filter((e) => e.spanIndex !== 0).map((e) => e.spanIndex - 1);
    expect(children).toHaveLength(n / 10);
    expect(children.every((c) => c % 10 === 9)).toBe(true);
    expect(entries.reduce((sum, e) => sum + e.selfOnPathNs, 0)).toBe(n + 9);
  });
});

describe('criticalPathEntries', () => {
  it('lists each span once in order of first appearance with its total time on the path', () => {
    const trace = makeTrace(SEQUENTIAL);
    const entries = criticalPathEntries(criticalPath(trace, 0));
    expect(entries.map((e) => [trace.spans[e.spanIndex].spanId, e.selfOnPathNs])).toEqual([
      ['A', 40],
      ['B', 20],
      ['C', 10],
      ['D', 30],
    ]);
  });
});

describe('traceCriticalPaths', () => {
  it('picks the longest root as main and keeps orphan subtrees separate', () => {
    const trace = makeTrace([
      { id: 'orphan', parent: 'missing', start: 0, dur: 30 },
      { id: 'orphan-child', parent: 'orphan', start: 10, dur: 10 },
      { id: 'root', start: 5, dur: 200 },
      { id: 'work', parent: 'root', start: 50, dur: 100 },
    ]);
    const paths = traceCriticalPaths(trace);
    expect(trace.spans[paths.main.rootIndex].spanId).toBe('root');
    expect(sectionsOf(trace, paths.main.sections)).toEqual([
      ['root', 5, 50],
      ['work', 50, 150],
      ['root', 150, 205],
    ]);
    expect(paths.others).toHaveLength(1);
    expect(sectionsOf(trace, paths.others[0].sections)).toEqual([
      ['orphan', 0, 10],
      ['orphan-child', 10, 20],
      ['orphan', 20, 30],
    ]);
    expect(paths.others[0].entries.map((e) => e.spanIndex)).toEqual([
      indexOf(trace, 'orphan'),
      indexOf(trace, 'orphan-child'),
    ]);
  });

  it('breaks a tie between equally long roots by the earlier start', () => {
    const trace = makeTrace([
      { id: 'late', start: 50, dur: 100 },
      { id: 'early', start: 0, dur: 100 },
      { id: 'short', start: 0, dur: 10 },
    ]);
    const paths = traceCriticalPaths(trace);
    expect(trace.spans[paths.main.rootIndex].spanId).toBe('early');
    expect(paths.others.map((p) => trace.spans[p.rootIndex].spanId).sort()).toEqual(['late', 'short']);
  });
});

describe('bottleneck and criticalTimeBy', () => {
  const specs: SpanSpec[] = [
    { id: 'gw', start: 0, dur: 280, service: 'api-gateway', name: 'GET /recommend' },
    { id: 'model', parent: 'gw', start: 20, dur: 230, service: 'recommendation-model', name: 'predict' },
    { id: 'db', parent: 'model', start: 30, dur: 30, service: 'postgres', name: 'SELECT' },
    { id: 'db2', parent: 'model', start: 200, dur: 10, service: 'postgres', name: 'INSERT' },
  ];

  it('names the service with the most time on the main path and its share', () => {
    const trace = makeTrace(specs);
    const { main } = traceCriticalPaths(trace);
    expect(bottleneck(trace, main.entries)).toEqual({
      serviceName: 'recommendation-model',
      ns: 190,
      share: 190 / 280,
    });
  });

  it('names the span whose own work holds the most of the path, not the busiest service', () => {
    // The orchestrator has the most path time in total (3 × 30), but the model call is the one
    // span that held the trace up longest.
    const trace = makeTrace([
      { id: 'orch', start: 0, dur: 200, service: 'rag-orchestrator', name: 'POST /answer' },
      { id: 'a', parent: 'orch', start: 10, dur: 30, service: 'rag-orchestrator', name: 'embed' },
      { id: 'b', parent: 'orch', start: 40, dur: 30, service: 'rag-orchestrator', name: 'retrieve' },
      { id: 'llm', parent: 'orch', start: 70, dur: 80, service: 'llm-gateway', name: 'llm-inference' },
      { id: 'c', parent: 'orch', start: 150, dur: 30, service: 'rag-orchestrator', name: 'rerank' },
    ]);
    const { main } = traceCriticalPaths(trace);
    expect(bottleneck(trace, main.entries)?.serviceName).toBe('rag-orchestrator');
    expect(bottleneckSpan(main.entries)).toEqual({ spanIndex: indexOf(trace, 'llm'), ns: 80, share: 80 / 200 });
  });

  it('gives a tie to the span that comes first on the path', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 100 },
      { id: 'first', parent: 'root', start: 0, dur: 50 },
      { id: 'second', parent: 'root', start: 50, dur: 50 },
    ]);
    expect(bottleneckSpan(traceCriticalPaths(trace).main.entries)?.spanIndex).toBe(indexOf(trace, 'first'));
  });

  it('has no bottleneck when the path holds no time', () => {
    expect(bottleneckSpan(traceCriticalPaths(makeTrace([{ id: 'i', start: 0, dur: 0 }])).main.entries)).toBeUndefined();
    const trace = makeTrace([{ id: 'instant', start: 0, dur: 0 }]);
    expect(bottleneck(trace, traceCriticalPaths(trace).main.entries)).toBeUndefined();
  });

  it('sums path time per service and per operation, largest first', () => {
    const trace = makeTrace(specs);
    const { sections } = traceCriticalPaths(trace).main;
    expect(criticalTimeBy(trace, sections, 'service').map((t) => [t.key, t.ns])).toEqual([
      ['recommendation-model', 190],
      ['api-gateway', 50],
      ['postgres', 40],
    ]);
    expect(criticalTimeBy(trace, sections, 'operation').map((t) => [t.label, t.ns])).toEqual([
      ['recommendation-model: predict', 190],
      ['api-gateway: GET /recommend', 50],
      ['postgres: SELECT', 30],
      ['postgres: INSERT', 10],
    ]);
  });
});

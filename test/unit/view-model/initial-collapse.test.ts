import { describe, expect, it } from 'vitest';
import { initialCollapsed } from '../../../src/view-model/initial-collapse.ts';
import { visibleRows } from '../../../src/view-model/visible-rows.ts';
import { indexOf, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';

describe('initialCollapsed', () => {
  it('opens small traces fully expanded', () => {
    const trace = makeTrace([
      { id: 'r', start: 0, dur: 10 },
      { id: 'c', parent: 'r', start: 1, dur: 5 },
    ]);
    expect(initialCollapsed(trace.tree).size).toBe(0);
  });

  it('opens a large trace with at most 500 rows, keeping a huge fan-out collapsed but other branches open', () => {
    const specs: SpanSpec[] = [
      { id: 'root', start: 0, dur: 1000 },
      { id: 'fan', parent: 'root', start: 1, dur: 100 },
      { id: 'tree', parent: 'root', start: 200, dur: 700 },
    ];
    for (let i = 0; i < 2500; i++) specs.push({ id: `leaf${i}`, parent: 'fan', start: 2, dur: 1 });
    for (let b = 0; b < 5; b++) {
      specs.push({ id: `branch${b}`, parent: 'tree', start: 201 + b, dur: 100 });
      for (let k = 0; k < 10; k++) specs.push({ id: `b${b}k${k}`, parent: `branch${b}`, start: 202 + b, dur: 10 });
    }
    const trace = makeTrace(specs);
    const collapsed = initialCollapsed(trace.tree);
    const rows = visibleRows(trace.tree, collapsed);
    expect(rows.length).toBeLessThanOrEqual(500);
    expect(collapsed.has(indexOf(trace, 'fan'))).toBe(true);
    expect(collapsed.has(indexOf(trace, 'tree'))).toBe(false);
    const shown = new Set(Array.from(rows, (i) => trace.spans[i].spanId));
    expect(shown.has('b4k9')).toBe(true);
    expect(shown.has('leaf0')).toBe(false);
  });

  it('collapses spans deep inside collapsed subtrees too, so expanding one shows a single level', () => {
    const specs: SpanSpec[] = [{ id: 's0', start: 0, dur: 100_000 }];
    // A wide first level (600 children of the root) forces the root itself to stay collapsed.
    for (let i = 1; i <= 600; i++) specs.push({ id: `c${i}`, parent: 's0', start: i, dur: 10 });
    for (let i = 1; i <= 2000; i++)
      specs.push({ id: `g${i}`, parent: `c${1 + (i % 600)}`, start: 1 + (i % 600), dur: 5 });
    const trace = makeTrace(specs);
    const collapsed = initialCollapsed(trace.tree);
    expect(visibleRows(trace.tree, collapsed).length).toBe(1);
    collapsed.delete(indexOf(trace, 's0'));
    expect(visibleRows(trace.tree, collapsed).length).toBe(601);
  });
});

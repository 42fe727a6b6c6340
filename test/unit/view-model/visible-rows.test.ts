import { describe, expect, it } from 'vitest';
import { spansWithAncestors } from '../../../src/analysis/search.ts';
import { keptChildCounts, rowPositions, visibleRows } from '../../../src/view-model/visible-rows.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { indexOf, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';

// r ─┬─ a ─┬─ a1
//    │     └─ a2 ── a2x
//    └─ b ─── b1
// orphan (its parent is not in the trace, so it is a second root)
const trace = makeTrace([
  { id: 'r', start: 0, dur: 100 },
  { id: 'b', parent: 'r', start: 60, dur: 30 },
  { id: 'a', parent: 'r', start: 10, dur: 40 },
  { id: 'a2', parent: 'a', start: 25, dur: 20 },
  { id: 'a1', parent: 'a', start: 15, dur: 5 },
  { id: 'a2x', parent: 'a2', start: 30, dur: 10 },
  { id: 'b1', parent: 'b', start: 65, dur: 5 },
  { id: 'orphan', parent: 'gone', start: 5, dur: 3 },
]);
const at = (id: string) => indexOf(trace, id);
const ids = (t: Trace, rows: Int32Array) => Array.from(rows, (i) => t.spans[i].spanId);
const set = (...names: string[]) => new Set(names.map(at));

describe('visibleRows', () => {
  it('lists every span in tree order, children by start time, when nothing is collapsed', () => {
    expect(ids(trace, visibleRows(trace.tree, new Set()))).toEqual(['r', 'a', 'a1', 'a2', 'a2x', 'b', 'b1', 'orphan']);
  });

  it('hides the whole subtree of a collapsed span but keeps the span itself', () => {
    expect(ids(trace, visibleRows(trace.tree, set('a')))).toEqual(['r', 'a', 'b', 'b1', 'orphan']);
    expect(ids(trace, visibleRows(trace.tree, set('r')))).toEqual(['r', 'orphan']);
  });

  it('a collapsed span inside a collapsed subtree changes nothing more', () => {
    expect(ids(trace, visibleRows(trace.tree, set('a', 'a2')))).toEqual(['r', 'a', 'b', 'b1', 'orphan']);
    expect(ids(trace, visibleRows(trace.tree, set('a2')))).toEqual(['r', 'a', 'a1', 'a2', 'b', 'b1', 'orphan']);
  });

  it('with a keep mask shows only kept spans, in tree order, and collapse still applies', () => {
    const keep = spansWithAncestors(trace, Int32Array.of(at('a2x'), at('b1')));
    expect(ids(trace, visibleRows(trace.tree, new Set(), keep))).toEqual(['r', 'a', 'a2', 'a2x', 'b', 'b1']);
    expect(ids(trace, visibleRows(trace.tree, set('a'), keep))).toEqual(['r', 'a', 'b', 'b1']);
  });

  it('a dropped span hides its subtree even if the mask marks something below it', () => {
    const keep = new Uint8Array(trace.spans.length);
    keep[at('r')] = 1;
    keep[at('a2x')] = 1; // a and a2 not kept
    expect(ids(trace, visibleRows(trace.tree, new Set(), keep))).toEqual(['r']);
  });

  it('handles a 100,000-deep chain without recursion', () => {
    const specs: SpanSpec[] = [];
    for (let i = 0; i < 100_000; i++)
      specs.push({ id: `s${i}`, parent: i ? `s${i - 1}` : undefined, start: i, dur: 200_000 - 2 * i });
    const chain = makeTrace(specs);
    expect(visibleRows(chain.tree, new Set()).length).toBe(100_000);
    const rows = visibleRows(chain.tree, new Set([indexOf(chain, 's49999')]));
    expect(rows.length).toBe(50_000);
    expect(chain.spans[rows[rows.length - 1]].spanId).toBe('s49999');
  });
});

describe('rowPositions', () => {
  it('gives each visible span its row and -1 to hidden spans', () => {
    const rows = visibleRows(trace.tree, set('a'));
    const pos = rowPositions(rows, trace.spans.length);
    expect(pos[at('r')]).toBe(0);
    expect(pos[at('b')]).toBe(2);
    expect(pos[at('a1')]).toBe(-1);
    expect(pos[at('orphan')]).toBe(4);
  });
});

describe('keptChildCounts', () => {
  it('counts only the children a filter keeps', () => {
    const keep = spansWithAncestors(trace, Int32Array.of(at('a2x')));
    const counts = keptChildCounts(trace.tree, keep);
    expect(counts[at('r')]).toBe(1);
    expect(counts[at('a')]).toBe(1);
    expect(counts[at('b')]).toBe(0);
    expect(keptChildCounts(trace.tree, null)[at('a')]).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import {
  collapseAll,
  collapseOneLevel,
  expandAncestors,
  expandOneLevel,
  revealKept,
  setSubtreeCollapsed,
  toggleCollapsed,
} from '../../../src/view-model/collapse.ts';
import { spansWithAncestors } from '../../../src/analysis/search.ts';
import { visibleRows } from '../../../src/view-model/visible-rows.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const trace = makeTrace([
  { id: 'r', start: 0, dur: 100 },
  { id: 'a', parent: 'r', start: 10, dur: 40 },
  { id: 'a1', parent: 'a', start: 15, dur: 5 },
  { id: 'a2', parent: 'a', start: 25, dur: 20 },
  { id: 'a2x', parent: 'a2', start: 30, dur: 10 },
  { id: 'b', parent: 'r', start: 60, dur: 30 },
  { id: 'b1', parent: 'b', start: 65, dur: 5 },
]);
const at = (id: string) => indexOf(trace, id);
const shown = (collapsed: ReadonlySet<number>) =>
  Array.from(visibleRows(trace.tree, collapsed), (i) => trace.spans[i].spanId);
const names = (collapsed: ReadonlySet<number>) => [...collapsed].map((i) => trace.spans[i].spanId).sort();
const counts = trace.tree.childCount;

describe('collapse operations', () => {
  it('toggles one span', () => {
    const once = toggleCollapsed(new Set(), at('a'));
    expect(names(once)).toEqual(['a']);
    expect(names(toggleCollapsed(once, at('a')))).toEqual([]);
  });

  it('collapse all collapses every span with children, so only roots show', () => {
    const all = collapseAll(trace.tree);
    expect(names(all)).toEqual(['a', 'a2', 'b', 'r']);
    expect(shown(all)).toEqual(['r']);
  });

  it('expands one level at a time from fully collapsed', () => {
    let c = collapseAll(trace.tree);
    c = expandOneLevel(c, visibleRows(trace.tree, c), counts);
    expect(shown(c)).toEqual(['r', 'a', 'b']);
    c = expandOneLevel(c, visibleRows(trace.tree, c), counts);
    expect(shown(c)).toEqual(['r', 'a', 'a1', 'a2', 'b', 'b1']);
    c = expandOneLevel(c, visibleRows(trace.tree, c), counts);
    expect(shown(c)).toEqual(['r', 'a', 'a1', 'a2', 'a2x', 'b', 'b1']);
    expect(expandOneLevel(c, visibleRows(trace.tree, c), counts)).toBe(c);
  });

  it('collapses the deepest expanded level first', () => {
    let c: ReadonlySet<number> = new Set();
    c = collapseOneLevel(trace.tree, c, visibleRows(trace.tree, c), counts);
    expect(names(c)).toEqual(['a2']);
    c = collapseOneLevel(trace.tree, c, visibleRows(trace.tree, c), counts);
    expect(shown(c)).toEqual(['r', 'a', 'b']);
    c = collapseOneLevel(trace.tree, c, visibleRows(trace.tree, c), counts);
    expect(shown(c)).toEqual(['r']);
  });

  it('collapses and expands a whole subtree', () => {
    const collapsed = setSubtreeCollapsed(trace.tree, new Set(), at('a'), true);
    expect(names(collapsed)).toEqual(['a', 'a2']);
    // Expanding the span alone then shows one level.
    expect(shown(toggleCollapsed(collapsed, at('a')))).toEqual(['r', 'a', 'a1', 'a2', 'b', 'b1']);
    const expanded = setSubtreeCollapsed(trace.tree, collapseAll(trace.tree), at('a'), false);
    expect(names(expanded)).toEqual(['b', 'r']);
  });

  it('expands the ancestors of a span so it shows, leaving the rest alone', () => {
    const c = expandAncestors(trace.tree, collapseAll(trace.tree), at('a2x'));
    expect(names(c)).toEqual(['b']);
    expect(shown(c)).toContain('a2x');
    expect(expandAncestors(trace.tree, c, at('a2x'))).toBe(c);
  });

  it('reveals what a filter kept', () => {
    const keep = spansWithAncestors(trace, Int32Array.of(at('a2x')));
    const c = revealKept(trace.tree, collapseAll(trace.tree), keep);
    expect(names(c)).toEqual(['b']);
  });
});

// The rows the waterfall shows: spans in tree preorder, minus the descendants of collapsed
// spans and the spans a filter drops. Iterative and O(visible rows + hidden subtrees skipped):
// a collapsed or dropped span skips its whole subtree in one step.
import type { SpanTree } from '../model/trace.ts';
import { treeIndex } from './tree-index.ts';

/**
 * Span indexes of the visible rows, in preorder.
 * `keep`, when given, is 1 for spans a filter keeps; a span it drops hides its whole subtree,
 * so it should hold the ancestors of every kept span (as rowFilter and spansWithAncestors make it).
 */
export function visibleRows(tree: SpanTree, collapsed: ReadonlySet<number>, keep?: Uint8Array | null): Int32Array {
  const { preorder } = tree;
  const { end } = treeIndex(tree);
  const n = preorder.length;
  const rows = new Int32Array(n);
  let count = 0;
  let k = 0;
  while (k < n) {
    const i = preorder[k];
    if (keep && keep[i] === 0) {
      k = end[i];
      continue;
    }
    rows[count++] = i;
    k = collapsed.has(i) ? end[i] : k + 1;
  }
  return count === n ? rows : rows.slice(0, count);
}

/** For each span, its row in `rows`, or -1 when it is not visible. */
export function rowPositions(rows: Int32Array, spanCount: number): Int32Array {
  const at = new Int32Array(spanCount).fill(-1);
  for (let r = 0; r < rows.length; r++) at[rows[r]] = r;
  return at;
}

/** Children per span that a filter keeps (the plain child count when there is no filter). */
export function keptChildCounts(tree: SpanTree, keep: Uint8Array | null): Int32Array {
  if (!keep) return tree.childCount;
  const counts = new Int32Array(tree.parent.length);
  for (let i = 0; i < counts.length; i++) {
    const p = tree.parent[i];
    if (p !== -1 && keep[i] === 1) counts[p]++;
  }
  return counts;
}

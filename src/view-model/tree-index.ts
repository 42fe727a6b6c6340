// Preorder positions and subtree extents. In tree.preorder every subtree is one contiguous
// range, so "skip this subtree" and "every descendant of x" become index arithmetic.
import type { SpanTree } from '../model/trace.ts';

export interface TreeIndex {
  /** Position of each span in tree.preorder. */
  readonly rank: Int32Array;
  /** Position in tree.preorder just past each span's subtree. */
  readonly end: Int32Array;
}

const cache = new WeakMap<SpanTree, TreeIndex>();

export function treeIndex(tree: SpanTree): TreeIndex {
  const cached = cache.get(tree);
  if (cached) return cached;
  const { preorder, parent } = tree;
  const n = preorder.length;
  const rank = new Int32Array(n);
  for (let k = 0; k < n; k++) rank[preorder[k]] = k;
  // Walking preorder backwards meets every child before its parent, so sizes add up bottom-up.
  const size = new Int32Array(n).fill(1);
  for (let k = n - 1; k >= 0; k--) {
    const i = preorder[k];
    const p = parent[i];
    if (p !== -1) size[p] += size[i];
  }
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) end[i] = rank[i] + size[i];
  const index = { rank, end };
  cache.set(tree, index);
  return index;
}

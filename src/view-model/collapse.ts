// Collapse and expand operations on the waterfall's collapsed set. Each returns a new set (or
// the same one when nothing changes, so a store update can be skipped) and never mutates.
import type { SpanTree } from '../model/trace.ts';
import { treeIndex } from './tree-index.ts';

export function toggleCollapsed(collapsed: ReadonlySet<number>, span: number): ReadonlySet<number> {
  const next = new Set(collapsed);
  if (!next.delete(span)) next.add(span);
  return next;
}

/** Every span with children collapsed, so that expanding then goes one level at a time. */
export function collapseAll(tree: SpanTree): ReadonlySet<number> {
  const all = new Set<number>();
  for (let i = 0; i < tree.childCount.length; i++) if (tree.childCount[i] > 0) all.add(i);
  return all;
}

/**
 * Collapses (or expands) a span and every span below it. Collapsing the descendants too means
 * that expanding the span again shows one level, not the whole subtree at once.
 */
export function setSubtreeCollapsed(
  tree: SpanTree,
  collapsed: ReadonlySet<number>,
  span: number,
  collapse: boolean,
): ReadonlySet<number> {
  const { rank, end } = treeIndex(tree);
  const next = new Set(collapsed);
  for (let k = rank[span]; k < end[span]; k++) {
    const i = tree.preorder[k];
    if (!collapse) next.delete(i);
    else if (tree.childCount[i] > 0) next.add(i);
  }
  return next;
}

/** Expands every collapsed row on screen that has children to show: the view deepens by one level. */
export function expandOneLevel(
  collapsed: ReadonlySet<number>,
  rows: Int32Array,
  childCounts: Int32Array,
): ReadonlySet<number> {
  let next: Set<number> | null = null;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    if (childCounts[i] > 0 && collapsed.has(i)) {
      next ??= new Set(collapsed);
      next.delete(i);
    }
  }
  return next ?? collapsed;
}

/** Collapses the deepest expanded rows on screen: the view gets shallower by one level. */
export function collapseOneLevel(
  tree: SpanTree,
  collapsed: ReadonlySet<number>,
  rows: Int32Array,
  childCounts: Int32Array,
): ReadonlySet<number> {
  let deepest = -1;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    if (childCounts[i] > 0 && !collapsed.has(i) && tree.depth[i] > deepest) deepest = tree.depth[i];
  }
  if (deepest === -1) return collapsed;
  const next = new Set(collapsed);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    if (childCounts[i] > 0 && tree.depth[i] === deepest) next.add(i);
  }
  return next;
}

/** Expands the ancestors of a span so that its row can be shown. */
export function expandAncestors(tree: SpanTree, collapsed: ReadonlySet<number>, span: number): ReadonlySet<number> {
  let next: Set<number> | null = null;
  for (let p = tree.parent[span]; p !== -1; p = tree.parent[p]) {
    if (collapsed.has(p)) {
      next ??= new Set(collapsed);
      next.delete(p);
    }
  }
  return next ?? collapsed;
}

/**
 * Expands the spans through which a filter reaches its kept spans (kept spans with a kept
 * child), so turning a filter on shows what it found instead of collapsed parents.
 */
export function revealKept(tree: SpanTree, collapsed: ReadonlySet<number>, keep: Uint8Array): ReadonlySet<number> {
  let next: Set<number> | null = null;
  for (const i of collapsed) {
    if (keep[i] === 0) continue;
    for (let c = tree.firstChild[i]; c !== -1; c = tree.nextSibling[c]) {
      if (keep[c] === 1) {
        next ??= new Set(collapsed);
        next.delete(i);
        break;
      }
    }
  }
  return next ?? collapsed;
}

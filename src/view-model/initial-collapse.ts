// Which spans start collapsed when a trace opens.
//
// Small traces open fully expanded. A large trace (more than LARGE_TRACE_SPANS spans) opens
// with at most INITIAL_ROW_BUDGET rows showing: spans are expanded breadth-first (top levels
// first, then by start time within a level) as long as their children still fit the budget.
// A span whose children would not fit stays collapsed, and the walk goes on with the others,
// so one huge fan-out does not hide every other branch. Every span that was not expanded is
// collapsed, including those deep inside collapsed subtrees, so that expanding any span later
// shows one more level rather than its whole subtree.
import type { SpanTree } from '../model/trace.ts';

export const LARGE_TRACE_SPANS = 2000;
export const INITIAL_ROW_BUDGET = 500;

export function initialCollapsed(
  tree: SpanTree,
  budget: number = INITIAL_ROW_BUDGET,
  largeTrace: number = LARGE_TRACE_SPANS,
): Set<number> {
  const n = tree.preorder.length;
  const collapsed = new Set<number>();
  if (n <= largeTrace) return collapsed;

  const expanded = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (const r of tree.roots) queue[tail++] = r;
  let visible = tail;
  while (head < tail) {
    const i = queue[head++];
    const children = tree.childCount[i];
    if (children === 0 || visible + children > budget) continue;
    expanded[i] = 1;
    visible += children;
    for (let c = tree.firstChild[i]; c !== -1; c = tree.nextSibling[c]) queue[tail++] = c;
  }
  for (let i = 0; i < n; i++) if (tree.childCount[i] > 0 && expanded[i] === 0) collapsed.add(i);
  return collapsed;
}

const openingCollapse = new WeakMap<SpanTree, ReadonlySet<number>>();

/**
 * The collapse a trace opens with, worked out once per tree: the view state starts from it and
 * the address records changes against it, and at a million spans each pass costs a visible pause.
 */
export function openingCollapsed(tree: SpanTree): ReadonlySet<number> {
  let set = openingCollapse.get(tree);
  if (set === undefined) {
    set = initialCollapsed(tree);
    openingCollapse.set(tree, set);
  }
  return set;
}

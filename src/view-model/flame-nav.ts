// Keyboard movement between flamegraph boxes along the tree they come from: up to the parent,
// down to the first child, left and right to the previous and next sibling.

export type FlameMove = 'parent' | 'child' | 'prev' | 'next';

/** The span tree of a trace and the node tree of an aggregate both have this shape. */
export interface NavTree {
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  /** Top-level items, in the left-to-right order they are drawn. */
  readonly roots: readonly number[];
}

/** Where the move lands; `from` itself when there is nothing that way, the first root from -1. */
export function navigate(tree: NavTree, from: number, move: FlameMove): number {
  if (from < 0 || from >= tree.parent.length) return tree.roots.length > 0 ? tree.roots[0] : -1;
  switch (move) {
    case 'parent':
      return tree.parent[from] === -1 ? from : tree.parent[from];
    case 'child':
      return tree.firstChild[from] === -1 ? from : tree.firstChild[from];
    case 'next': {
      if (tree.parent[from] !== -1) return tree.nextSibling[from] === -1 ? from : tree.nextSibling[from];
      const at = tree.roots.indexOf(from);
      return at >= 0 && at + 1 < tree.roots.length ? tree.roots[at + 1] : from;
    }
    case 'prev': {
      const p = tree.parent[from];
      if (p === -1) {
        const at = tree.roots.indexOf(from);
        return at > 0 ? tree.roots[at - 1] : from;
      }
      let prev = -1;
      for (let c = tree.firstChild[p]; c !== -1 && c !== from; c = tree.nextSibling[c]) prev = c;
      return prev === -1 ? from : prev;
    }
  }
}

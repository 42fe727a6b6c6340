// What the arrow keys do in the span tree, as a pure decision: the row list applies it.
import type { SpanTree } from '../../model/trace.ts';

export type TreeKeyAction =
  | { readonly kind: 'select'; readonly span: number }
  | { readonly kind: 'collapse'; readonly span: number }
  | { readonly kind: 'expand'; readonly span: number }
  | { readonly kind: 'none' };

export interface TreeKeyState {
  readonly tree: SpanTree;
  readonly rows: Int32Array;
  readonly rowOf: Int32Array;
  readonly childCounts: Int32Array;
  readonly collapsed: ReadonlySet<number>;
  readonly selected: number | null;
  /** Rows that fit on screen, for Page Up / Page Down. */
  readonly pageRows: number;
}

/** The row the keyboard acts on: the selected span's row, or its nearest visible ancestor's. */
export function currentRow(state: TreeKeyState): number {
  const { selected, rowOf, tree } = state;
  if (selected === null || selected >= rowOf.length) return -1;
  for (let i = selected; i !== -1; i = tree.parent[i]) if (rowOf[i] !== -1) return rowOf[i];
  return -1;
}

export function treeKeyAction(key: string, state: TreeKeyState): TreeKeyAction {
  const { rows, tree, childCounts, collapsed } = state;
  if (rows.length === 0) return { kind: 'none' };
  const row = currentRow(state);
  const at = (r: number): TreeKeyAction => ({ kind: 'select', span: rows[Math.max(0, Math.min(rows.length - 1, r))] });
  if (row === -1) {
    if (key === 'ArrowUp' || key === 'End') return at(rows.length - 1);
    if (['ArrowDown', 'Home', 'PageDown', 'PageUp', 'Enter', ' ', 'ArrowRight', 'ArrowLeft'].includes(key))
      return at(0);
    return { kind: 'none' };
  }
  const span = rows[row];
  switch (key) {
    case 'ArrowDown':
      return at(row + 1);
    case 'ArrowUp':
      return at(row - 1);
    case 'Home':
      return at(0);
    case 'End':
      return at(rows.length - 1);
    case 'PageDown':
      return at(row + state.pageRows);
    case 'PageUp':
      return at(row - state.pageRows);
    case 'Enter':
    case ' ':
      return { kind: 'select', span };
    case 'ArrowRight':
      if (childCounts[span] === 0) return { kind: 'none' };
      if (collapsed.has(span)) return { kind: 'expand', span };
      return at(row + 1);
    case 'ArrowLeft': {
      if (childCounts[span] > 0 && !collapsed.has(span)) return { kind: 'collapse', span };
      const parent = tree.parent[span];
      return parent === -1 ? { kind: 'none' } : { kind: 'select', span: parent };
    }
    default:
      return { kind: 'none' };
  }
}

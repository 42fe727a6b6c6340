// The span tree: a virtualized list (only rows on screen exist in the DOM) with tree keyboard
// navigation, and the selection kept in view wherever it was changed from.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { expandAncestors, toggleCollapsed } from '../../view-model/collapse.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { useViewStore } from '../../state/view-store.ts';
import { WATERFALL_ROW_HEIGHT, rowId, type RowContext } from './row-context.ts';
import { treeKeyAction } from './tree-keys.ts';
import type { WaterfallModel } from './use-waterfall-model.ts';
import { WaterfallRow } from './WaterfallRow.tsx';
import { useBarTooltip } from './BarTooltip.tsx';

const OVERSCAN_ROWS = 10;

export interface RowListProps {
  readonly model: WaterfallModel;
  readonly ctx: RowContext;
  readonly gridTicks: readonly number[];
  readonly treeRef: RefObject<HTMLDivElement | null>;
}

export function RowList({ model, ctx, gridTicks, treeRef }: RowListProps) {
  const { trace, rows, rowOf, childCounts, filter, matchMask, descendantErrors } = model;
  const collapsed = useViewStore((s) => s.collapsed);
  const selected = useTraceStore((s) => s.selectedSpan);

  const getItemKey = useCallback((index: number) => rows[index], [rows]);
  const estimateSize = useCallback(() => WATERFALL_ROW_HEIGHT, []);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => treeRef.current,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN_ROWS,
  });

  // A selection made anywhere (keyboard, search, another panel) is revealed and scrolled to.
  // Only a change of selection expands ancestors: collapsing the selected span's parent later
  // must stay collapsed.
  const revealed = useRef<number | null>(null);
  const pendingScroll = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (selected === revealed.current) return;
    revealed.current = selected;
    if (selected === null || selected >= trace.spans.length) return;
    pendingScroll.current = selected;
    if (rowOf[selected] === -1 && (!filter || filter.keep[selected] === 1)) {
      const view = useViewStore.getState();
      const next = expandAncestors(trace.tree, view.collapsed, selected);
      if (next !== view.collapsed) view.setCollapsed(next);
    }
  }, [selected, rowOf, filter, trace]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new selection sets pendingScroll (a ref) above, so it must run this too
  useLayoutEffect(() => {
    const span = pendingScroll.current;
    if (span === null) return;
    const row = rowOf[span];
    if (row === -1) return;
    pendingScroll.current = null;
    virtualizer.scrollToIndex(row, { align: 'auto' });
  }, [rowOf, selected, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const height = treeRef.current?.clientHeight ?? 0;
    const action = treeKeyAction(e.key, {
      tree: trace.tree,
      rows,
      rowOf,
      childCounts,
      collapsed,
      selected,
      pageRows: Math.max(1, Math.floor(height / WATERFALL_ROW_HEIGHT) - 1),
    });
    if (action.kind === 'none') return;
    e.preventDefault();
    if (action.kind === 'select') {
      // Re-selecting the selected span changes nothing in the store, so scroll to it here.
      if (action.span === selected) virtualizer.scrollToIndex(rowOf[action.span], { align: 'auto' });
      else useTraceStore.getState().selectSpan(action.span);
    } else {
      useViewStore.getState().setCollapsed(toggleCollapsed(collapsed, action.span));
    }
  };

  const tooltip = useBarTooltip(ctx);
  const items = virtualizer.getVirtualItems();
  const selectedRow = selected !== null && selected < rowOf.length ? rowOf[selected] : -1;
  const selectedRendered = selectedRow !== -1 && items.some((item) => item.index === selectedRow);

  return (
    <div
      ref={treeRef}
      className="wf-rows"
      role="tree"
      aria-label="Spans"
      aria-activedescendant={selectedRendered && selected !== null ? rowId(ctx.idPrefix, selected) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerMove={tooltip.onPointerMove}
      onPointerLeave={tooltip.hide}
      onScroll={tooltip.hide}
      data-testid="waterfall-rows"
      data-row-count={rows.length}
    >
      <div className="wf-rows__content" style={{ height: virtualizer.getTotalSize() }}>
        <div className="wf-grid" aria-hidden="true">
          {gridTicks.map((t) => (
            <span key={t} className="wf-grid__line" style={{ left: `${ctx.scale(t)}%` }} />
          ))}
        </div>
        {items.map((item) => {
          const span = rows[item.index];
          const isCollapsed = collapsed.has(span);
          return (
            <WaterfallRow
              key={span}
              ctx={ctx}
              span={span}
              top={item.start}
              selected={span === selected}
              match={matchMask !== null && matchMask[span] === 1}
              context={filter !== null && filter.pass[span] === 0}
              collapsed={isCollapsed}
              childCount={childCounts[span]}
              hiddenError={isCollapsed && descendantErrors[span] === 1}
            />
          );
        })}
      </div>
      {rows.length === 0 && <p className="wf-empty">No spans match the filters.</p>}
      {tooltip.element}
    </div>
  );
}

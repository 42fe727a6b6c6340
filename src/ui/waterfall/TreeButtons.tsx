import { collapseAll, collapseOneLevel, expandOneLevel } from '../../view-model/collapse.ts';
import { useViewStore } from '../../state/view-store.ts';
import type { WaterfallModel } from './use-waterfall-model.ts';

const NOTHING_COLLAPSED: ReadonlySet<number> = new Set();

/** Expand/collapse everything, or one level at a time. */
export function TreeButtons({ model }: { model: WaterfallModel }) {
  const setCollapsed = useViewStore((s) => s.setCollapsed);
  const change = (next: (collapsed: ReadonlySet<number>) => ReadonlySet<number>) => {
    const current = useViewStore.getState().collapsed;
    const updated = next(current);
    if (updated !== current) setCollapsed(updated);
  };
  const { trace, rows, childCounts } = model;
  return (
    <div className="wf-tree-buttons" role="group" aria-label="Expand and collapse">
      <button type="button" onClick={() => change(() => NOTHING_COLLAPSED)}>
        Expand all
      </button>
      <button type="button" onClick={() => change(() => collapseAll(trace.tree))}>
        Collapse all
      </button>
      <button type="button" onClick={() => change((c) => expandOneLevel(c, rows, childCounts))}>
        Expand one level
      </button>
      <button type="button" onClick={() => change((c) => collapseOneLevel(trace.tree, c, rows, childCounts))}>
        Collapse one level
      </button>
    </div>
  );
}

// Showing a set of spans (a statistics row, an aggregated flame box) in the waterfall: the
// filter keeps them, and the timeline zooms to where they ran. A zoom left over from another
// view could otherwise show a window in which none of them lies: an empty timeline.
import { spanEndNs } from '../analysis/self-time.ts';
import { currentTrace, useTraceStore } from '../state/trace-store.ts';
import { useViewStore } from '../state/view-store.ts';
import { zoomBetween } from './waterfall/zoom.ts';

/** Space left on each side of the spans, as a share of the time they cover. */
const MARGIN = 0.02;

export function showSpanSet(label: string, indexes: readonly number[]): void {
  const view = useViewStore.getState();
  const trace = currentTrace(useTraceStore.getState());
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  if (trace) {
    for (const i of indexes) {
      const span = trace.spans[i];
      if (!span) continue;
      if (span.startNs < start) start = span.startNs;
      const spanEnd = spanEndNs(span.startNs, span.durationNs);
      if (spanEnd > end) end = spanEnd;
    }
  }
  view.setFilters({ spanSet: { label, indexes } });
  if (trace && end >= start) {
    const margin = (end - start) * MARGIN;
    view.setZoom(zoomBetween(start - margin, end + margin, trace.durationNs));
  } else view.setZoom(null);
  view.setView('waterfall');
}

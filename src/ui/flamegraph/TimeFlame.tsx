// The time-ordered flame chart: x is time, y is depth; zoom is shared with the waterfall and
// the selection is the trace's selected span.
import { useCallback, useMemo } from 'react';
import { layoutTimeFlame } from '../../view-model/flame-layout.ts';
import { clampRange, isFullRange, type XRange } from '../../view-model/flame-view.ts';
import type { Trace } from '../../model/trace.ts';
import { analyzeTrace } from '../../state/analysis-cache.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { useViewStore } from '../../state/view-store.ts';
import { FlameCanvas } from './FlameCanvas.tsx';
import { KIND_PALETTE, paletteFor } from './palette.ts';
import { kindBuckets, spanBuckets, timeModel } from './time-model.ts';
import { useSpanFlags } from './useHighlights.ts';

export function TimeFlame({ trace }: { trace: Trace }) {
  const boxes = useMemo(() => layoutTimeFlame(trace), [trace]);
  // The waterfall's "Colour by kind" colours the flame chart too.
  const byKind = useViewStore((s) => s.colorByKind);
  const palette = useMemo(() => (byKind ? KIND_PALETTE.palette : paletteFor(trace.services)), [trace, byKind]);
  const bucketOf = useMemo(() => (byKind ? kindBuckets(trace) : spanBuckets(trace, palette)), [trace, palette, byKind]);
  const flags = useSpanFlags(trace);
  const model = useMemo(() => {
    const { selfNs, onCriticalPath, isSlowest } = analyzeTrace(trace);
    return timeModel({ trace, boxes, palette, flags, selfNs, onCriticalPath, isSlowest }, bucketOf);
  }, [trace, boxes, palette, flags, bucketOf]);

  const extent = boxes.extent > 0 ? boxes.extent : 1;
  const zoom = useViewStore((s) => s.zoom);
  const range = useMemo<XRange>(
    () => (zoom === null ? { start: 0, end: extent } : clampRange({ start: zoom.startNs, end: zoom.endNs }, extent)),
    [zoom, extent],
  );
  const onRange = useCallback(
    (r: XRange) => useViewStore.getState().setZoom(isFullRange(r, extent) ? null : { startNs: r.start, endNs: r.end }),
    [extent],
  );
  const selected = useTraceStore((s) => s.selectedSpan);
  const cursor = selected !== null && selected < trace.spans.length ? selected : -1;
  const select = useCallback((i: number) => useTraceStore.getState().selectSpan(i), []);

  return (
    <FlameCanvas
      model={model}
      range={range}
      onRange={onRange}
      cursor={cursor}
      onCursor={select}
      onActivate={select}
      label="Flame chart in time order"
    />
  );
}

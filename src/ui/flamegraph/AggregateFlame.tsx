// The aggregated ("left heavy") flamegraph: spans merged by service:operation path. Clicking a
// box shows its spans in the waterfall. Its zoom is its own: x here is summed time, not time.
import { useCallback, useMemo, useState } from 'react';
import { aggregateFlame, nodeMembers, nodePath } from '../../view-model/flame-aggregate.ts';
import { nodeFlags } from '../../view-model/flame-highlight.ts';
import { clampRange, type XRange } from '../../view-model/flame-view.ts';
import type { Trace } from '../../model/trace.ts';
import { analyzeTrace } from '../../state/analysis-cache.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { aggregateModel, nodeBuckets } from './aggregate-model.ts';
import { FlameCanvas } from './FlameCanvas.tsx';
import { paletteFor } from './palette.ts';
import { showSpanSet } from '../show-span-set.ts';
import { useSpanFlags } from './useHighlights.ts';

export function AggregateFlame({ trace }: { trace: Trace }) {
  const agg = useMemo(() => aggregateFlame(trace, analyzeTrace(trace).selfNs), [trace]);
  const palette = useMemo(() => paletteFor(trace.services), [trace]);
  const bucketOf = useMemo(() => nodeBuckets(agg, palette), [agg, palette]);
  const perSpan = useSpanFlags(trace);
  const flags = useMemo(() => nodeFlags(agg, perSpan), [agg, perSpan]);
  const model = useMemo(
    () => aggregateModel(trace, agg, palette, flags, bucketOf),
    [trace, agg, palette, flags, bucketOf],
  );

  const extent = agg.boxes.extent > 0 ? agg.boxes.extent : 1;
  const [range, setRange] = useState<XRange>({ start: 0, end: extent });
  const shown = useMemo(() => clampRange(range, extent), [range, extent]);
  const [cursor, setCursor] = useState(-1);
  const selected = useTraceStore((s) => s.selectedSpan);

  const activate = useCallback(
    (node: number) => {
      showSpanSet(nodePath(agg, node).join(' › '), nodeMembers(agg, node));
    },
    [agg],
  );

  return (
    <FlameCanvas
      model={model}
      range={shown}
      onRange={setRange}
      cursor={cursor}
      onCursor={setCursor}
      onActivate={activate}
      fallbackSpanId={selected !== null ? trace.spans[selected]?.spanId : undefined}
      label="Aggregated flamegraph: spans merged by service and operation path"
    />
  );
}

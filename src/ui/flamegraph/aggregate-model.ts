// The aggregated flamegraph's model: one box per service:operation path.
import type { FlameAggregate } from '../../view-model/flame-aggregate.ts';
import type { Trace } from '../../model/trace.ts';
import { formatCount, formatDuration, formatExactNs, plural } from '../../view-model/duration.ts';
import type { FlameModel } from './model.ts';
import { shareText, type TooltipLine } from '../../view-model/span-tooltip.ts';
import type { FlamePalette } from './palette.ts';
import { boundedLabel } from '../../view-model/bounded-text.ts';

export function nodeBuckets(agg: FlameAggregate, palette: FlamePalette): Uint8Array {
  const buckets = new Uint8Array(agg.nodeCount);
  for (let m = 0; m < agg.nodeCount; m++) buckets[m] = palette.bucketOfService.get(agg.ops[agg.op[m]].serviceName) ?? 0;
  return buckets;
}

export function aggregateModel(
  trace: Trace,
  agg: FlameAggregate,
  palette: FlamePalette,
  flags: Uint8Array,
  bucketOf: Uint8Array,
): FlameModel {
  const opOf = (m: number) => agg.ops[agg.op[m]];
  const describe = (m: number): TooltipLine[] => {
    const o = opOf(m);
    const lines: TooltipLine[] = [
      { label: 'Service', value: boundedLabel(o.serviceName) },
      { label: 'Operation', value: boundedLabel(o.name) },
      { label: 'Count', value: formatCount(agg.count[m]) },
      { label: 'Total', value: formatDuration(agg.totalNs[m]), exact: formatExactNs(agg.totalNs[m]) },
      { label: 'Self total', value: formatDuration(agg.selfTotalNs[m]), exact: formatExactNs(agg.selfTotalNs[m]) },
      { label: 'Share of trace', value: shareText(agg.totalNs[m], trace.durationNs) },
      { label: 'Errors', value: formatCount(agg.errorCount[m]) },
    ];
    if (agg.widened[m] === 1)
      lines.push({
        label: 'Width',
        value: 'wider than its total: its calls add up to more (concurrent or outliving it)',
      });
    lines.push({ label: 'Click', value: 'show these spans in the waterfall' });
    return lines;
  };
  return {
    boxes: agg.boxes,
    bucketOf,
    flags,
    palette,
    nav: agg,
    axis: 'total',
    name: (m) => opOf(m).name,
    extra: (m) =>
      agg.count[m] > 1
        ? `×${formatCount(agg.count[m])}  ${formatDuration(agg.totalNs[m])}`
        : formatDuration(agg.totalNs[m]),
    describe,
    summary: (m) => {
      const o = opOf(m);
      return (
        `${boundedLabel(o.serviceName)}: ${boundedLabel(o.name)}, ${plural(agg.count[m], 'span')}, total ${formatDuration(agg.totalNs[m])}, ` +
        `self total ${formatDuration(agg.selfTotalNs[m])}` +
        (agg.errorCount[m] > 0 ? `, ${plural(agg.errorCount[m], 'error')}` : '')
      );
    },
    spanIdOf: () => undefined,
  };
}

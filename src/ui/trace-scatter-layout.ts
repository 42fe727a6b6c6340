// Where each trace of a list goes on a plot of duration against start time, as Jaeger UI plots
// search results: the slow outliers of a file of many traces stand out at a glance.
import { scaleLinear, scaleLog, scaleSqrt } from 'd3-scale';
import { formatDuration } from '../view-model/duration.ts';
import type { Trace } from '../model/trace.ts';
import type { TraceRef } from '../state/trace-store.ts';

/**
 * What the plot needs of a listed trace: a loaded trace (the picker) or a backend's search
 * summary, which knows its span count but holds no spans.
 */
export interface ScatterRow {
  readonly ref: TraceRef;
  readonly service: string;
  readonly operation: string;
  readonly trace: Pick<Trace, 'traceId' | 'startEpochNs' | 'durationNs' | 'errorCount'> & {
    readonly spans: { readonly length: number };
  };
}

export interface ScatterPoint<R extends ScatterRow = ScatterRow> {
  readonly row: R;
  readonly x: number;
  readonly y: number;
  /** Grows with the trace's span count. */
  readonly r: number;
}

export interface ScatterTick {
  /** Pixel position along its axis. */
  readonly at: number;
  readonly label: string;
}

export interface ScatterLayout<R extends ScatterRow = ScatterRow> {
  readonly points: readonly ScatterPoint<R>[];
  readonly xTicks: readonly ScatterTick[];
  readonly yTicks: readonly ScatterTick[];
  /** The plotting area, inside the axes' labels. */
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
}

const MARGIN = { left: 64, right: 14, top: 10, bottom: 22 };
const MIN_RADIUS = 3;
const MAX_RADIUS = 8;
/** Below this spread of start times, the time axis counts from the first start instead of naming clock times. */
const CLOCK_LABELS_FROM_MS = 2_000;

/**
 * From this ratio of the longest duration to the shortest up, the duration axis is logarithmic:
 * trace durations are heavy-tailed, and on a linear axis one 48 s outlier flattens a hundred
 * traces of a few milliseconds onto its zero line.
 */
const LOG_AXIS_FROM_RATIO = 50;
const MAX_Y_TICKS = 5;

/** The duration axis: where a duration goes, and the durations to label. */
function durationAxis(
  shortestNs: number,
  longestNs: number,
  bottom: number,
  top: number,
): { y: (ns: number) => number; ticks: number[] } {
  const low = Math.max(1, shortestNs);
  if (longestNs / low >= LOG_AXIS_FROM_RATIO) {
    const log = scaleLog().domain([low, longestNs]).nice().range([bottom, top]).clamp(true);
    const decades = log.ticks().filter((ns) => Math.abs(Math.log10(ns) - Math.round(Math.log10(ns))) < 1e-9);
    const step = Math.ceil(decades.length / MAX_Y_TICKS);
    return { y: (ns) => log(Math.max(low, ns)), ticks: decades.filter((_, i) => i % step === 0) };
  }
  const linear = scaleLinear()
    .domain([0, longestNs > 0 ? longestNs : 1])
    .nice(4)
    .range([bottom, top]);
  return { y: linear, ticks: linear.ticks(4) };
}

/** Epoch milliseconds of a decimal epoch-nanoseconds string; plenty for placing a dot. */
export function epochNsToMs(epochNs: string): number {
  return Number(epochNs) / 1e6;
}

function clockLabel(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * Lays `rows` out in a plot `width` × `height` pixels: x is the trace's start, y its duration
 * (from zero up, or on a logarithmic axis when durations differ by orders of magnitude), and a
 * dot's area follows its span count.
 */
export function scatterLayout<R extends ScatterRow>(
  rows: readonly R[],
  width: number,
  height: number,
): ScatterLayout<R> {
  const plot = {
    left: MARGIN.left,
    right: Math.max(MARGIN.left + 1, width - MARGIN.right),
    top: MARGIN.top,
    bottom: height - MARGIN.bottom,
  };
  let firstMs = Infinity;
  let lastMs = -Infinity;
  let longestNs = 0;
  let shortestNs = Infinity;
  let mostSpans = 1;
  const startsMs = rows.map((row) => {
    const ms = epochNsToMs(row.trace.startEpochNs);
    if (ms < firstMs) firstMs = ms;
    if (ms > lastMs) lastMs = ms;
    if (row.trace.durationNs > longestNs) longestNs = row.trace.durationNs;
    if (row.trace.durationNs < shortestNs) shortestNs = row.trace.durationNs;
    if (row.trace.spans.length > mostSpans) mostSpans = row.trace.spans.length;
    return ms;
  });
  if (rows.length === 0) firstMs = lastMs = 0;
  // Traces that all start at once still get an axis, with them in its middle.
  const spreadMs = lastMs - firstMs;
  const pad = spreadMs > 0 ? spreadMs * 0.03 : 1;
  const x = scaleLinear()
    .domain([firstMs - pad, lastMs + pad])
    .range([plot.left, plot.right]);
  const { y, ticks: durationTicks } = durationAxis(shortestNs, longestNs, plot.bottom, plot.top);
  const r = scaleSqrt().domain([1, mostSpans]).range([MIN_RADIUS, MAX_RADIUS]).clamp(true);

  const points = rows.map((row, i) => ({
    row,
    x: x(startsMs[i]),
    y: y(row.trace.durationNs),
    r: r(row.trace.spans.length),
  }));
  const clock = spreadMs >= CLOCK_LABELS_FROM_MS;
  const xTicks = x
    .ticks(Math.max(2, Math.floor((plot.right - plot.left) / 140)))
    .filter((ms) => clock || ms >= firstMs)
    .map((ms) => ({ at: x(ms), label: clock ? clockLabel(ms) : `+${formatDuration((ms - firstMs) * 1e6)}` }));
  const yTicks = durationTicks.map((ns) => ({ at: y(ns), label: formatDuration(ns) }));
  return { points, xTicks, yTicks, plot };
}

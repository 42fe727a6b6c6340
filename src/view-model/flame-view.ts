// Viewport arithmetic shared by both flamegraph modes: zooming around a point, panning,
// fitting and revealing a box, vertical scrolling. Ranges are in layout units (ns for time).

export interface XRange {
  readonly start: number;
  readonly end: number;
}

/** The narrowest range one may zoom to: deep enough for nanosecond spans in a long trace. */
export function minSpanFor(extent: number): number {
  return Math.max(extent * 1e-9, Math.min(extent, 1));
}

/** Keeps the range inside [0, extent] and no narrower than the minimum, moving rather than shrinking it. */
export function clampRange(range: XRange, extent: number): XRange {
  const span = Math.min(extent, Math.max(minSpanFor(extent), range.end - range.start));
  const start = Math.min(Math.max(0, range.start), extent - span);
  return { start, end: start + span };
}

export function isFullRange(range: XRange, extent: number): boolean {
  return range.start <= 0 && range.end >= extent;
}

/**
 * Scales the range by `factor` (< 1 zooms in) keeping the point at `anchor` (0 = left edge,
 * 1 = right edge) where it is on screen.
 */
export function zoomAt(range: XRange, extent: number, factor: number, anchor: number): XRange {
  const span = range.end - range.start;
  const at = range.start + anchor * span;
  const next = Math.min(extent, Math.max(minSpanFor(extent), span * factor));
  return clampRange({ start: at - anchor * next, end: at - anchor * next + next }, extent);
}

export function panBy(range: XRange, extent: number, delta: number): XRange {
  return clampRange({ start: range.start + delta, end: range.end + delta }, extent);
}

/** The range that shows the box with a small margin on each side. */
export function fitBox(start: number, end: number, extent: number): XRange {
  const span = Math.max(end - start, minSpanFor(extent));
  const margin = span * 0.05;
  return clampRange({ start: start - margin, end: start + span + margin }, extent);
}

/**
 * The least movement that brings the box on screen: unchanged when any of it is visible,
 * otherwise panned so that it sits just inside the nearer edge (zoomed out if it is wider).
 */
export function revealBox(range: XRange, extent: number, start: number, end: number): XRange {
  const span = range.end - range.start;
  if (end >= range.start && start <= range.end) return range;
  if (end - start > span) return fitBox(start, end, extent);
  const margin = span * 0.1;
  if (end < range.start) return clampRange({ start: start - margin, end: start - margin + span }, extent);
  return clampRange({ start: end + margin - span, end: end + margin }, extent);
}

export function clampScroll(scrollTop: number, rowCount: number, rowHeight: number, height: number): number {
  return Math.max(0, Math.min(scrollTop, rowCount * rowHeight - height));
}

/** Scroll position that shows the row, moving as little as possible. */
export function revealRow(scrollTop: number, row: number, rowHeight: number, height: number): number {
  const top = row * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return Math.max(0, top + rowHeight - height);
  return scrollTop;
}

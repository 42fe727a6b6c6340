// Zoom windows over the trace: kept inside the trace and never narrower than MIN_ZOOM_NS.
import type { TimeRange } from '../../state/view-store.ts';

const MIN_ZOOM_NS = 10;

/** The range shown: the zoom window, or the whole trace (at least 1 ns wide, so scales stay finite). */
export function shownRange(zoom: TimeRange | null, durationNs: number): TimeRange {
  if (zoom) return zoom;
  return { startNs: 0, endNs: durationNs > 0 ? durationNs : 1 };
}

/** A window between two times (in either order), clamped to the trace; null when it is the whole trace. */
export function zoomBetween(aNs: number, bNs: number, durationNs: number): TimeRange | null {
  const full = Math.max(durationNs, 1);
  let start = Math.max(0, Math.min(aNs, bNs));
  let end = Math.min(full, Math.max(aNs, bNs));
  const minWidth = Math.min(MIN_ZOOM_NS, full);
  if (end - start < minWidth) {
    const mid = (start + end) / 2;
    start = Math.max(0, Math.min(full - minWidth, mid - minWidth / 2));
    end = start + minWidth;
  }
  if (start <= 0 && end >= full) return null;
  return { startNs: start, endNs: end };
}

/** The window moved by `fraction` of its width, stopping at the trace's ends. */
export function panZoom(range: TimeRange, fraction: number, durationNs: number): TimeRange | null {
  const width = range.endNs - range.startNs;
  const start = Math.max(0, Math.min(Math.max(durationNs, 1) - width, range.startNs + fraction * width));
  return zoomBetween(start, start + width, durationNs);
}

/** The window scaled by `factor` (< 1 zooms in) around its middle. */
export function scaleZoom(range: TimeRange, factor: number, durationNs: number): TimeRange | null {
  const mid = (range.startNs + range.endNs) / 2;
  const half = ((range.endNs - range.startNs) * factor) / 2;
  let start = mid - half;
  let end = mid + half;
  // Keep the width when one side hits an end of the trace, by shifting into it.
  if (start < 0) {
    end -= start;
    start = 0;
  }
  const full = Math.max(durationNs, 1);
  if (end > full) {
    start -= end - full;
    end = full;
  }
  return zoomBetween(start, end, durationNs);
}

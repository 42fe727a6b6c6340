// The waterfall minimap as a density image: rows of pixels stand for spans in tree preorder
// (one band per span when there is room, else many spans per pixel row) and columns for time
// over the whole trace. Difference arrays make it O(spans + pixels) however long spans are.
import type { Trace } from '../model/trace.ts';
import { spanEndNs } from '../analysis/self-time.ts';

export interface DensityGrid {
  readonly width: number;
  readonly height: number;
  /** Spans covering each pixel, row-major. */
  readonly counts: Uint32Array;
  /** 1 where an error span covers the pixel. */
  readonly errors: Uint8Array;
  readonly maxCount: number;
  /** Per pixel row, the first span drawn in it (-1 for none): the row takes its service's color. */
  readonly rowSpan: Int32Array;
}

export function minimapDensity(trace: Trace, width: number, height: number): DensityGrid {
  const w = Math.max(1, Math.floor(width));
  const h = Math.max(1, Math.floor(height));
  const { spans, tree } = trace;
  const n = tree.preorder.length;
  const duration = trace.durationNs > 0 ? trace.durationNs : 1;
  const stride = w + 1;
  const diff = new Int32Array(h * stride);
  const errorDiff = new Int32Array(h * stride);
  const rowSpan = new Int32Array(h).fill(-1);
  for (let k = 0; k < n; k++) {
    const i = tree.preorder[k];
    const span = spans[i];
    const y0 = Math.min(h - 1, Math.floor((k * h) / n));
    const y1 = Math.max(y0 + 1, Math.min(h, Math.floor(((k + 1) * h) / n)));
    const x0 = Math.min(w - 1, Math.max(0, Math.floor((span.startNs / duration) * w)));
    const x1 = Math.max(x0 + 1, Math.min(w, Math.ceil((spanEndNs(span.startNs, span.durationNs) / duration) * w)));
    const error = span.status.code === 'error';
    for (let y = y0; y < y1; y++) {
      if (rowSpan[y] === -1) rowSpan[y] = i;
      diff[y * stride + x0]++;
      diff[y * stride + x1]--;
      if (error) {
        errorDiff[y * stride + x0]++;
        errorDiff[y * stride + x1]--;
      }
    }
  }
  const counts = new Uint32Array(w * h);
  const errors = new Uint8Array(w * h);
  let maxCount = 0;
  for (let y = 0; y < h; y++) {
    let run = 0;
    let errorRun = 0;
    for (let x = 0; x < w; x++) {
      run += diff[y * stride + x];
      errorRun += errorDiff[y * stride + x];
      counts[y * w + x] = run;
      if (errorRun > 0) errors[y * w + x] = 1;
      if (run > maxCount) maxCount = run;
    }
  }
  return { width: w, height: h, counts, errors, maxCount, rowSpan };
}

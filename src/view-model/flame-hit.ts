// Which box is under a point of the flamegraph: the inverse of planFrame's geometry.
import { firstEndingFrom, type FlameBoxes } from './flame-boxes.ts';
import { MIN_BOX_PX, type FrameView } from './flame-frame.ts';

/** How far (px) from a sub-pixel mark a pointer may be and still hit it: marks are 1 px wide. */
export const MARK_SLACK_PX = 2;

/** The box drawn under canvas point (px, py) in CSS pixels, or -1. */
export function hitTest(boxes: FlameBoxes, view: FrameView, px: number, py: number): number {
  const { x0, x1, width } = view;
  if (py < view.offsetY || px < 0 || px >= width || !(x1 > x0)) return -1;
  const r = Math.floor((py - view.offsetY + view.scrollTop) / view.rowHeight);
  if (r < 0 || r >= boxes.rowCount) return -1;
  const scale = width / (x1 - x0);
  const t = x0 + px / scale;
  const slack = MARK_SLACK_PX / scale;
  const rowEnd = boxes.rowStart[r + 1];
  let best = -1;
  let bestDistance = Infinity;
  for (let k = firstEndingFrom(boxes, r, t - slack); k < rowEnd; k++) {
    const id = boxes.order[k];
    const s = boxes.start[id];
    if (s > t + slack) break;
    const px0 = (s - x0) * scale;
    const px1 = (boxes.end[id] - x0) * scale;
    let left = px0;
    let right = px1;
    if (px1 - px0 < MIN_BOX_PX) {
      // Drawn as a 1-pixel mark in its column; any slack around it counts.
      left = Math.floor(Math.max(0, px0)) - MARK_SLACK_PX;
      right = left + 1 + 2 * MARK_SLACK_PX;
    }
    if (px >= left && px < right) {
      const distance = px1 - px0 >= MIN_BOX_PX ? 0 : Math.abs(px - (px0 + px1) / 2);
      if (distance === 0) return id;
      if (distance < bestDistance) {
        best = id;
        bestDistance = distance;
      }
    }
  }
  return best;
}

// One frame of a flamegraph, planned without touching a canvas: which boxes are visible, where,
// and with which marks. Culling keeps a frame proportional to what is on screen: only visible
// rows are looked at, and each row is entered by binary search. Boxes narrower than a pixel are
// merged per pixel column into one 1-pixel mark, which carries every mark of the boxes it
// stands for, so a tiny error or search match is never silently missing.
// The plan's buffers are reused from frame to frame: steady-state frames allocate nothing.
import { firstEndingFrom, type FlameBoxes } from './flame-boxes.ts';
import { FLAG_CRITICAL, FLAG_DIM, FLAG_ERROR, FLAG_MATCH, FLAG_SLOWEST } from './flame-highlight.ts';

export interface FrameView {
  /** Layout units at the left and right edges of the drawing area. */
  readonly x0: number;
  readonly x1: number;
  /** Drawing area in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Pixels of rows scrolled off the top. */
  readonly scrollTop: number;
  readonly rowHeight: number;
  /** Canvas y of the drawing area's top (room for an axis above it). */
  readonly offsetY: number;
}

/** Boxes at least this wide (px) are drawn as boxes; narrower ones become merged marks. */
export const MIN_BOX_PX = 1;
/** Boxes at least this wide (px) get a label. */
export const LABEL_MIN_PX = 24;

/** A growable list of rectangles (x, y, w, h) that keeps its storage between frames. */
export class RectList {
  data = new Float32Array(256);
  length = 0;

  push(x: number, y: number, w: number, h: number): void {
    if ((this.length + 1) * 4 > this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const o = this.length * 4;
    this.data[o] = x;
    this.data[o + 1] = y;
    this.data[o + 2] = w;
    this.data[o + 3] = h;
    this.length++;
  }
}

export class FramePlan {
  /** Filled rectangles per color bucket: fills[bucket * 2 + (dimmed ? 1 : 0)]. */
  readonly fills: RectList[];
  readonly critical = new RectList();
  readonly slowest = new RectList();
  readonly error = new RectList();
  readonly match = new RectList();
  /** Parts of boxes beyond their own measure (FlameBoxes.solidEnd), to be washed out. */
  readonly beyond = new RectList();
  /** Vertical lines from a parent's row down to a child drawn further below. */
  readonly connectors = new RectList();
  /** Labelled boxes: id and the visible part of the box. */
  labelIds = new Int32Array(128);
  labelRects = new RectList();
  labelDim = new Uint8Array(128);
  /** Merged sub-pixel marks in this frame and how many boxes they stand for (for tests and the bench). */
  marks = 0;
  markedBoxes = 0;
  /** Boxes drawn at full size. */
  boxesDrawn = 0;

  constructor(bucketCount: number) {
    this.fills = Array.from({ length: bucketCount * 2 }, () => new RectList());
  }

  reset(): void {
    for (const f of this.fills) f.length = 0;
    this.critical.length = 0;
    this.slowest.length = 0;
    this.error.length = 0;
    this.match.length = 0;
    this.connectors.length = 0;
    this.beyond.length = 0;
    this.labelRects.length = 0;
    this.marks = 0;
    this.markedBoxes = 0;
    this.boxesDrawn = 0;
  }

  private pushOverlays(flags: number, x: number, y: number, w: number, h: number): void {
    if ((flags & FLAG_CRITICAL) !== 0) this.critical.push(x, y, w, h);
    if ((flags & FLAG_SLOWEST) !== 0) this.slowest.push(x, y, w, h);
    if ((flags & FLAG_ERROR) !== 0) this.error.push(x, y, w, h);
    if ((flags & FLAG_MATCH) !== 0) this.match.push(x, y, w, h);
  }

  addRect(bucket: number, flags: number, x: number, y: number, w: number, h: number): void {
    this.fills[bucket * 2 + ((flags & FLAG_DIM) !== 0 ? 1 : 0)].push(x, y, w, h);
    this.pushOverlays(flags, x, y, w, h);
  }

  addLabel(id: number, dim: boolean, x: number, y: number, w: number, h: number): void {
    const k = this.labelRects.length;
    if (k >= this.labelIds.length) {
      const ids = new Int32Array(this.labelIds.length * 2);
      ids.set(this.labelIds);
      this.labelIds = ids;
      const dims = new Uint8Array(this.labelDim.length * 2);
      dims.set(this.labelDim);
      this.labelDim = dims;
    }
    this.labelIds[k] = id;
    this.labelDim[k] = dim ? 1 : 0;
    this.labelRects.push(x, y, w, h);
  }
}

/** First and last (exclusive) rows with any part inside the drawing area. */
export function visibleRows(rowCount: number, view: FrameView): [number, number] {
  const first = Math.max(0, Math.floor(view.scrollTop / view.rowHeight));
  const last = Math.min(rowCount, Math.ceil((view.scrollTop + view.height) / view.rowHeight));
  return [first, Math.max(first, last)];
}

/**
 * Fills `plan` with the frame for `view`. bucketOf gives each box's color bucket (< the plan's
 * bucket count), flags its FLAG_* marks.
 */
export function planFrame(
  boxes: FlameBoxes,
  bucketOf: Uint8Array,
  flags: Uint8Array,
  view: FrameView,
  plan: FramePlan,
): void {
  plan.reset();
  const { start, end, order, parentRow, solidEnd } = boxes;
  const { x0, x1, width, rowHeight } = view;
  if (!(x1 > x0) || width <= 0) return;
  const scale = width / (x1 - x0);
  const h = rowHeight > 2 ? rowHeight - 1 : rowHeight;
  const [firstRow, lastRow] = visibleRows(boxes.rowCount, view);
  for (let r = firstRow; r < lastRow; r++) {
    const y = view.offsetY + r * rowHeight - view.scrollTop;
    const rowEnd = boxes.rowStart[r + 1];
    // The pending merged mark: its pixel column, color, OR of marks, and whether all its boxes are dimmed.
    let markCol = -1;
    let markBucket = 0;
    let markFlags = 0;
    let markBoxes = 0;
    for (let k = firstEndingFrom(boxes, r, x0); k < rowEnd; k++) {
      const id = order[k];
      const s = start[id];
      if (s > x1) break;
      const px0 = (s - x0) * scale;
      const px1 = (end[id] - x0) * scale;
      const f = flags[id];
      if (px1 - px0 >= MIN_BOX_PX) {
        if (markBoxes > 0) {
          plan.addRect(markBucket, markFlags, markCol, y, 1, h);
          plan.marks++;
          plan.markedBoxes += markBoxes;
          markBoxes = 0;
        }
        // Clipping to just outside the area keeps coordinates small at extreme zoom.
        const left = px0 < -2 ? -2 : px0;
        const right = px1 > width + 2 ? width + 2 : px1;
        // A hairline gap separates neighbours that touch.
        const w = right - left >= 4 ? right - left - 1 : right - left;
        plan.addRect(bucketOf[id], f, left, y, w, h);
        plan.boxesDrawn++;
        if (solidEnd !== undefined && solidEnd[id] < end[id]) {
          const solid = (solidEnd[id] - x0) * scale;
          const from = solid > left ? solid : left;
          if (left + w - from >= 1) plan.beyond.push(from, y, left + w - from, h);
        }
        if (parentRow !== undefined && parentRow[id] >= 0 && r - parentRow[id] > 1 && px0 >= 0) {
          const top = view.offsetY + (parentRow[id] + 1) * rowHeight - view.scrollTop;
          plan.connectors.push(left, top, 1, y - top);
        }
        const visLeft = left < 0 ? 0 : left;
        const visRight = right > width ? width : right;
        if (visRight - visLeft >= LABEL_MIN_PX && rowHeight >= 10) {
          plan.addLabel(id, (f & FLAG_DIM) !== 0, visLeft, y, visRight - visLeft - 1, h);
        }
        continue;
      }
      const col = px0 < 0 ? 0 : px0 >= width ? Math.ceil(width) - 1 : Math.floor(px0);
      if (markBoxes > 0 && col === markCol) {
        // An undimmed box gives the mark its color, so a match inside a dimmed crowd shows.
        if ((markFlags & FLAG_DIM) !== 0 && (f & FLAG_DIM) === 0) markBucket = bucketOf[id];
        markFlags = ((markFlags | f) & ~FLAG_DIM) | (markFlags & f & FLAG_DIM);
        markBoxes++;
        continue;
      }
      if (markBoxes > 0) {
        plan.addRect(markBucket, markFlags, markCol, y, 1, h);
        plan.marks++;
        plan.markedBoxes += markBoxes;
      }
      markCol = col;
      markBucket = bucketOf[id];
      markFlags = f;
      markBoxes = 1;
    }
    if (markBoxes > 0) {
      plan.addRect(markBucket, markFlags, markCol, y, 1, h);
      plan.marks++;
      plan.markedBoxes += markBoxes;
    }
  }
}

// The drawable form shared by both flamegraph modes: boxes on rows, x in layout units (ns for
// the time-ordered chart). Rows are stored so that one frame can find its visible boxes by
// binary search instead of scanning every box.

export interface FlameBoxes {
  readonly count: number;
  /** Left edge of each box, in layout units. */
  readonly start: Float64Array;
  /** Right edge (>= start). */
  readonly end: Float64Array;
  readonly row: Int32Array;
  readonly rowCount: number;
  /**
   * Box ids of row r are order[rowStart[r] .. rowStart[r + 1]), sorted by start. Boxes on one
   * row never overlap, so their ends ascend too.
   */
  readonly rowStart: Int32Array;
  readonly order: Int32Array;
  /** Layout units covered: every box lies in [0, extent]. */
  readonly extent: number;
  /**
   * Row of each box's parent (-1 for none), where a box can sit further down than the row
   * right under its parent; a connector then shows whose child it is.
   */
  readonly parentRow?: Int32Array;
  /**
   * Where each box's own measure ends when the box is drawn wider than it (an aggregated node
   * widened to hold its children); the rest of the box is drawn washed out.
   */
  readonly solidEnd?: Float64Array;
}

/**
 * Groups boxes by row. `placementOrder` lists every box in an order in which each row's boxes
 * already ascend by start (both layouts place boxes that way), so this is a counting sort.
 */
export function boxesByRow(
  start: Float64Array,
  end: Float64Array,
  row: Int32Array,
  rowCount: number,
  placementOrder: Int32Array,
  extent: number,
): FlameBoxes {
  const count = row.length;
  const rowStart = new Int32Array(rowCount + 1);
  for (let i = 0; i < count; i++) rowStart[row[i] + 1]++;
  for (let r = 0; r < rowCount; r++) rowStart[r + 1] += rowStart[r];
  const fill = rowStart.slice(0, rowCount);
  const order = new Int32Array(count);
  for (let k = 0; k < placementOrder.length; k++) {
    const id = placementOrder[k];
    order[fill[row[id]]++] = id;
  }
  return { count, start, end, row, rowCount, rowStart, order, extent };
}

/**
 * Position in `order` of the first box of row r that ends at or after x (rowStart[r + 1] if
 * none). "At" keeps zero-length boxes at the very start of the view.
 */
export function firstEndingFrom(boxes: FlameBoxes, r: number, x: number): number {
  const { order, end } = boxes;
  let lo = boxes.rowStart[r];
  let hi = boxes.rowStart[r + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (end[order[mid]] >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

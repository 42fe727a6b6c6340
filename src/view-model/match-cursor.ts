// Moving through search matches: the next or previous match relative to the selected span,
// in tree order, wrapping around at the ends.

/** First position in `matches` (span indexes in preorder) whose preorder rank is above `r`. */
function firstAfter(matches: Int32Array, rank: Int32Array, r: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rank[matches[mid]] <= r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of `span` among the matches, or -1. */
export function matchPosition(matches: Int32Array, rank: Int32Array, span: number | null): number {
  if (span === null || span < 0 || span >= rank.length) return -1;
  const at = firstAfter(matches, rank, rank[span]) - 1;
  return at >= 0 && matches[at] === span ? at : -1;
}

/**
 * Position of the match to go to from `from` (the selected span, or null to start at an end):
 * the first match after it in tree order (direction 1) or the last before it (-1). -1 when
 * there are no matches.
 */
export function stepMatch(matches: Int32Array, rank: Int32Array, from: number | null, direction: 1 | -1): number {
  const count = matches.length;
  if (count === 0) return -1;
  if (from === null || from < 0 || from >= rank.length) return direction === 1 ? 0 : count - 1;
  const after = firstAfter(matches, rank, rank[from]);
  if (direction === 1) return after === count ? 0 : after;
  const before = matches[after - 1] === from ? after - 2 : after - 1;
  return before < 0 ? count - 1 : before;
}

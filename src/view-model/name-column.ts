// The waterfall's name column: which rows repeat their service, and how wide the column must
// be for the names it holds.
import type { Trace } from '../model/trace.ts';

/** Average width of a character of the row font (14px system sans-serif), in px. */
const CHAR_PX = 7.5;
/**
 * Toggle, swatch, gaps and padding of a row, and room for a short badge ("200", "grpc"):
 * badges are read from attributes, which are decoded only when a row is drawn, so they are
 * not measured here.
 */
const ROW_CHROME_PX = 64 + 48;

/**
 * True when the row should name its service: a root, or a span whose parent is of another
 * service. Below that the service repeats, and the name needs the room more.
 */
export function showsService(trace: Trace, span: number): boolean {
  const parent = trace.tree.parent[span];
  return parent === -1 || trace.spans[parent].serviceName !== trace.spans[span].serviceName;
}

/**
 * The width, in px, at which the longest row's indent, service (where shown) and name fit,
 * kept within [minPx, maxPx]. One pass over the spans; called once per trace.
 */
export function fittingNameWidth(
  trace: Trace,
  indentStepPx: number,
  maxIndentLevels: number,
  minPx: number,
  maxPx: number,
): number {
  let widest = 0;
  const { spans, tree } = trace;
  for (let i = 0; i < spans.length; i++) {
    const chars = spans[i].name.length + (showsService(trace, i) ? spans[i].serviceName.length + 1 : 0);
    const px = Math.min(tree.depth[i], maxIndentLevels) * indentStepPx + chars * CHAR_PX;
    if (px > widest) widest = px;
    if (widest + ROW_CHROME_PX >= maxPx) break;
  }
  return Math.round(Math.max(minPx, Math.min(maxPx, widest + ROW_CHROME_PX)));
}

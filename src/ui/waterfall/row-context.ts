import type { ScaleLinear } from 'd3-scale';
import type { CriticalSection } from '../../analysis/critical-path.ts';
import type { Trace } from '../../model/trace.ts';

/** What every row needs and that stays the same from row to row: one stable object per render state. */
export interface RowContext {
  readonly trace: Trace;
  readonly selfNs: Float64Array;
  readonly isSlowest: Uint8Array;
  readonly onCriticalPath: Uint8Array;
  readonly criticalBySpan: ReadonlyMap<number, readonly CriticalSection[]>;
  /** Nanoseconds since the trace start to percent of the timeline column. */
  readonly scale: ScaleLinear<number, number>;
  /** Pixels of indent per tree level. */
  readonly indentStep: number;
  readonly idPrefix: string;
  /** Bars take the colour of their GenAI step kind (other spans grey) instead of their service's. */
  readonly colorByKind?: boolean;
  onToggle(span: number, wholeSubtree: boolean): void;
  onSelect(span: number): void;
}

export const WATERFALL_ROW_HEIGHT = 24;
/** Deeper levels are not indented further (the row still says its depth), so names stay readable. */
export const MAX_INDENT_LEVELS = 40;

export function rowId(idPrefix: string, span: number): string {
  return `${idPrefix}-row-${span}`;
}

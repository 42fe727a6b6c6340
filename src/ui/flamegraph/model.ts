// What the flamegraph canvas needs to know about one mode's boxes; each mode builds one.
import type { FlameBoxes } from '../../view-model/flame-boxes.ts';
import type { NavTree } from '../../view-model/flame-nav.ts';
import type { TooltipLine } from '../../view-model/span-tooltip.ts';
import type { FlamePalette } from './palette.ts';

export interface FlameModel {
  readonly boxes: FlameBoxes;
  /** Palette bucket per box. */
  readonly bucketOf: Uint8Array;
  /** FLAG_* marks per box. */
  readonly flags: Uint8Array;
  readonly palette: FlamePalette;
  readonly nav: NavTree;
  /** 'time': x is time since the trace start; 'total': x is summed time of merged spans. */
  readonly axis: 'time' | 'total';
  /** The box label. */
  name(id: number): string;
  /** Appended to the label when there is room (e.g. the duration). */
  extra(id: number): string;
  describe(id: number): TooltipLine[];
  /** One sentence for screen readers. */
  summary(id: number): string;
  spanIdOf(id: number): string | undefined;
}

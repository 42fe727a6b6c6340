// Where a span lies outside its parent's time, said in words for the row and the detail pane:
// "starts 32 ms before GET /dispatch". The tree builder warns about the same spans
// ('clock-skew' in model/tree.ts); this names the amount and the parent, which a reader
// needs to judge whether it is a clock that drifted or work that outlived its caller.
import type { Trace } from '../model/trace.ts';
import { boundedLabel } from './bounded-text.ts';
import { formatDuration } from './duration.ts';

export interface ClockSkew {
  /** How long before the parent's start the span starts; 0 when it does not. */
  readonly beforeNs: number;
  /** How long after the parent's end the span ends; 0 when it does not. */
  readonly afterNs: number;
  /** One sentence without the span's own name, e.g. "starts 32 ms before GET /dispatch". */
  readonly text: string;
}

/** The span's skew against its parent, or undefined when it lies inside it (or has no parent). */
export function clockSkewOf(trace: Trace, span: number): ClockSkew | undefined {
  const p = trace.tree.parent[span];
  if (p === undefined || p < 0) return undefined;
  const s = trace.spans[span];
  const parent = trace.spans[p];
  const beforeNs = Math.max(0, parent.startNs - s.startNs);
  const afterNs = Math.max(0, s.startNs + s.durationNs - (parent.startNs + parent.durationNs));
  if (!(beforeNs > 0) && !(afterNs > 0)) return undefined;
  const parentName = parent.name === '' ? 'its parent' : boundedLabel(parent.name);
  const parts = [
    beforeNs > 0 ? `starts ${formatDuration(beforeNs)} before` : '',
    afterNs > 0 ? `ends ${formatDuration(afterNs)} after` : '',
  ].filter((part) => part !== '');
  return { beforeNs, afterNs, text: `${parts.join(' and ')} ${parentName}` };
}

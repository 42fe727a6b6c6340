// The flamegraph's tooltip: the exact values of one box, placed beside the pointer (or beside
// the keyboard cursor's box) and flipped to stay inside the canvas.
import type { Ref } from 'react';
import { AXIS_HEIGHT } from './constants.ts';
import type { FlameModel } from './model.ts';
import { TooltipLines } from '../TooltipLines.tsx';

export function FlameTooltip({ model, id, ref }: { model: FlameModel; id: number; ref: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} className="flame-tooltip" role="tooltip">
      <TooltipLines lines={model.describe(id)} />
    </div>
  );
}

/** Puts the tooltip next to (x, y) in canvas pixels, on the side with room. Done on the element
 * directly: the pointer moves far more often than the hovered box changes. */
export function placeTooltip(tip: HTMLElement, x: number, y: number, width: number, height: number): void {
  const flipX = x > width * 0.6;
  const flipY = y + AXIS_HEIGHT > height * 0.6;
  tip.style.left = `${x}px`;
  tip.style.top = `${flipY ? y - 12 : y + 18}px`;
  tip.style.transform = `translate(${flipX ? 'calc(-100% - 12px)' : '12px'}, ${flipY ? '-100%' : '0'})`;
}

// The waterfall's rich tooltip: hovering a bar shows what the flamegraph shows for the same span
// (the lines come from one builder), beside the pointer and kept inside the window. One element
// for the whole list, in a portal: the list's `contain: strict` would clip it.
import { type PointerEvent, type ReactNode, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { spanTooltipLines } from '../../view-model/span-tooltip.ts';
import { TooltipLines } from '../TooltipLines.tsx';
import type { RowContext } from './row-context.ts';

/** The parts of a timeline cell that are the span's bar; the event marks keep their own titles. */
const BAR_PARTS = '.wf-bar, .wf-children, .wf-slow-self, .wf-critical, .wf-first-token-wait';
const GAP_PX = 14;
const EDGE_PX = 4;

/** Beside (x, y) in window pixels, on the side with room, never past the window's edges. */
function place(tip: HTMLElement, x: number, y: number): void {
  const { width, height } = tip.getBoundingClientRect();
  let left = x + GAP_PX;
  if (left + width > window.innerWidth - EDGE_PX) left = x - GAP_PX - width;
  let top = y + GAP_PX;
  if (top + height > window.innerHeight - EDGE_PX) top = y - GAP_PX - height;
  tip.style.left = `${Math.max(EDGE_PX, left)}px`;
  tip.style.top = `${Math.max(EDGE_PX, top)}px`;
}

export interface BarTooltip {
  onPointerMove(e: PointerEvent<HTMLElement>): void;
  hide(): void;
  readonly element: ReactNode;
}

export function useBarTooltip(ctx: RowContext): BarTooltip {
  const [span, setSpan] = useState<number | null>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const pointer = useRef({ x: 0, y: 0 });

  const onPointerMove = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      pointer.current = { x: e.clientX, y: e.clientY };
      const part = e.target instanceof Element ? e.target.closest(BAR_PARTS) : null;
      const cell = part?.closest<HTMLElement>('[data-span-index]');
      const next = cell ? Number(cell.dataset.spanIndex) : null;
      if (next !== span) setSpan(next);
      else if (tipRef.current) place(tipRef.current, e.clientX, e.clientY);
    },
    [span],
  );
  const hide = useCallback(() => setSpan(null), []);

  // A new span's tooltip has a new size: it is placed once it is drawn.
  useLayoutEffect(() => {
    if (span !== null && tipRef.current) place(tipRef.current, pointer.current.x, pointer.current.y);
  }, [span]);

  const shown = span !== null && span < ctx.trace.spans.length ? span : null;
  const element =
    shown === null
      ? null
      : createPortal(
          <div ref={tipRef} className="span-tooltip" role="tooltip" data-testid="bar-tooltip">
            <TooltipLines lines={spanTooltipLines(ctx.trace, shown, ctx)} />
          </div>,
          document.body,
        );
  return { onPointerMove, hide, element };
}

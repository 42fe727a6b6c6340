// Pointer input on the flamegraph: hover, click, drag to pan, double-click to fit a box, wheel
// and pinch to zoom (Shift+wheel scrolls rows), and dragging the overview strip.
import { useEffect, useRef, type MouseEvent, type PointerEvent } from 'react';
import { hitTest } from '../../view-model/flame-hit.ts';
import { panBy, zoomAt, type XRange } from '../../view-model/flame-view.ts';
import { MINIMAP_HEIGHT, FLAME_ROW_HEIGHT } from './constants.ts';
import { overviewRowHeight } from './minimap.ts';
import { extentOf, rowsHeight, viewOf, type FlameViewport } from './use-flame-viewport.ts';

const DRAG_THRESHOLD_PX = 4;

interface Drag {
  readonly x: number;
  readonly y: number;
  readonly range: XRange;
  readonly scrollTop: number;
  moved: boolean;
}

export interface PointerCallbacks {
  /** The box under the pointer (-1 for none), and where the pointer is on the canvas. */
  onHover(id: number, at: { x: number; y: number }): void;
  /** The pointer left, or started a drag: no box is hovered. */
  onUnhover(): void;
  onActivate(id: number): void;
}

/** Keeps a drag going outside the element; a pointer the browser does not know (a synthetic event) just is not captured. */
function capture(el: Element, pointerId: number): void {
  try {
    el.setPointerCapture?.(pointerId);
  } catch {
    // Dragging still works while the pointer stays over the element.
  }
}

export function useFlamePointer(viewport: FlameViewport, callbacks: PointerCallbacks) {
  const { canvasRef, containerRef, live, commitRange, scrollTo } = viewport;
  const drag = useRef<Drag | null>(null);
  const minimapDrag = useRef(false);

  const pointAt = (clientX: number, clientY: number): { x: number; y: number } => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: clientX - rect.left, y: clientY - rect.top };
  };
  const boxAt = (x: number, y: number): number => hitTest(live.current.model.boxes, viewOf(live.current), x, y);

  // Wheel zoom needs preventDefault, which React's passive wheel listener cannot do.
  useEffect(() => {
    const el = containerRef.current;
    if (el === null) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const s = live.current;
      if (s.width <= 0) return;
      const unit = e.deltaMode === 1 ? FLAME_ROW_HEIGHT : e.deltaMode === 2 ? s.height : 1;
      const dx = e.deltaX * unit;
      const dy = e.deltaY * unit;
      if (e.shiftKey) {
        scrollTo(s.scrollTop + (dy !== 0 ? dy : dx));
        return;
      }
      const extent = extentOf(s.model);
      let next = s.range;
      if (dy !== 0) {
        // Pinch arrives as ctrl+wheel with small deltas; give it the same feel as a wheel notch.
        const factor = Math.exp(dy * (e.ctrlKey ? 0.01 : 0.002));
        const x = e.clientX - (canvasRef.current ?? el).getBoundingClientRect().left;
        next = zoomAt(next, extent, factor, Math.min(1, Math.max(0, x / s.width)));
      }
      if (dx !== 0) next = panBy(next, extent, (dx * (next.end - next.start)) / s.width);
      commitRange(next);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [containerRef, canvasRef, live, commitRange, scrollTo]);

  const surface = {
    onPointerDown(e: PointerEvent<HTMLDivElement>) {
      if (e.button !== 0) return;
      const s = live.current;
      drag.current = { x: e.clientX, y: e.clientY, range: s.range, scrollTop: s.scrollTop, moved: false };
      capture(e.currentTarget, e.pointerId);
    },
    onPointerMove(e: PointerEvent<HTMLDivElement>) {
      const d = drag.current;
      if (d === null) {
        const p = pointAt(e.clientX, e.clientY);
        callbacks.onHover(boxAt(p.x, p.y), p);
        return;
      }
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (!d.moved && Math.abs(dx) + Math.abs(dy) < DRAG_THRESHOLD_PX) return;
      if (!d.moved) {
        d.moved = true;
        callbacks.onUnhover();
      }
      const s = live.current;
      commitRange(panBy(d.range, extentOf(s.model), (-dx * (d.range.end - d.range.start)) / Math.max(1, s.width)));
      scrollTo(d.scrollTop - dy);
    },
    onPointerUp(e: PointerEvent<HTMLDivElement>) {
      const d = drag.current;
      drag.current = null;
      if (e.currentTarget.hasPointerCapture?.(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
      if (d === null || d.moved) return;
      const p = pointAt(e.clientX, e.clientY);
      const id = boxAt(p.x, p.y);
      if (id >= 0) callbacks.onActivate(id);
    },
    onPointerCancel() {
      drag.current = null;
    },
    onPointerLeave() {
      if (drag.current === null) callbacks.onUnhover();
    },
    onDoubleClick(e: MouseEvent<HTMLDivElement>) {
      const p = pointAt(e.clientX, e.clientY);
      const id = boxAt(p.x, p.y);
      if (id >= 0) viewport.fitBox(id);
    },
  };

  const minimapMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const s = live.current;
    const rect = e.currentTarget.getBoundingClientRect();
    const extent = extentOf(s.model);
    const span = s.range.end - s.range.start;
    const center = ((e.clientX - rect.left) / Math.max(1, rect.width)) * extent;
    commitRange(panBy({ start: center - span / 2, end: center + span / 2 }, extent, 0));
    const rowH = overviewRowHeight(s.model.boxes.rowCount, MINIMAP_HEIGHT);
    const row = (e.clientY - rect.top) / rowH;
    scrollTo(row * FLAME_ROW_HEIGHT - rowsHeight(s.height) / 2);
  };

  const overview = {
    onPointerDown(e: PointerEvent<HTMLCanvasElement>) {
      minimapDrag.current = true;
      capture(e.currentTarget, e.pointerId);
      minimapMove(e);
    },
    onPointerMove(e: PointerEvent<HTMLCanvasElement>) {
      if (minimapDrag.current) minimapMove(e);
    },
    onPointerUp() {
      minimapDrag.current = false;
    },
  };

  return { surface, overview };
}

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useTraceStore } from '../../state/trace-store.ts';
import { clampPanelWidth, maxPanelWidth, MIN_PANEL_WIDTH, storePanelWidth, storedPanelWidth } from './panel-width.ts';
import './detail.css';

const KEY_STEP_PX = 24;
const KEY_BIG_STEP_PX = 96;

function close(): void {
  useTraceStore.getState().selectSpan(null);
}

/** The right-hand panel beside the views: drag its left edge (or focus it and use the arrow keys) to resize. */
export function SidePanel({ children }: { children: ReactNode }) {
  const [width, setWidth] = useState(storedPanelWidth);
  const drag = useRef<{ x: number; width: number } | null>(null);

  useEffect(() => {
    storePanelWidth(width);
  }, [width]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { x: e.clientX, width };
  };
  // The handle is on the left edge, so moving the pointer left widens the panel.
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setWidth(clampPanelWidth(drag.current.width + drag.current.x - e.clientX));
  };
  const onHandleKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? KEY_BIG_STEP_PX : KEY_STEP_PX;
    let next: number;
    if (e.key === 'ArrowLeft') next = width + step;
    else if (e.key === 'ArrowRight') next = width - step;
    else if (e.key === 'Home') next = MIN_PANEL_WIDTH;
    else if (e.key === 'End') next = maxPanelWidth();
    else return;
    e.preventDefault();
    setWidth(clampPanelWidth(next));
  };
  const onPanelKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // Escape inside a text field clears or leaves the field first; it closes the panel only from elsewhere.
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    e.preventDefault();
    close();
  };

  return (
    <aside
      className="side-panel"
      style={{ width }}
      aria-label="Span details"
      data-testid="side-panel"
      onKeyDown={onPanelKey}
    >
      <div
        className="side-panel__handle"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the details panel"
        aria-valuenow={width}
        aria-valuemin={MIN_PANEL_WIDTH}
        aria-valuemax={maxPanelWidth()}
        tabIndex={0}
        title="Drag, or use the arrow keys, to resize the details panel"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={onHandleKey}
        data-testid="side-panel-resizer"
      />
      <button
        type="button"
        className="side-panel__close"
        onClick={close}
        aria-label="Close span details"
        title="Close (Esc)"
      >
        ×
      </button>
      <div className="side-panel__body">{children}</div>
    </aside>
  );
}

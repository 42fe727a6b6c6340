import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export const MIN_NAME_WIDTH = 160;
export const MAX_NAME_WIDTH = 1200;
const KEY_STEP_PX = 16;
const KEY_BIG_STEP_PX = 64;

/** The drag handle between the name and timeline columns; arrow keys resize it when focused. */
export function NameColumnResizer({ width, onChange }: { width: number; onChange: (width: number) => void }) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.max(MIN_NAME_WIDTH, Math.min(MAX_NAME_WIDTH, w)));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    start.current = { x: e.clientX, width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (start.current) onChange(clamp(start.current.width + e.clientX - start.current.x));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? KEY_BIG_STEP_PX : KEY_STEP_PX;
    let next: number;
    if (e.key === 'ArrowLeft') next = width - step;
    else if (e.key === 'ArrowRight') next = width + step;
    else if (e.key === 'Home') next = MIN_NAME_WIDTH;
    else if (e.key === 'End') next = MAX_NAME_WIDTH;
    else return;
    e.preventDefault();
    onChange(clamp(next));
  };

  return (
    <div
      className="wf-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the name column"
      aria-valuenow={width}
      aria-valuemin={MIN_NAME_WIDTH}
      aria-valuemax={MAX_NAME_WIDTH}
      tabIndex={0}
      title="Drag, or use the arrow keys, to resize the name column"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onPointerCancel={() => (start.current = null)}
      onKeyDown={onKeyDown}
      data-testid="name-resizer"
    />
  );
}

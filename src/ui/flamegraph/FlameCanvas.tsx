// The interactive flamegraph canvas shared by both modes. It composes the viewport (range,
// scroll, draw loop), pointer and keyboard input, and the tooltip, and gives screen readers a
// live text description of the hovered or selected box.
import { useLayoutEffect, useRef, useState } from 'react';
import type { XRange } from '../../view-model/flame-view.ts';
import { AXIS_HEIGHT, FLAME_ROW_HEIGHT } from './constants.ts';
import { FlameTooltip, placeTooltip } from './FlameTooltip.tsx';
import type { FlameModel } from './model.ts';
import { useFlameKeys, ZOOM_STEP } from './use-flame-keys.ts';
import { useFlamePointer } from './use-flame-pointer.ts';
import { useFlameViewport } from './use-flame-viewport.ts';
import { useFlameTheme } from './useFlameTheme.ts';

export interface FlameCanvasProps {
  readonly model: FlameModel;
  readonly range: XRange;
  onRange(range: XRange): void;
  /** The box keyboard moves start from (the selection, in time order); -1 for none. */
  readonly cursor: number;
  onCursor(id: number): void;
  /** Click or Enter on a box. */
  onActivate(id: number): void;
  /** Exposed as data-selected-span-id when no box of this model is hovered or under the cursor. */
  readonly fallbackSpanId?: string;
  readonly label: string;
}

/** The mouse gestures only, short enough for a 1024 px window with the detail pane open; the
 * keys are in the shortcuts list (?) and in the title. */
const HINT = 'Wheel: zoom · drag: pan · double-click: zoom in · ?: all keys';
const HINT_TITLE =
  'Wheel or pinch: zoom · drag: pan · double-click or z: zoom to a box · arrows: parent, child, siblings · ' +
  'Enter: select · +/- or w/s: zoom · a/d or Shift+arrows: pan · Shift+wheel: scroll rows · 0: reset';

export function FlameCanvas(props: FlameCanvasProps) {
  const { model, range, cursor, onRange, onCursor, onActivate } = props;
  const theme = useFlameTheme();
  const [hovered, setHovered] = useState(-1);
  // After a keyboard move the tooltip describes the cursor's box, as hovering would.
  const [keyTip, setKeyTip] = useState(false);
  const viewport = useFlameViewport({ model, range, cursor, hovered, theme, onRange });
  const { containerRef, canvasRef, minimapRef, live } = viewport;
  const tooltipRef = useRef<HTMLDivElement>(null);
  const pointer = useRef({ x: 0, y: 0 });

  const positionTooltip = () => {
    const tip = tooltipRef.current;
    if (tip === null) return;
    const s = live.current;
    let { x, y } = pointer.current;
    if (hovered < 0 && keyTip && cursor >= 0 && cursor < s.model.boxes.count) {
      const { boxes } = s.model;
      const scale = s.width / (s.range.end - s.range.start);
      const mid = ((boxes.start[cursor] + boxes.end[cursor]) / 2 - s.range.start) * scale;
      x = Math.min(s.width - 8, Math.max(8, mid));
      y = AXIS_HEIGHT + boxes.row[cursor] * FLAME_ROW_HEIGHT - s.scrollTop + FLAME_ROW_HEIGHT / 2;
    }
    placeTooltip(tip, x, y, s.width, s.height);
  };
  // A tooltip that just appeared is placed once it exists.
  useLayoutEffect(positionTooltip);

  const { surface, overview } = useFlamePointer(viewport, {
    onHover(id, at) {
      pointer.current = at;
      setKeyTip(false);
      setHovered(id);
      positionTooltip();
    },
    onUnhover: () => setHovered(-1),
    onActivate,
  });

  const onKeyDown = useFlameKeys(viewport, {
    onCursor(id) {
      setHovered(-1);
      setKeyTip(true);
      onCursor(id);
    },
    onActivate,
    onDismiss() {
      setHovered(-1);
      setKeyTip(false);
    },
  });

  const spanId =
    (hovered >= 0 ? model.spanIdOf(hovered) : undefined) ??
    (cursor >= 0 ? model.spanIdOf(cursor) : undefined) ??
    props.fallbackSpanId;
  const tipId = hovered >= 0 ? hovered : keyTip ? cursor : -1;
  const liveText = hovered >= 0 ? model.summary(hovered) : cursor >= 0 ? `Selected: ${model.summary(cursor)}` : '';

  return (
    <div className="flame-canvas">
      <div className="flame-controls">
        <button type="button" onClick={() => viewport.zoomBy(ZOOM_STEP)} aria-label="Zoom in" title="Zoom in (+ or w)">
          +
        </button>
        <button
          type="button"
          onClick={() => viewport.zoomBy(1 / ZOOM_STEP)}
          aria-label="Zoom out"
          title="Zoom out (- or s)"
        >
          −
        </button>
        <button type="button" onClick={viewport.reset} title="Show everything (0)">
          Reset zoom
        </button>
        <span className="flame-hint" title={HINT_TITLE} data-testid="flame-hint">
          {HINT}
        </span>
      </div>
      <canvas
        ref={minimapRef}
        className="flame-minimap"
        role="img"
        aria-label="Overview of the whole layout; the framed window is the part shown below"
        {...overview}
      />
      <div className="flame-stage">
        <div
          ref={containerRef}
          className="flame-surface"
          data-testid="flamegraph"
          data-selected-span-id={spanId}
          data-row-count={model.boxes.rowCount}
          data-range-start={range.start}
          data-range-end={range.end}
          tabIndex={0}
          role="application"
          aria-roledescription="flamegraph"
          aria-label={props.label}
          {...surface}
          onBlur={() => setKeyTip(false)}
          onKeyDown={onKeyDown}
        >
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a canvas is not focusable; the surface around it is, and is labelled */}
          <canvas ref={canvasRef} aria-hidden="true" />
        </div>
        {tipId >= 0 && tipId < model.boxes.count && <FlameTooltip ref={tooltipRef} model={model} id={tipId} />}
        <div className="visually-hidden" aria-live="polite" data-testid="flamegraph-live">
          {liveText}
        </div>
      </div>
    </div>
  );
}

// The interactive flamegraph canvas shared by both modes: zoom (wheel, pinch, keys), pan
// (drag, keys, overview), hover tooltip, click and keyboard selection, with a live text
// description for screen readers. Drawing happens in requestAnimationFrame, only when
// something changed; pointer and wheel input update the view directly and then the store.
import {
  useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent,
} from 'react';
import type { FrameView } from '../../view-model/flame-frame.ts';
import { hitTest } from '../../view-model/flame-hit.ts';
import { navigate, type FlameMove } from '../../view-model/flame-nav.ts';
import {
  clampScroll, fitBox, panBy, revealBox, revealRow, zoomAt, type XRange,
} from '../../view-model/flame-view.ts';
import { AXIS_HEIGHT, MINIMAP_HEIGHT, ROW_HEIGHT } from './constants.ts';
import { FlameRenderer, type FrameState } from './draw.ts';
import { MinimapRenderer, overviewRowHeight } from './minimap.ts';
import type { FlameModel } from './model.ts';
import type { FlameTheme } from './theme-colors.ts';
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

const HINT =
  'Wheel or pinch: zoom · drag: pan · double-click or z: zoom to a box · arrows: parent, child, siblings · ' +
  'Enter: select · +/- or w/s: zoom · a/d or Shift+arrows: pan · Shift+wheel: scroll rows · 0: reset';
const ZOOM_STEP = 0.7;
const MOVES: Readonly<Record<string, FlameMove>> = { ArrowUp: 'parent', ArrowDown: 'child', ArrowLeft: 'prev', ArrowRight: 'next' };
const PAN_STEP = 0.15;
const DRAG_THRESHOLD_PX = 4;

interface Live {
  model: FlameModel;
  range: XRange;
  scrollTop: number;
  width: number;
  height: number;
  cursor: number;
  hovered: number;
  theme: FlameTheme;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Drag {
  readonly x: number;
  readonly y: number;
  readonly range: XRange;
  readonly scrollTop: number;
  moved: boolean;
}

function extentOf(model: FlameModel): number {
  return model.boxes.extent > 0 ? model.boxes.extent : 1;
}

function rowsHeight(height: number): number {
  return Math.max(0, height - AXIS_HEIGHT);
}

export function viewOf(live: Pick<Live, 'range' | 'scrollTop' | 'width' | 'height'>): FrameView {
  return {
    x0: live.range.start,
    x1: live.range.end,
    width: live.width,
    height: rowsHeight(live.height),
    scrollTop: live.scrollTop,
    rowHeight: ROW_HEIGHT,
    offsetY: AXIS_HEIGHT,
  };
}

/** Keeps a drag going outside the element; a pointer the browser does not know (a synthetic event) just is not captured. */
function capture(el: Element, pointerId: number): void {
  try {
    el.setPointerCapture?.(pointerId);
  } catch {
    // Dragging still works while the pointer stays over the element.
  }
}

function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number, dpr: number): void {
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  // Assigning the size clears the canvas, even to the same value: only do it on change.
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
}

export function FlameCanvas(props: FlameCanvasProps) {
  const { model, range, cursor, onRange, onCursor, onActivate } = props;
  const theme = useFlameTheme();
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const minimapRef = useRef<HTMLCanvasElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [hovered, setHovered] = useState(-1);
  // After a keyboard move the tooltip describes the cursor's box, as hovering would.
  const [keyTip, setKeyTip] = useState(false);
  const live = useRef<Live>({ model, range, scrollTop: 0, width: 0, height: 0, cursor, hovered: -1, theme });
  const renderer = useRef(new FlameRenderer());
  const minimap = useRef(new MinimapRenderer());
  const frame = useRef(0);
  const drag = useRef<Drag | null>(null);
  const minimapDrag = useRef(false);
  const frameView = useRef<Mutable<FrameView>>({
    x0: 0, x1: 1, width: 0, height: 0, scrollTop: 0, rowHeight: ROW_HEIGHT, offsetY: AXIS_HEIGHT,
  });
  const frameState = useRef<Mutable<FrameState> | null>(null);

  const draw = useCallback(() => {
    frame.current = 0;
    const s = live.current;
    const canvas = canvasRef.current;
    if (canvas === null || s.width <= 0 || s.height <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    sizeCanvas(canvas, s.width, s.height, dpr);
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    // The frame's inputs go into objects kept across frames: drawing allocates nothing.
    const view = frameView.current;
    view.x0 = s.range.start;
    view.x1 = s.range.end;
    view.width = s.width;
    view.height = rowsHeight(s.height);
    view.scrollTop = s.scrollTop;
    const f = (frameState.current ??= {
      model: s.model, view, canvasWidth: 0, canvasHeight: 0, selected: -1, hovered: -1, theme: s.theme, axis: true,
    });
    f.model = s.model;
    f.canvasWidth = s.width;
    f.canvasHeight = s.height;
    f.selected = s.cursor;
    f.hovered = s.hovered;
    f.theme = s.theme;
    renderer.current.draw(ctx, f, dpr);
    const mm = minimapRef.current;
    const mmCtx = mm?.getContext('2d');
    if (mm && mmCtx) {
      sizeCanvas(mm, s.width, MINIMAP_HEIGHT, dpr);
      minimap.current.draw(mmCtx, s.model, s.theme, s.width, MINIMAP_HEIGHT, dpr, s.range,
        s.scrollTop / ROW_HEIGHT, (s.scrollTop + view.height) / ROW_HEIGHT);
    }
    // Lets tests and the benchmark wait for a frame without hooks into the page.
    containerRef.current?.setAttribute('data-frames', String(renderer.current.frames));
  }, []);

  const requestDraw = useCallback(() => {
    if (frame.current === 0) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  // Forget the cancelled frame too: StrictMode unmounts and mounts again, and a stale id would
  // make requestDraw believe a frame is still coming.
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    [],
  );

  // Moving the window to a screen of another pixel density needs a sharper (or lighter) canvas.
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    let query: MediaQueryList | null = null;
    const watch = () => {
      query?.removeEventListener('change', onChange);
      query = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      query.addEventListener('change', onChange);
    };
    const onChange = () => {
      watch();
      requestDraw();
    };
    watch();
    return () => query?.removeEventListener('change', onChange);
  }, [requestDraw]);

  // Props into the draw loop's state.
  useLayoutEffect(() => {
    const s = live.current;
    s.model = model;
    s.range = range;
    s.cursor = cursor;
    s.hovered = hovered;
    s.theme = theme;
    s.width = size.width;
    s.height = size.height;
    s.scrollTop = clampScroll(s.scrollTop, model.boxes.rowCount, ROW_HEIGHT, rowsHeight(size.height));
    requestDraw();
  }, [model, range, cursor, hovered, theme, size, requestDraw]);

  useEffect(() => {
    const el = containerRef.current;
    if (el === null) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const commitRange = useCallback(
    (next: XRange) => {
      const s = live.current;
      if (next.start === s.range.start && next.end === s.range.end) return;
      s.range = next;
      onRange(next);
      requestDraw();
    },
    [onRange, requestDraw],
  );

  const scrollTo = useCallback(
    (top: number) => {
      const s = live.current;
      const next = clampScroll(top, s.model.boxes.rowCount, ROW_HEIGHT, rowsHeight(s.height));
      if (next === s.scrollTop) return;
      s.scrollTop = next;
      requestDraw();
    },
    [requestDraw],
  );

  // A box chosen from elsewhere (keyboard, the waterfall before switching here) is brought on screen.
  const ready = size.height > 0;
  useEffect(() => {
    if (!ready || cursor < 0 || cursor >= model.boxes.count) return;
    const s = live.current;
    const { boxes } = s.model;
    commitRange(revealBox(s.range, extentOf(s.model), boxes.start[cursor], boxes.end[cursor]));
    scrollTo(revealRow(s.scrollTop, boxes.row[cursor], ROW_HEIGHT, rowsHeight(s.height)));
    // Only a new cursor (or layout) reveals: panning away from the selection must not snap back.
  }, [cursor, model.boxes, ready]);

  const pointAt = (clientX: number, clientY: number): { x: number; y: number } => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: clientX - rect.left, y: clientY - rect.top };
  };

  const boxAt = (x: number, y: number): number => hitTest(live.current.model.boxes, viewOf(live.current), x, y);

  const pointer = useRef({ x: 0, y: 0 });
  const placeTooltip = () => {
    const tip = tooltipRef.current;
    if (tip === null) return;
    let { x, y } = pointer.current;
    const s = live.current;
    if (hovered < 0 && keyTip && cursor >= 0 && cursor < s.model.boxes.count) {
      const { boxes } = s.model;
      const scale = s.width / (s.range.end - s.range.start);
      const mid = ((boxes.start[cursor] + boxes.end[cursor]) / 2 - s.range.start) * scale;
      x = Math.min(s.width - 8, Math.max(8, mid));
      y = AXIS_HEIGHT + boxes.row[cursor] * ROW_HEIGHT - s.scrollTop + ROW_HEIGHT / 2;
    }
    const flip = x > live.current.width * 0.6;
    tip.style.left = `${x}px`;
    tip.style.top = `${y + AXIS_HEIGHT > live.current.height * 0.6 ? y - 12 : y + 18}px`;
    tip.style.transform = `translate(${flip ? 'calc(-100% - 12px)' : '12px'}, ${y + AXIS_HEIGHT > live.current.height * 0.6 ? '-100%' : '0'})`;
  };

  const hoverAt = (x: number, y: number) => {
    pointer.current = { x, y };
    setKeyTip(false);
    setHovered(boxAt(x, y));
    placeTooltip();
  };
  // A tooltip that just appeared is placed once it exists.
  useLayoutEffect(placeTooltip, [hovered, keyTip, cursor, range]);

  // Wheel zoom needs preventDefault, which React's passive wheel listener cannot do.
  useEffect(() => {
    const el = containerRef.current;
    if (el === null) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const s = live.current;
      if (s.width <= 0) return;
      const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? s.height : 1;
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
  }, [commitRange, scrollTo]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, range: live.current.range, scrollTop: live.current.scrollTop, moved: false };
    capture(e.currentTarget, e.pointerId);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d === null) {
      const p = pointAt(e.clientX, e.clientY);
      hoverAt(p.x, p.y);
      return;
    }
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < DRAG_THRESHOLD_PX) return;
    if (!d.moved) {
      d.moved = true;
      setHovered(-1);
    }
    const s = live.current;
    commitRange(panBy(d.range, extentOf(s.model), (-dx * (d.range.end - d.range.start)) / Math.max(1, s.width)));
    scrollTo(d.scrollTop - dy);
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture?.(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (d === null || d.moved) return;
    const p = pointAt(e.clientX, e.clientY);
    const id = boxAt(p.x, p.y);
    if (id >= 0) onActivate(id);
  };

  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const p = pointAt(e.clientX, e.clientY);
    const id = boxAt(p.x, p.y);
    if (id < 0) return;
    const { boxes } = live.current.model;
    commitRange(fitBox(boxes.start[id], boxes.end[id], extentOf(live.current.model)));
  };

  const zoomBy = (factor: number) => {
    const s = live.current;
    const { boxes } = s.model;
    // Zoom around the cursor's box when it is on screen, so it stays in view.
    let anchor = 0.5;
    if (s.cursor >= 0 && s.cursor < boxes.count) {
      const mid = (boxes.start[s.cursor] + boxes.end[s.cursor]) / 2;
      const at = (mid - s.range.start) / (s.range.end - s.range.start);
      if (at >= 0 && at <= 1) anchor = at;
    }
    commitRange(zoomAt(s.range, extentOf(s.model), factor, anchor));
  };

  const pan = (fraction: number) => {
    const s = live.current;
    commitRange(panBy(s.range, extentOf(s.model), fraction * (s.range.end - s.range.start)));
  };

  const reset = () => {
    commitRange({ start: 0, end: extentOf(live.current.model) });
    scrollTo(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const s = live.current;
    const move = MOVES[e.key];
    let handled = true;
    if (move !== undefined && e.shiftKey) {
      if (move === 'prev') pan(-PAN_STEP);
      else if (move === 'next') pan(PAN_STEP);
      else scrollTo(s.scrollTop + (move === 'parent' ? -3 : 3) * ROW_HEIGHT);
    } else if (move !== undefined) {
      const next = navigate(s.model.nav, s.cursor, move);
      if (next >= 0 && next !== s.cursor) {
        setHovered(-1);
        setKeyTip(true);
        onCursor(next);
      }
    } else {
      switch (e.key) {
        case 'Enter':
        case ' ':
          if (s.cursor >= 0) onActivate(s.cursor);
          else handled = false;
          break;
        case '+':
        case '=':
        case 'w':
        case 'W':
          zoomBy(ZOOM_STEP);
          break;
        case '-':
        case '_':
        case 's':
        case 'S':
          zoomBy(1 / ZOOM_STEP);
          break;
        case 'a':
        case 'A':
          pan(-PAN_STEP);
          break;
        case 'd':
        case 'D':
          pan(PAN_STEP);
          break;
        case '0':
          reset();
          break;
        case 'z':
        case 'Z':
          if (s.cursor >= 0) commitRange(fitBox(s.model.boxes.start[s.cursor], s.model.boxes.end[s.cursor], extentOf(s.model)));
          break;
        case 'Escape':
          setHovered(-1);
          setKeyTip(false);
          break;
        default:
          handled = false;
      }
    }
    if (handled) e.preventDefault();
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
    scrollTo(row * ROW_HEIGHT - rowsHeight(s.height) / 2);
  };

  const spanId =
    (hovered >= 0 ? model.spanIdOf(hovered) : undefined) ??
    (cursor >= 0 ? model.spanIdOf(cursor) : undefined) ??
    props.fallbackSpanId;
  const tipId = hovered >= 0 ? hovered : keyTip ? cursor : -1;
  const liveText = hovered >= 0 ? model.summary(hovered) : cursor >= 0 ? `Selected: ${model.summary(cursor)}` : '';

  return (
    <div className="flame-canvas">
      <div className="flame-controls">
        <button type="button" onClick={() => zoomBy(ZOOM_STEP)} aria-label="Zoom in" title="Zoom in (+ or w)">+</button>
        <button type="button" onClick={() => zoomBy(1 / ZOOM_STEP)} aria-label="Zoom out" title="Zoom out (- or s)">−</button>
        <button type="button" onClick={reset} title="Show everything (0)">Reset zoom</button>
        <span className="flame-hint" title={HINT}>
          {HINT}
        </span>
      </div>
      <canvas
        ref={minimapRef}
        className="flame-minimap"
        role="img"
        aria-label="Overview of the whole layout; the framed window is the part shown below"
        onPointerDown={(e) => {
          minimapDrag.current = true;
          capture(e.currentTarget, e.pointerId);
          minimapMove(e);
        }}
        onPointerMove={(e) => minimapDrag.current && minimapMove(e)}
        onPointerUp={() => (minimapDrag.current = false)}
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
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (drag.current = null)}
          onPointerLeave={() => drag.current === null && setHovered(-1)}
          onBlur={() => setKeyTip(false)}
          onDoubleClick={onDoubleClick}
          onKeyDown={onKeyDown}
        >
          <canvas ref={canvasRef} aria-hidden="true" />
        </div>
        {tipId >= 0 && tipId < model.boxes.count && (
          <div ref={tooltipRef} className="flame-tooltip" role="tooltip">
            <dl>
              {model.describe(tipId).map((line) => (
                <div key={line.label}>
                  <dt>{line.label}</dt>
                  <dd title={line.exact}>{line.value}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
        <div className="visually-hidden" aria-live="polite" data-testid="flamegraph-live">
          {liveText}
        </div>
      </div>
    </div>
  );
}

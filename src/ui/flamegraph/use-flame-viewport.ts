// The flamegraph's viewport: the visible time range and row scroll, the canvas size, and the
// draw loop. Drawing happens in requestAnimationFrame, only when something changed; input
// updates the live state directly (no render per wheel notch) and then tells the store.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { FrameView } from '../../view-model/flame-frame.ts';
import { clampScroll, fitBox, panBy, revealBox, revealRow, zoomAt, type XRange } from '../../view-model/flame-view.ts';
import { AXIS_HEIGHT, MINIMAP_HEIGHT, FLAME_ROW_HEIGHT } from './constants.ts';
import { FlameRenderer, type FrameState } from './draw.ts';
import { MinimapRenderer } from './minimap.ts';
import type { FlameModel } from './model.ts';
import type { FlameTheme } from './theme-colors.ts';

/** What the draw loop and the input handlers read between renders. */
export interface FlameLive {
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

export interface FlameViewport {
  readonly containerRef: RefObject<HTMLDivElement | null>;
  readonly canvasRef: RefObject<HTMLCanvasElement | null>;
  readonly minimapRef: RefObject<HTMLCanvasElement | null>;
  readonly live: RefObject<FlameLive>;
  commitRange(next: XRange): void;
  scrollTo(top: number): void;
  /** Zooms by `factor` around the cursor's box when it is on screen, else around the middle. */
  zoomBy(factor: number): void;
  /** Pans by a fraction of the visible range. */
  pan(fraction: number): void;
  fitBox(id: number): void;
  reset(): void;
}

export interface ViewportInputs {
  readonly model: FlameModel;
  readonly range: XRange;
  readonly cursor: number;
  readonly hovered: number;
  readonly theme: FlameTheme;
  onRange(range: XRange): void;
}

export function extentOf(model: FlameModel): number {
  return model.boxes.extent > 0 ? model.boxes.extent : 1;
}

export function rowsHeight(height: number): number {
  return Math.max(0, height - AXIS_HEIGHT);
}

export function viewOf(live: Pick<FlameLive, 'range' | 'scrollTop' | 'width' | 'height'>): FrameView {
  return {
    x0: live.range.start,
    x1: live.range.end,
    width: live.width,
    height: rowsHeight(live.height),
    scrollTop: live.scrollTop,
    rowHeight: FLAME_ROW_HEIGHT,
    offsetY: AXIS_HEIGHT,
  };
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

export function useFlameViewport(inputs: ViewportInputs): FlameViewport {
  const { model, range, cursor, hovered, theme, onRange } = inputs;
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const minimapRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const live = useRef<FlameLive>({ model, range, scrollTop: 0, width: 0, height: 0, cursor, hovered, theme });
  const renderer = useRef(new FlameRenderer());
  const minimap = useRef(new MinimapRenderer());
  const frame = useRef(0);
  const frameView = useRef<Mutable<FrameView>>({
    x0: 0,
    x1: 1,
    width: 0,
    height: 0,
    scrollTop: 0,
    rowHeight: FLAME_ROW_HEIGHT,
    offsetY: AXIS_HEIGHT,
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
      model: s.model,
      view,
      canvasWidth: 0,
      canvasHeight: 0,
      selected: -1,
      hovered: -1,
      theme: s.theme,
      axis: true,
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
      minimap.current.draw(
        mmCtx,
        s.model,
        s.theme,
        s.width,
        MINIMAP_HEIGHT,
        dpr,
        s.range,
        s.scrollTop / FLAME_ROW_HEIGHT,
        (s.scrollTop + view.height) / FLAME_ROW_HEIGHT,
      );
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
    s.scrollTop = clampScroll(s.scrollTop, model.boxes.rowCount, FLAME_ROW_HEIGHT, rowsHeight(size.height));
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

  // The latest onRange without re-creating every handler that commits a range.
  const latestOnRange = useRef(onRange);
  useLayoutEffect(() => {
    latestOnRange.current = onRange;
  });

  const commitRange = useCallback(
    (next: XRange) => {
      const s = live.current;
      if (next.start === s.range.start && next.end === s.range.end) return;
      s.range = next;
      latestOnRange.current(next);
      requestDraw();
    },
    [requestDraw],
  );

  const scrollTo = useCallback(
    (top: number) => {
      const s = live.current;
      const next = clampScroll(top, s.model.boxes.rowCount, FLAME_ROW_HEIGHT, rowsHeight(s.height));
      if (next === s.scrollTop) return;
      s.scrollTop = next;
      requestDraw();
    },
    [requestDraw],
  );

  // A box chosen from elsewhere (keyboard, the waterfall before switching here) is brought on
  // screen. Only a new cursor (or layout) reveals: panning away from the selection must not snap back.
  const ready = size.height > 0;
  const { boxes } = model;
  useEffect(() => {
    if (!ready || cursor < 0 || cursor >= boxes.count) return;
    const s = live.current;
    commitRange(revealBox(s.range, extentOf(s.model), boxes.start[cursor], boxes.end[cursor]));
    scrollTo(revealRow(s.scrollTop, boxes.row[cursor], FLAME_ROW_HEIGHT, rowsHeight(s.height)));
  }, [cursor, boxes, ready, commitRange, scrollTo]);

  const zoomBy = useCallback(
    (factor: number) => {
      const s = live.current;
      const { boxes } = s.model;
      let anchor = 0.5;
      if (s.cursor >= 0 && s.cursor < boxes.count) {
        const mid = (boxes.start[s.cursor] + boxes.end[s.cursor]) / 2;
        const at = (mid - s.range.start) / (s.range.end - s.range.start);
        if (at >= 0 && at <= 1) anchor = at;
      }
      commitRange(zoomAt(s.range, extentOf(s.model), factor, anchor));
    },
    [commitRange],
  );

  const pan = useCallback(
    (fraction: number) => {
      const s = live.current;
      commitRange(panBy(s.range, extentOf(s.model), fraction * (s.range.end - s.range.start)));
    },
    [commitRange],
  );

  const fitBoxById = useCallback(
    (id: number) => {
      const { boxes } = live.current.model;
      commitRange(fitBox(boxes.start[id], boxes.end[id], extentOf(live.current.model)));
    },
    [commitRange],
  );

  const reset = useCallback(() => {
    commitRange({ start: 0, end: extentOf(live.current.model) });
    scrollTo(0);
  }, [commitRange, scrollTo]);

  return { containerRef, canvasRef, minimapRef, live, commitRange, scrollTo, zoomBy, pan, fitBox: fitBoxById, reset };
}

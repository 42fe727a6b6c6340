// The whole trace in miniature (a density image on a canvas, cheap at 100,000 spans) on which
// the user drags to zoom the waterfall to a time range. The shown window is outlined; keys pan
// and zoom it when the minimap has focus.
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { minimapDensity } from '../../view-model/minimap-density.ts';
import { serviceColorIn } from '../../view-model/service-colors.ts';
import type { Trace } from '../../model/trace.ts';
import { useViewStore, type TimeRange } from '../../state/view-store.ts';
import { formatDuration } from '../../view-model/duration.ts';
import { useElementWidth } from './use-element-width.ts';
import { useThemeVersion } from './use-theme-version.ts';
import { panZoom, scaleZoom, shownRange, zoomBetween } from './zoom.ts';

const HEIGHT = 30;
/** A press that moves less than this is a click (which pans), not a drag. */
const DRAG_THRESHOLD_PX = 4;

function rgbOf(
  ctx: CanvasRenderingContext2D,
  color: string,
  fallback: [number, number, number],
): [number, number, number] {
  // The canvas normalizes any CSS color it accepts to #rrggbb when opaque.
  ctx.fillStyle = '#000000';
  ctx.fillStyle = color;
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(String(ctx.fillStyle));
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : fallback;
}

function draw(canvas: HTMLCanvasElement, trace: Trace, cssWidth: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx || cssWidth <= 0) return;
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(cssWidth * ratio);
  const h = Math.round(HEIGHT * ratio);
  canvas.width = w;
  canvas.height = h;
  const style = getComputedStyle(canvas);
  const [ar, ag, ab] = rgbOf(ctx, style.getPropertyValue('--accent').trim(), [36, 87, 197]);
  const [er, eg, eb] = rgbOf(ctx, style.getPropertyValue('--error').trim(), [198, 40, 40]);
  const grid = minimapDensity(trace, w, h);
  // Each pixel row in the color of the service of its (first) span, as the rows below are.
  const rowColor: [number, number, number][] = [];
  const byService = new Map<string, [number, number, number]>();
  for (let y = 0; y < h; y++) {
    const span = grid.rowSpan[y];
    if (span === -1) {
      rowColor.push([ar, ag, ab]);
      continue;
    }
    const service = trace.spans[span].serviceName;
    let rgb = byService.get(service);
    if (!rgb) {
      rgb = rgbOf(ctx, serviceColorIn(trace.services, service), [ar, ag, ab]);
      byService.set(service, rgb);
    }
    rowColor.push(rgb);
  }
  const image = ctx.createImageData(w, h);
  const px = image.data;
  const scale = Math.log1p(Math.max(1, grid.maxCount));
  for (let p = 0; p < grid.counts.length; p++) {
    const count = grid.counts[p];
    if (count === 0) continue;
    const o = p * 4;
    const [sr, sg, sb] = rowColor[Math.floor(p / w)];
    if (grid.errors[p] === 1) {
      px[o] = er;
      px[o + 1] = eg;
      px[o + 2] = eb;
      px[o + 3] = 255;
    } else {
      px[o] = sr;
      px[o + 1] = sg;
      px[o + 2] = sb;
      // Logarithmic, so a lone span stays visible beside a dense band.
      px[o + 3] = Math.round(255 * (0.35 + (0.65 * Math.log1p(count)) / scale));
    }
  }
  ctx.putImageData(image, 0, 0);
}

interface Drag {
  readonly fromPx: number;
  readonly toPx: number;
}

export function Minimap({ trace }: { trace: Trace }) {
  const zoom = useViewStore((s) => s.zoom);
  const setZoom = useViewStore((s) => s.setZoom);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef);
  const theme = useThemeVersion();
  const [drag, setDrag] = useState<Drag | null>(null);
  const full = Math.max(trace.durationNs, 1);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a theme change alters the CSS colours draw reads
  useEffect(() => {
    if (canvasRef.current) draw(canvasRef.current, trace, width);
  }, [trace, width, theme]);

  const xOf = (e: PointerEvent<HTMLDivElement>): number => {
    const rect = e.currentTarget.getBoundingClientRect();
    return Math.max(0, Math.min(rect.width, e.clientX - rect.left));
  };
  const nsAt = (px: number): number => (width > 0 ? (px / width) * full : 0);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const x = xOf(e);
    setDrag({ fromPx: x, toPx: x });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ fromPx: drag.fromPx, toPx: xOf(e) });
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const to = xOf(e);
    setDrag(null);
    if (Math.abs(to - drag.fromPx) >= DRAG_THRESHOLD_PX) {
      setZoom(zoomBetween(nsAt(drag.fromPx), nsAt(to), trace.durationNs));
    } else if (zoom) {
      // A click while zoomed centres the window there.
      const half = (zoom.endNs - zoom.startNs) / 2;
      setZoom(panZoom(zoom, (nsAt(to) - half - zoom.startNs) / (2 * half), trace.durationNs));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const range: TimeRange = shownRange(zoom, trace.durationNs);
    let next: TimeRange | null | undefined;
    if (e.key === 'ArrowLeft') next = panZoom(range, -0.2, trace.durationNs);
    else if (e.key === 'ArrowRight') next = panZoom(range, 0.2, trace.durationNs);
    else if (e.key === '+' || e.key === '=' || e.key === 'ArrowUp') next = scaleZoom(range, 0.5, trace.durationNs);
    else if (e.key === '-' || e.key === 'ArrowDown') next = scaleZoom(range, 2, trace.durationNs);
    else if (e.key === '0') next = null;
    else return;
    e.preventDefault();
    setZoom(next);
  };

  const windowPct = zoom
    ? { left: (zoom.startNs / full) * 100, width: ((zoom.endNs - zoom.startNs) / full) * 100 }
    : null;
  const shown = shownRange(zoom, trace.durationNs);
  return (
    <div
      ref={wrapRef}
      className="wf-minimap"
      role="group"
      tabIndex={0}
      aria-label={`Minimap of the whole trace, showing ${formatDuration(shown.startNs)} to ${formatDuration(shown.endNs)}. Drag to zoom; arrow keys pan, + and - zoom, 0 resets.`}
      data-testid="minimap"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
      onKeyDown={onKeyDown}
      style={{ height: HEIGHT }}
    >
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: the canvas is not focusable; its container is, and is labelled */}
      <canvas
        ref={canvasRef}
        className="wf-minimap__canvas"
        style={{ width: '100%', height: HEIGHT }}
        aria-hidden="true"
      />
      {windowPct && (
        <div
          className="wf-minimap__window"
          style={{ left: `${windowPct.left}%`, width: `${windowPct.width}%` }}
          aria-hidden="true"
        />
      )}
      {drag && (
        <div
          className="wf-minimap__drag"
          style={{ left: Math.min(drag.fromPx, drag.toPx), width: Math.abs(drag.toPx - drag.fromPx) }}
          aria-hidden="true"
        />
      )}
    </div>
  );
}

// The overview strip: the whole layout squeezed into a few dozen pixels, drawn once per
// layout, size and theme; each frame only copies it and draws the window being looked at.
import type { FrameView } from '../../view-model/flame-frame.ts';
import type { XRange } from '../../view-model/flame-view.ts';
import { FlameRenderer } from './draw.ts';
import type { FlameModel } from './model.ts';
import type { FlameTheme } from './theme-colors.ts';

/** Row height in the overview: whole rows squeezed into the strip, never taller than 4 px. */
export function overviewRowHeight(rowCount: number, height: number): number {
  return Math.min(4, height / Math.max(1, rowCount));
}

export class MinimapRenderer {
  private base: HTMLCanvasElement | null = null;
  private key: { model: FlameModel; theme: FlameTheme; width: number; height: number; dpr: number } | null = null;
  private readonly renderer = new FlameRenderer();

  draw(
    ctx: CanvasRenderingContext2D,
    model: FlameModel,
    theme: FlameTheme,
    width: number,
    height: number,
    dpr: number,
    range: XRange,
    /** Rows (in row units, fractional) at the top and bottom of the main view. */
    rowsTop: number,
    rowsBottom: number,
  ): void {
    const k = this.key;
    if (
      this.base === null ||
      k === null ||
      k.model !== model ||
      k.theme !== theme ||
      k.width !== width ||
      k.height !== height ||
      k.dpr !== dpr
    ) {
      this.base ??= document.createElement('canvas');
      this.base.width = Math.max(1, Math.round(width * dpr));
      this.base.height = Math.max(1, Math.round(height * dpr));
      const baseCtx = this.base.getContext('2d');
      if (baseCtx === null) return;
      const extent = model.boxes.extent > 0 ? model.boxes.extent : 1;
      const view: FrameView = {
        x0: 0,
        x1: extent,
        width,
        height,
        scrollTop: 0,
        offsetY: 0,
        rowHeight: overviewRowHeight(model.boxes.rowCount, height),
      };
      this.renderer.draw(
        baseCtx,
        { model, view, canvasWidth: width, canvasHeight: height, selected: -1, hovered: -1, theme, axis: false },
        dpr,
      );
      this.key = { model, theme, width, height, dpr };
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.base, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const extent = model.boxes.extent > 0 ? model.boxes.extent : 1;
    const left = (range.start / extent) * width;
    const right = Math.max(left + 2, (range.end / extent) * width);
    const rowH = overviewRowHeight(model.boxes.rowCount, height);
    const top = Math.max(0, rowsTop * rowH);
    const bottom = Math.min(height, Math.max(top + 2, rowsBottom * rowH));
    // Veil what is outside the window, then frame the window.
    ctx.globalAlpha = 0.55;
    ctx.fillStyle = theme.bg;
    ctx.fillRect(0, 0, left, height);
    ctx.fillRect(right, 0, width - right, height);
    ctx.fillRect(left, 0, right - left, top);
    ctx.fillRect(left, bottom, right - left, height - bottom);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(left + 0.75, top + 0.75, right - left - 1.5, bottom - top - 1.5);
  }
}

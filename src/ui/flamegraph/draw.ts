// Draws a planned flamegraph frame on a 2D canvas: boxes batched into one path per color,
// marks on top, labels truncated to fit, the selected and hovered boxes outlined, a time axis.
import { FramePlan, planFrame, type FrameView, type RectList } from '../../view-model/flame-frame.ts';
import { formatDuration } from '../../view-model/duration.ts';
import { LABEL_FONT_PX } from './constants.ts';
import type { FlameModel } from './model.ts';
import type { FlameTheme } from './theme-colors.ts';
import { boundedLabel } from '../../view-model/bounded-text.ts';

const DIM_ALPHA = 0.25;
const LABEL_PAD = 4;

export interface FrameState {
  readonly model: FlameModel;
  readonly view: FrameView;
  /** CSS pixels of the whole canvas. */
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  readonly selected: number;
  readonly hovered: number;
  readonly theme: FlameTheme;
  /** Draw the axis (main canvas) or not (overview). */
  readonly axis: boolean;
}

/** Label strings per box, built once and reused; truncations are kept per width in characters. */
class LabelCache {
  private readonly full: (string | undefined)[];
  private readonly names: (string | undefined)[];
  private readonly cut: (string | undefined)[];
  private readonly cutChars: Int32Array;

  constructor(readonly model: FlameModel) {
    this.full = new Array(model.boxes.count);
    this.names = new Array(model.boxes.count);
    this.cut = new Array(model.boxes.count);
    this.cutChars = new Int32Array(model.boxes.count);
  }

  /** The label that fits in maxChars characters, or null when not even "x…" does. */
  text(id: number, maxChars: number): string | null {
    let full = this.full[id];
    let name = this.names[id];
    if (full === undefined || name === undefined) {
      // No box is wider than a few hundred characters, and controls would draw as nothing.
      name = boundedLabel(this.model.name(id));
      const extra = this.model.extra(id);
      full = extra === '' ? name : `${name}  ${extra}`;
      this.full[id] = full;
      this.names[id] = name;
    }
    if (full.length <= maxChars) return full;
    if (name.length <= maxChars) return name;
    if (maxChars < 2) return null;
    if (this.cutChars[id] !== maxChars || this.cut[id] === undefined) {
      this.cut[id] = `${name.slice(0, maxChars - 1)}…`;
      this.cutChars[id] = maxChars;
    }
    return this.cut[id]!;
  }
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function fillRects(ctx: CanvasRenderingContext2D, list: RectList): void {
  const d = list.data;
  ctx.beginPath();
  for (let k = 0; k < list.length * 4; k += 4) ctx.rect(d[k], d[k + 1], d[k + 2], d[k + 3]);
  ctx.fill();
}

export class FlameRenderer {
  private plan: FramePlan | null = null;
  private labels: LabelCache | null = null;
  private charWidth = 0;
  /** Fonts for the current theme's monospace family, and the width of one label character. */
  private fontTheme: FlameTheme | null = null;
  private labelFont = '';
  private axisFont = '';
  /** Axis labels by tick value, valid for one step, base and unit. */
  private readonly tickLabels = new Map<number, string>();
  private tickStep = 0;
  private tickBase = 0;
  private tickAxis: FlameModel['axis'] = 'time';
  frames = 0;

  /** The plan of the last frame (for tests and diagnostics). */
  get lastPlan(): FramePlan | null {
    return this.plan;
  }

  draw(ctx: CanvasRenderingContext2D, state: FrameState, dpr: number): void {
    const { model, view, theme } = state;
    const buckets = model.palette.colors.length;
    if (this.plan === null || this.plan.fills.length !== buckets * 2) this.plan = new FramePlan(buckets);
    if (this.labels === null || this.labels.model !== model) this.labels = new LabelCache(model);
    const plan = this.plan;

    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.globalAlpha = 1;
    ctx.fillStyle = theme.bg;
    ctx.fillRect(0, 0, state.canvasWidth, state.canvasHeight);
    if (state.axis) this.drawAxis(ctx, state);

    planFrame(model.boxes, model.bucketOf, model.flags, view, plan);
    if (plan.connectors.length > 0) {
      ctx.fillStyle = theme.fgMuted;
      fillRects(ctx, plan.connectors);
    }
    const { colors } = model.palette;
    for (let b = 0; b < buckets; b++) {
      if (plan.fills[b * 2].length === 0) continue;
      ctx.fillStyle = colors[b];
      fillRects(ctx, plan.fills[b * 2]);
    }
    ctx.globalAlpha = DIM_ALPHA;
    for (let b = 0; b < buckets; b++) {
      if (plan.fills[b * 2 + 1].length === 0) continue;
      ctx.fillStyle = colors[b];
      fillRects(ctx, plan.fills[b * 2 + 1]);
    }
    if (plan.beyond.length > 0) {
      ctx.globalAlpha = 0.6;
      ctx.fillStyle = theme.bg;
      fillRects(ctx, plan.beyond);
    }
    ctx.globalAlpha = 1;
    this.drawMarks(ctx, plan, theme);
    if (view.rowHeight >= 10) this.drawLabels(ctx, state, plan);
    this.outline(ctx, state, state.hovered, theme.fg, 1);
    this.outline(ctx, state, state.selected, theme.focus, 2);
    this.frames++;
  }

  private drawMarks(ctx: CanvasRenderingContext2D, plan: FramePlan, theme: FlameTheme): void {
    // Critical path: a dark (light in the dark theme) band along the bottom of the box, set off
    // from the fill by a background line; never red, so it cannot be read as an error.
    let d = plan.critical.data;
    if (plan.critical.length > 0) {
      ctx.fillStyle = theme.bg;
      ctx.beginPath();
      for (let k = 0; k < plan.critical.length * 4; k += 4) {
        const h = d[k + 3];
        if (h > 8) ctx.rect(d[k], d[k + 1] + h - 5, d[k + 2], 1);
      }
      ctx.fill();
      ctx.fillStyle = theme.critical;
      ctx.beginPath();
      for (let k = 0; k < plan.critical.length * 4; k += 4) {
        const h = d[k + 3];
        const band = h > 8 ? 4 : Math.max(1, h / 3);
        ctx.rect(d[k], d[k + 1] + h - band, d[k + 2], band);
      }
      ctx.fill();
    }
    // Slowest by self time: a band along the top, set off from the fill by a background line.
    d = plan.slowest.data;
    if (plan.slowest.length > 0) {
      ctx.fillStyle = theme.bg;
      ctx.beginPath();
      for (let k = 0; k < plan.slowest.length * 4; k += 4) if (d[k + 3] > 6) ctx.rect(d[k], d[k + 1] + 3, d[k + 2], 1);
      ctx.fill();
      ctx.fillStyle = theme.warn;
      ctx.beginPath();
      for (let k = 0; k < plan.slowest.length * 4; k += 4) ctx.rect(d[k], d[k + 1], d[k + 2], Math.min(3, d[k + 3]));
      ctx.fill();
    }
    // Errors: a border and a corner triangle, or the whole mark when the box is too narrow.
    d = plan.error.data;
    if (plan.error.length > 0) {
      ctx.strokeStyle = theme.error;
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let k = 0; k < plan.error.length * 4; k += 4) {
        if (d[k + 2] >= 4) ctx.rect(d[k] + 1, d[k + 1] + 1, d[k + 2] - 2, d[k + 3] - 2);
      }
      ctx.stroke();
      ctx.fillStyle = theme.error;
      ctx.beginPath();
      for (let k = 0; k < plan.error.length * 4; k += 4) {
        const x = d[k];
        const y = d[k + 1];
        const w = d[k + 2];
        const size = Math.min(12, d[k + 3]);
        if (w >= size + 2) {
          ctx.moveTo(x + w - size, y);
          ctx.lineTo(x + w, y);
          ctx.lineTo(x + w, y + size);
          ctx.closePath();
        } else {
          ctx.rect(x, y, Math.max(w, 1), d[k + 3]);
        }
      }
      ctx.fill();
    }
    // Search matches: a dark outline with the match color inside it; narrow marks turn into
    // wider match-colored ticks so they are found at a glance.
    d = plan.match.data;
    if (plan.match.length > 0) {
      ctx.strokeStyle = theme.fg;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (let k = 0; k < plan.match.length * 4; k += 4)
        ctx.rect(d[k] + 0.5, d[k + 1] + 0.5, Math.max(d[k + 2], 3) - 1, d[k + 3] - 1);
      ctx.stroke();
      ctx.strokeStyle = theme.match;
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let k = 0; k < plan.match.length * 4; k += 4) {
        if (d[k + 2] >= 6) ctx.rect(d[k] + 2, d[k + 1] + 2, d[k + 2] - 4, d[k + 3] - 4);
      }
      ctx.stroke();
    }
  }

  private applyTheme(ctx: CanvasRenderingContext2D, theme: FlameTheme): void {
    if (theme === this.fontTheme) return;
    this.fontTheme = theme;
    this.labelFont = `${LABEL_FONT_PX}px ${theme.mono}`;
    this.axisFont = `10px ${theme.mono}`;
    ctx.font = this.labelFont;
    this.charWidth = ctx.measureText('0000000000').width / 10 || LABEL_FONT_PX * 0.6;
  }

  private drawLabels(ctx: CanvasRenderingContext2D, state: FrameState, plan: FramePlan): void {
    this.applyTheme(ctx, state.theme);
    ctx.font = this.labelFont;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    const { model, theme } = state;
    const labels = this.labels!;
    const r = plan.labelRects.data;
    for (let k = 0; k < plan.labelRects.length; k++) {
      const id = plan.labelIds[k];
      const x = r[k * 4];
      const y = r[k * 4 + 1];
      const w = r[k * 4 + 2];
      const h = r[k * 4 + 3];
      const text = labels.text(id, Math.floor((w - 2 * LABEL_PAD) / this.charWidth));
      if (text === null) continue;
      ctx.fillStyle = plan.labelDim[k] === 1 ? theme.fgMuted : model.palette.textColors[model.bucketOf[id]];
      ctx.fillText(text, x + LABEL_PAD, y + h / 2 + 0.5);
    }
  }

  private outline(
    ctx: CanvasRenderingContext2D,
    state: FrameState,
    id: number,
    color: string,
    lineWidth: number,
  ): void {
    const { boxes } = state.model;
    const { view } = state;
    if (id < 0 || id >= boxes.count) return;
    const r = boxes.row[id];
    const y = view.offsetY + r * view.rowHeight - view.scrollTop;
    if (y + view.rowHeight < view.offsetY || y > view.offsetY + view.height) return;
    const scale = view.width / (view.x1 - view.x0);
    let left = (boxes.start[id] - view.x0) * scale;
    let right = (boxes.end[id] - view.x0) * scale;
    if (right < -4 || left > view.width + 4) return;
    left = Math.max(left, -4);
    right = Math.min(right, view.width + 4);
    // Tiny boxes get a visible frame around their 1-pixel mark.
    if (right - left < 3) {
      const mid = Math.floor((left + right) / 2);
      left = mid - 1;
      right = mid + 2;
    }
    const h = view.rowHeight > 2 ? view.rowHeight - 1 : view.rowHeight;
    ctx.strokeStyle = color;
    ctx.lineWidth = lineWidth;
    ctx.strokeRect(left + lineWidth / 2, y + lineWidth / 2, right - left - lineWidth, h - lineWidth);
  }

  private drawAxis(ctx: CanvasRenderingContext2D, state: FrameState): void {
    const { view, theme } = state;
    const top = view.offsetY;
    ctx.fillStyle = theme.bgSubtle;
    ctx.fillRect(0, 0, state.canvasWidth, top);
    const span = view.x1 - view.x0;
    if (!(span > 0)) return;
    const step = niceStep(span / Math.max(1, view.width / 110));
    const scale = view.width / span;
    const first = Math.ceil(view.x0 / step) * step;
    // Deep in a long trace, absolute labels would all read the same: label offsets from the first tick.
    const relative = first > 0 && step < first / 500;
    ctx.strokeStyle = theme.border;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let t = first; t <= view.x1; t += step) {
      const x = Math.round((t - view.x0) * scale) + 0.5;
      ctx.moveTo(x, top - 5);
      ctx.lineTo(x, state.canvasHeight);
    }
    ctx.stroke();
    ctx.fillStyle = theme.fgMuted;
    this.applyTheme(ctx, theme);
    ctx.font = this.axisFont;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    const base = relative ? first : -1;
    if (
      step !== this.tickStep ||
      base !== this.tickBase ||
      state.model.axis !== this.tickAxis ||
      this.tickLabels.size > 200
    ) {
      this.tickLabels.clear();
      this.tickStep = step;
      this.tickBase = base;
      this.tickAxis = state.model.axis;
    }
    const prefix = state.model.axis === 'total' ? 'Σ ' : '';
    for (let t = first; t <= view.x1; t += step) {
      const x = Math.round((t - view.x0) * scale) + 3;
      if (x > view.width - 30) break;
      let label = this.tickLabels.get(t);
      if (label === undefined) {
        label = relative && t !== first ? `+${formatDuration(t - first)}` : prefix + formatDuration(t);
        this.tickLabels.set(t, label);
      }
      ctx.fillText(label, x, top / 2);
    }
    ctx.strokeStyle = theme.border;
    ctx.beginPath();
    ctx.moveTo(0, top - 0.5);
    ctx.lineTo(state.canvasWidth, top - 0.5);
    ctx.stroke();
  }
}

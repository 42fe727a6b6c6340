// Render fuzzing: "never crash the page on any input". Hand-made nasty traces and random ones
// are put through the worker's pack/unpack as the page receives them, and shown in the whole App
// (header, warnings, trace picker, time panel, waterfall, flamegraph in both modes, statistics
// in every grouping, span details); each case then clicks, types and presses keys a little.
// A case fails when anything throws (render, effect, event handler or animation frame), React
// reports an error, or trace data reached the page as markup (an <img src=x>, an on* attribute,
// a link that is not http(s)). Damaged corpus files are fuzzed at the loaders
// (test/unit/formats/mutation-fuzz.test.ts). The bugs this found are pinned by the cases at the end.
//
// jsdom has no layout and no canvas: the row list and the flame surface get fixed sizes, and
// canvases get a fake 2D context that accepts every call (so the flamegraph, its overview and
// the waterfall minimap really draw) and records calls given non-finite numbers. This file's
// environment is its own, so the prototypes patched here are left patched.
//
// Knobs: RENDER_FUZZ_RANDOM_RUNS (default 15), RENDER_FUZZ_SEED (replay), RENDER_FUZZ_COLLECT=1
// (keep going, print each distinct failure), RENDER_FUZZ_STRICT=1 (render in StrictMode),
// RENDER_FUZZ_TIMES=1 (time per step).
import fc from 'fast-check';
import { File as NodeFile } from 'node:buffer';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_EPOCH_SEC, type EpochTime } from '../../../src/formats/epoch.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import { buildTraces } from '../../../src/formats/normalize.ts';
import type { ParsedBatch, ParsedSpan, ParseWarning } from '../../../src/formats/parsed.ts';
import type { Attribute, AttributeValue, LoadedFile, SpanLink, Trace } from '../../../src/model/trace.ts';
import { allTraces, currentTrace, useTraceStore } from '../../../src/state/trace-store.ts';
import { INITIAL_VIEW, useViewStore } from '../../../src/state/view-store.ts';
import { useStatsSettings } from '../../../src/ui/analysis/stats-settings.ts';
import { restoreAddress, viewParams } from '../../../src/address/url-state.ts';
import { layoutTimeFlame } from '../../../src/view-model/flame-layout.ts';
import { App } from '../../../src/ui/App.tsx';
import { AXIS_HEIGHT, FLAME_ROW_HEIGHT } from '../../../src/ui/flamegraph/constants.ts';
import { packedTransferables } from '../../../src/worker/packed-trace.ts';
import { packTrace } from '../../../src/worker/pack-trace.ts';
import { readCorpusText } from '../../helpers/corpus.ts';
import { throughThePage } from '../../helpers/page-round-trip.ts';

// =============================================================================================
// jsdom stand-ins: layout sizes, animation frames, a fake 2D canvas context.

const WIDTH = 800;
const ROWS_HEIGHT = 480;
const FLAME_HEIGHT = 400;

/** Animation frames wait here until flushFrames runs them (inside act, where errors surface). */
const frames = new Map<number, FrameRequestCallback>();
let nextFrame = 1;

/** Elements scrolled by scrollTo, whose scroll events are still to fire. */
const scrolls = new Set<HTMLElement>();

function flushFrames(): void {
  for (let round = 0; round < 5 && (frames.size > 0 || scrolls.size > 0); round++) {
    const scrolled = [...scrolls];
    scrolls.clear();
    for (const el of scrolled) if (el.isConnected) fireEvent.scroll(el);
    const due = [...frames.values()];
    frames.clear();
    act(() => {
      for (const cb of due) cb(performance.now());
    });
  }
}

/** Canvas calls given a non-finite number: the canvas ignores them (nothing drawn), so they are noted, not failed. */
const nonFiniteDraws = new Map<string, number>();
let canvasCalls = 0;

const CANVAS_METHODS = [
  'setTransform',
  'resetTransform',
  'transform',
  'translate',
  'scale',
  'rotate',
  'fillRect',
  'strokeRect',
  'clearRect',
  'beginPath',
  'closePath',
  'rect',
  'moveTo',
  'lineTo',
  'arc',
  'arcTo',
  'bezierCurveTo',
  'quadraticCurveTo',
  'ellipse',
  'fill',
  'stroke',
  'clip',
  'fillText',
  'strokeText',
  'save',
  'restore',
  'drawImage',
  'putImageData',
  'setLineDash',
  'roundRect',
];

function illegal(name: string): DOMException {
  return new DOMException(`${name}: the source width or height is 0`, 'IndexSizeError');
}

/** WebIDL `long`: what a canvas makes of a number argument (NaN and infinities become 0). */
function asLong(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

function fakeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const state: Record<string, unknown> = {
    fillStyle: '#000000',
    strokeStyle: '#000000',
    font: '10px sans-serif',
    globalAlpha: 1,
    lineWidth: 1,
    textAlign: 'start',
    textBaseline: 'alphabetic',
  };
  const ctx: Record<string, unknown> = { canvas };
  for (const name of CANVAS_METHODS) {
    ctx[name] = (...args: unknown[]) => {
      canvasCalls++;
      const bad = args.some((a) => typeof a === 'number' && !Number.isFinite(a));
      if (bad) nonFiniteDraws.set(name, (nonFiniteDraws.get(name) ?? 0) + 1);
    };
  }
  ctx.measureText = (text: string) => ({ width: String(text).length * 7 });
  ctx.getLineDash = () => [];
  // As a browser: a 0 (or NaN, or infinite) size is an IndexSizeError; a huge one fails to allocate.
  ctx.createImageData = (w: unknown, h: unknown) => {
    const sw = Math.abs(asLong(w));
    const sh = Math.abs(asLong(h));
    if (sw === 0 || sh === 0) throw illegal('createImageData');
    return { width: sw, height: sh, data: new Uint8ClampedArray(sw * sh * 4), colorSpace: 'srgb' };
  };
  ctx.getImageData = (_x: number, _y: number, w: unknown, h: unknown) =>
    (ctx.createImageData as (w: unknown, h: unknown) => unknown)(w, h);
  for (const key of Object.keys(state)) {
    Object.defineProperty(ctx, key, {
      get: () => state[key],
      set: (v: unknown) => {
        if (typeof v === 'number' && !Number.isFinite(v)) {
          nonFiniteDraws.set(`${key}=`, (nonFiniteDraws.get(`${key}=`) ?? 0) + 1);
          return;
        }
        // An empty or unparsable color is ignored, as a canvas does; colors read back as written.
        if ((key === 'fillStyle' || key === 'strokeStyle') && (typeof v !== 'string' || v.trim() === '')) return;
        state[key] = v;
      },
    });
  }
  return ctx as unknown as CanvasRenderingContext2D;
}

const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();

function stubDom(): void {
  const proto = HTMLElement.prototype;
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      if (this.classList.contains('wf-rows')) return ROWS_HEIGHT;
      if (this.classList.contains('flame-surface')) return FLAME_HEIGHT;
      return 0;
    },
  });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => WIDTH });
  Object.defineProperty(proto, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      const content = this.classList.contains('wf-rows') ? this.firstElementChild : null;
      return content instanceof HTMLElement ? parseFloat(content.style.height) || 0 : 0;
    },
  });
  Element.prototype.getBoundingClientRect = function getBoundingClientRect(this: Element) {
    const h = this instanceof HTMLElement ? this.clientHeight : 0;
    return {
      x: 0,
      y: 0,
      left: 0,
      top: 0,
      width: WIDTH,
      height: h,
      right: WIDTH,
      bottom: h,
      toJSON: () => ({}),
    } as DOMRect;
  };
  proto.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) {
      this.scrollTop = options.top;
      // Browsers fire scroll events after the call returns, never inside it.
      scrolls.add(this);
    }
  } as HTMLElement['scrollTo'];
  HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement, kind: string) {
    if (kind !== '2d') return null;
    let ctx = contexts.get(this);
    if (!ctx) contexts.set(this, (ctx = fakeContext(this)));
    return ctx;
  } as HTMLCanvasElement['getContext'];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    frames.set(nextFrame, cb);
    return nextFrame++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  // "Download" hands a blob URL to a link it clicks.
  URL.createObjectURL = () => 'blob:render-fuzz';
  URL.revokeObjectURL = () => {};
  HTMLAnchorElement.prototype.click = function click() {};
}

// =============================================================================================
// Errors from anywhere: thrown, reported to window (event handlers, effects), or logged by React.

const reported: string[] = [];

function onWindowError(e: ErrorEvent): void {
  reported.push(`window error: ${e.error instanceof Error ? (e.error.stack ?? e.error.message) : e.message}`);
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
}

// =============================================================================================
// The page as a user sees it: one loaded file, every view, a few interactions each.

function pageFile(file: LoadedFile): LoadedFile {
  return { ...file, traces: file.traces.map(throughThePage) };
}

/** What the current step of a case is, for the failure message. */
let step = '';

const stepTimes = new Map<string, number>();

function doStep(name: string, action: () => void): void {
  step = name;
  const t0 = performance.now();
  action();
  flushFrames();
  const key = name.replace(/\d+/g, '#');
  stepTimes.set(key, (stepTimes.get(key) ?? 0) + performance.now() - t0);
  if (reported.length > 0) throw new Error(`${reported.length} error(s) reported`);
}

// jsdom's selector engine takes milliseconds per attribute selector on a page this size (and
// indexing a live HTMLCollection is quadratic), so elements are found by walking the tree
// with a TreeWalker and matching one compound selector: tag, .classes, [attr] and [attr="value"].
const matchers = new Map<string, (el: Element) => boolean>();

function matcher(selector: string): (el: Element) => boolean {
  let match = matchers.get(selector);
  if (match) return match;
  const m = /^([a-z0-9]*)((?:\.[\w-]+)*)((?:\[[\w-]+(?:="[^"]*")?\])*)$/i.exec(selector);
  if (!m) throw new Error(`unsupported selector ${selector}`);
  const tag = m[1].toUpperCase();
  const classes = m[2].split('.').filter(Boolean);
  const attrs = [...m[3].matchAll(/\[([\w-]+)(?:="([^"]*)")?\]/g)].map((a) => [a[1], a[2]] as const);
  match = (el) =>
    (tag === '' || el.tagName === tag) &&
    classes.every((c) => el.classList.contains(c)) &&
    attrs.every(([k, v]) => (v === undefined ? el.hasAttribute(k) : el.getAttribute(k) === v));
  matchers.set(selector, match);
  return match;
}

function* elements(root: ParentNode): Generator<Element> {
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_ELEMENT);
  while (walker.nextNode()) yield walker.currentNode as Element;
}

function q<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T | null {
  const match = matcher(selector);
  for (const el of elements(root)) if (match(el)) return el as T;
  return null;
}

function qa<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T[] {
  const match = matcher(selector);
  const out: T[] = [];
  for (const el of elements(root)) if (match(el)) out.push(el as T);
  return out;
}

function buttonNamed(name: string | RegExp, root: ParentNode = document): HTMLButtonElement | undefined {
  return qa<HTMLButtonElement>('button', root).find((b) => {
    const text = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
    return typeof name === 'string' ? text === name : name.test(text);
  });
}

function click(el: Element | null | undefined): void {
  if (el) fireEvent.click(el);
}

function key(el: Element | null | undefined, k: string, init: KeyboardEventInit = {}): void {
  if (el) fireEvent.keyDown(el, { key: k, ...init });
}

function tab(name: 'waterfall' | 'flamegraph' | 'stats'): void {
  click(q(`[role="tab"][data-view="${name}"]`));
}

function selectSpan(index: number | null): void {
  act(() => useTraceStore.getState().selectSpan(index));
}

function searchTerm(trace: Trace): string {
  const s = trace.spans[Math.floor(trace.spans.length / 2)];
  const name = s?.name ?? '';
  return name.trim() === '' ? 'x' : name.slice(0, 40);
}

const tree = () => q('[role="tree"]');
const searchBox = () =>
  q<HTMLInputElement>('input[type="search"][aria-label="Search spans"]') ?? q<HTMLInputElement>('[role="searchbox"]');

function waterfallRows(): void {
  doStep('waterfall tab', () => tab('waterfall'));
  doStep('click first row', () => click(q('[data-testid="span-row"]')));
  doStep('tree keys', () => {
    for (const k of [
      'ArrowDown',
      'ArrowDown',
      'ArrowUp',
      'ArrowRight',
      'ArrowLeft',
      'End',
      'Home',
      'PageDown',
      'Enter',
    ])
      key(tree(), k);
  });
  doStep('scroll the rows', () => {
    const rows = tree();
    if (rows) {
      rows.scrollTop = 24 * 40;
      fireEvent.scroll(rows);
    }
  });
}

function waterfallCollapse(): void {
  doStep('waterfall tab', () => tab('waterfall'));
  doStep('toggle a subtree', () => {
    const toggle = q('[data-testid="span-toggle"]');
    click(toggle);
    if (toggle?.isConnected) fireEvent.click(toggle, { altKey: true });
    if (toggle?.isConnected) fireEvent.click(toggle, { shiftKey: true });
  });
  doStep('collapse and expand all', () => {
    for (const name of ['Collapse all', 'Expand one level', 'Expand all', 'Collapse one level', 'Expand all'])
      click(buttonNamed(name));
  });
}

function waterfallSearch(trace: Trace): void {
  doStep('waterfall tab', () => tab('waterfall'));
  doStep('search', () => {
    fireEvent.change(searchBox()!, { target: { value: searchTerm(trace) } });
    key(searchBox(), 'Enter');
    click(buttonNamed('Next match'));
    key(document.body, 'n');
    key(document.body, 'N');
    click(
      qa<HTMLInputElement>('input[type="checkbox"]').find((c) =>
        c.parentElement?.textContent?.includes('Show only matches'),
      ),
    );
    fireEvent.change(searchBox()!, { target: { value: '<img src=x onerror=alert(1)> .* ( [ \\ key=value =' } });
    key(searchBox(), 'Enter');
    // The search stays, showing only its matches, for what comes next.
    fireEvent.change(searchBox()!, { target: { value: searchTerm(trace) } });
  });
}

function waterfallFilters(): void {
  doStep('waterfall tab', () => tab('waterfall'));
  doStep('filters', () => {
    const check = (label: string) =>
      click(qa<HTMLInputElement>('input[type="checkbox"]').find((c) => c.parentElement?.textContent?.trim() === label));
    check('Errors only');
    check('Critical path only');
    check('Errors only');
    check('Critical path only');
    const min = q<HTMLInputElement>('[data-testid="min-duration"]');
    if (min)
      for (const value of ['1ms', `${'9'.repeat(400)}h`, '0.0000001ns', 'x', ''])
        fireEvent.change(min, { target: { value } });
    const picker = q('[data-testid="service-filter"]');
    const services = picker ? qa<HTMLInputElement>('input[type="checkbox"]', picker) : [];
    click(services[0]);
    click(services[0]);
    // Errors only stays on for what comes next: selections elsewhere may be of hidden spans.
    check('Errors only');
  });
}

function waterfallZoom(trace: Trace): void {
  doStep('waterfall tab', () => tab('waterfall'));
  doStep('zoom', () => {
    selectSpan(trace.spans.length - 1);
    click(buttonNamed('Zoom to span'));
    const minimap = q('[data-testid="minimap"]');
    if (minimap) {
      for (let k = 0; k < 4; k++) key(minimap, '+');
      key(minimap, 'ArrowRight');
      key(minimap, '-');
      fireEvent.pointerDown(minimap, { button: 0, clientX: 100, pointerId: 1 });
      fireEvent.pointerMove(minimap, { clientX: 300, pointerId: 1 });
      fireEvent.pointerUp(minimap, { button: 0, clientX: 300, pointerId: 1 });
      fireEvent.pointerDown(minimap, { button: 0, clientX: 500, pointerId: 1 });
      fireEvent.pointerUp(minimap, { button: 0, clientX: 500, pointerId: 1 });
    }
    click(q('[data-testid="reset-zoom"]'));
    // The zoom stays for what comes next (the flamegraph shares it).
    click(buttonNamed('Zoom to span'));
    for (let k = 0; k < 8; k++) key(minimap, '+');
  });
  doStep('shortcuts dialog', () => {
    key(document.body, '?');
    key(q('[role="dialog"]') ?? document.body, 'Escape');
    key(document.body, 'Escape');
  });
}

function exerciseDetails(trace: Trace): void {
  const n = trace.spans.length;
  for (const index of new Set([0, n - 1, Math.floor(n / 2)])) {
    doStep(`details of span ${index}`, () => {
      selectSpan(index);
      const pane = q('[data-testid="span-detail"]');
      if (!pane) return;
      for (const b of qa<HTMLButtonElement>('button', pane).slice(0, 30)) {
        const label = b.textContent ?? '';
        if (/^(Show more|Format JSON|Show all)/.test(label)) click(b);
      }
      const filter = q<HTMLInputElement>('[data-testid="attribute-filter"]', pane);
      if (filter) {
        fireEvent.change(filter, { target: { value: 'a' } });
        fireEvent.change(filter, { target: { value: '' } });
      }
      // Links and "select parent" move the selection inside the trace.
      click(
        qa<HTMLButtonElement>('button.link-button', pane).find((b) => b.closest('.span-link, .detail-ids') !== null),
      );
    });
  }
  doStep('close details', () => {
    key(q('[data-testid="side-panel-resizer"]'), 'ArrowLeft');
    click(buttonNamed('Close span details'));
  });
}

const flameSurface = () => q('[data-testid="flamegraph"]');

/** Fires at the flame surface if it is on screen (a click on an aggregated box switches to the waterfall). */
function onFlame(fire: (el: HTMLElement) => void): void {
  const el = flameSurface();
  if (el) fire(el);
}

/** Zooms, pans, hovers and moves the keyboard cursor; leaves the flamegraph on screen with a box under the cursor and one hovered. */
function exerciseFlame(mode: 'Time order' | 'Aggregated'): void {
  doStep(`flamegraph ${mode}`, () => {
    tab('flamegraph');
    click(buttonNamed(mode));
  });
  doStep(`flamegraph ${mode}: pointer`, () => {
    for (const [x, y] of [
      [10, 30],
      [400, 45],
      [790, 60],
      [200, 100],
    ])
      onFlame((el) => fireEvent.pointerMove(el, { clientX: x, clientY: y }));
    onFlame((el) => fireEvent.doubleClick(el, { clientX: 10, clientY: 45 }));
    onFlame((el) => fireEvent.wheel(el, { deltaY: -500, clientX: 300, clientY: 50 }));
    onFlame((el) => fireEvent.wheel(el, { deltaX: 200, clientX: 300, clientY: 50 }));
    onFlame((el) => fireEvent.wheel(el, { deltaY: 300, shiftKey: true, clientX: 300, clientY: 50 }));
    // Drag to pan.
    onFlame((el) => fireEvent.pointerDown(el, { button: 0, clientX: 300, clientY: 60, pointerId: 1 }));
    onFlame((el) => fireEvent.pointerMove(el, { clientX: 500, clientY: 20, pointerId: 1 }));
    onFlame((el) => fireEvent.pointerUp(el, { button: 0, clientX: 500, clientY: 20, pointerId: 1 }));
    onFlame((el) => fireEvent.pointerLeave(el));
    const overview = q('canvas.flame-minimap');
    if (overview) {
      fireEvent.pointerDown(overview, { button: 0, clientX: 600, clientY: 10, pointerId: 2 });
      fireEvent.pointerMove(overview, { clientX: 100, clientY: 30, pointerId: 2 });
      fireEvent.pointerUp(overview, { clientX: 100, clientY: 30, pointerId: 2 });
    }
  });
  doStep(`flamegraph ${mode}: keys`, () => {
    for (const k of ['ArrowDown', 'ArrowRight', 'ArrowLeft', 'ArrowUp', '+', 'd', 'z', '-', 'a', '0'])
      key(flameSurface(), k);
    key(flameSurface(), 'ArrowRight', { shiftKey: true });
    key(flameSurface(), 'ArrowDown', { shiftKey: true });
    key(flameSurface(), 'Escape');
    for (const name of ['Zoom in', 'Zoom out', 'Reset zoom']) click(buttonNamed(name, q('.flame-canvas') ?? document));
    // The cursor ends on a box as deep and as far right as the keys go, and the pointer rests over the chart.
    for (const k of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowDown']) key(flameSurface(), k);
    onFlame((el) => fireEvent.pointerMove(el, { clientX: 700, clientY: 45 }));
  });
}

/** A box activated by Enter, then one by a click: in the aggregated chart, each shows its spans in the waterfall. */
function activateFlame(mode: 'Time order' | 'Aggregated'): void {
  doStep(`flamegraph ${mode}: enter`, () => {
    tab('flamegraph');
    click(buttonNamed(mode));
    key(flameSurface(), 'ArrowDown');
    key(flameSurface(), 'Enter');
  });
  doStep(`flamegraph ${mode}: click`, () => {
    tab('flamegraph');
    onFlame((el) => fireEvent.pointerDown(el, { button: 0, clientX: 400, clientY: 45, pointerId: 1 }));
    onFlame((el) => fireEvent.pointerUp(el, { button: 0, clientX: 400, clientY: 45, pointerId: 1 }));
  });
}

function exerciseStats(mode: 'service' | 'operation' | 'attribute'): void {
  doStep(`statistics by ${mode}`, () => {
    tab('stats');
    fireEvent.change(q<HTMLSelectElement>('[data-testid="stats-group-by"]')!, { target: { value: mode } });
    if (mode === 'attribute') {
      const input = q<HTMLInputElement>('[data-testid="stats-attribute-key"]')!;
      const list = document.getElementById(input.getAttribute('list') ?? '');
      const options = list ? qa<HTMLOptionElement>('option', list).map((o) => o.value) : [];
      fireEvent.change(input, { target: { value: '__proto__' } });
      fireEvent.change(input, { target: { value: options[0] ?? 'http.method' } });
      if (options.length > 1) fireEvent.change(input, { target: { value: options[options.length - 1] } });
    }
    // Sorted by the group label (a table of 200 rows takes a while to render in jsdom).
    click(qa<HTMLButtonElement>('button.stats__sort')[0]);
  });
  // A row click shows its spans in the waterfall, behind a chip that clears the filter.
  doStep(`statistics by ${mode}: a row's spans`, () => {
    const table = q('[data-testid="statistics"]');
    click(table ? q('td', table) : null);
  });
  doStep(`statistics by ${mode}: clear the span set`, () => click(q('[data-testid="span-set-chip"]')));
}

function exerciseTimePanel(): void {
  doStep('time panel', () => {
    const panel = q('[data-testid="time-panel"]');
    if (!panel) return;
    // It starts folded; open it so its lists are exercised too.
    const toggle = q('[data-testid="time-panel-toggle"]');
    if (toggle?.getAttribute('aria-expanded') === 'false') click(toggle);
    for (const id of ['critical-path-services', 'critical-path', 'slowest-spans', 'critical-path-other']) {
      const list = q(`[data-testid="${id}"]`, panel);
      const buttons = list ? qa<HTMLButtonElement>('button', list) : [];
      click(buttons[0]);
      click(buttons[buttons.length - 1]);
    }
    click(buttonNamed(/^Show all \d+ steps/, panel));
    click(buttonNamed(/^Show \d+ more/, panel));
    click(q('[data-testid="time-panel-toggle"]'));
    click(q('[data-testid="time-panel-toggle"]'));
  });
}

function exerciseWarnings(): void {
  doStep('warnings panel', () => {
    const panel = q('[data-testid="warnings"]');
    if (!panel) return;
    const buttons = qa<HTMLButtonElement>('button', panel);
    click(buttons[0]);
    click(buttons[buttons.length - 1]);
  });
}

/** Trace data must never have become markup. */
function checkNoInjectedMarkup(): void {
  const problems: string[] = [];
  for (const el of elements(document)) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'img' && el.getAttribute('src') === 'x')
      problems.push('an <img src="x"> from trace data is in the page');
    if (tag === 'script') problems.push('a <script> element is in the page');
    for (const attr of el.getAttributeNames()) {
      if (/^on/i.test(attr)) problems.push(`<${tag}> has an ${attr} attribute: ${el.getAttribute(attr)}`);
    }
    if (tag === 'a' && el.hasAttribute('href')) {
      const href = el.getAttribute('href') ?? '';
      if (!/^https?:\/\//i.test(href)) problems.push(`a link to ${JSON.stringify(href.slice(0, 80))}`);
    }
  }
  if (problems.length > 0) throw new Error(`markup injected (${step}):\n  ${problems.slice(0, 10).join('\n  ')}`);
}

/** The trace on screen. */
function shown(): Trace {
  const trace = currentTrace(useTraceStore.getState());
  if (!trace) throw new Error('no trace on screen');
  return trace;
}

/** Opens the next trace of the picker (files loaded together can share a trace id and start). */
function anotherTrace(): void {
  doStep('open another trace', () => {
    const picker = q('[data-testid="trace-picker"]');
    const buttons = picker ? qa<HTMLButtonElement>('button', picker) : [];
    if (buttons.length < 2) return;
    const rows = allTraces(useTraceStore.getState().files);
    const at = rows.findIndex((r) => r.trace === shown());
    click(buttons[(at + 1) % buttons.length]);
  });
}

/**
 * The address bar: the view written as link parameters (as the page keeps the address), the
 * view changed, then the address restored (as Back or opening the link does).
 */
function addressRoundTrip(): void {
  doStep('address round trip', () => {
    const params = viewParams();
    selectSpan(0);
    act(() => useViewStore.getState().setView('waterfall'));
    act(() => void restoreAddress(`?${params.toString()}`, ''));
  });
}

/** What a user does with a trace, by name; each leaves the page in some view. */
const INTERACTIONS = {
  warnings: () => exerciseWarnings(),
  'time panel': () => exerciseTimePanel(),
  'waterfall: rows and keys': () => waterfallRows(),
  'waterfall: collapse': () => waterfallCollapse(),
  'waterfall: search': () => waterfallSearch(shown()),
  'waterfall: filters': () => waterfallFilters(),
  'waterfall: zoom': () => waterfallZoom(shown()),
  details: () => exerciseDetails(shown()),
  'flame: time order': () => exerciseFlame('Time order'),
  'flame: aggregated': () => exerciseFlame('Aggregated'),
  'flame: time order, select': () => activateFlame('Time order'),
  'flame: aggregated, show spans': () => activateFlame('Aggregated'),
  'statistics: service': () => exerciseStats('service'),
  'statistics: operation': () => exerciseStats('operation'),
  'statistics: attribute': () => exerciseStats('attribute'),
  download: () => doStep('download', () => click(buttonNamed('Download'))),
  'address round trip': () => addressRoundTrip(),
  theme: () => doStep('theme toggle', () => click(q('.theme-toggle'))),
  'another trace': () => anotherTrace(),
} satisfies Record<string, () => void>;

type InteractionName = keyof typeof INTERACTIONS;
const INTERACTION_NAMES = Object.keys(INTERACTIONS) as InteractionName[];
/** Everything, for one trace at a time. */
const ALL: InteractionName[] = INTERACTION_NAMES.filter((n) => n !== 'another trace');

interface CaseOptions {
  /** What is done with each trace, in order (default: everything). */
  readonly interactions?: readonly InteractionName[];
  /** At most this many traces are opened in turn, each from the trace picker, and worked through. */
  readonly traces?: number;
  /** Render in StrictMode, as `npm start` does (effects run twice). */
  readonly strict?: boolean;
  /** The traces as given, not put through the worker's packing first. */
  readonly raw?: boolean;
  /** For cases whose values are megabytes long: jsdom is slow to set attributes that large. */
  readonly timeoutMs?: number;
}

/** Shows loaded files the way the page does and works through every view; throws on any failure. */
function showFiles(label: string, loaded: readonly LoadedFile[], options: CaseOptions = {}): void {
  const { interactions = ALL, traces: maxTraces = 2, strict = !!process.env.RENDER_FUZZ_STRICT, raw = false } = options;
  const files = raw ? loaded : loaded.map(pageFile);
  reported.length = 0;
  step = 'mount';
  try {
    useViewStore.setState(INITIAL_VIEW);
    useStatsSettings.setState({ mode: 'service', attributeKey: '', column: 'selfTotalNs', direction: 'desc' });
    act(() => useTraceStore.getState().finishLoad(files, []));
    render(
      strict ? (
        <StrictMode>
          <App />
        </StrictMode>
      ) : (
        <App />
      ),
    );
    flushFrames();
    if (reported.length > 0) throw new Error(`${reported.length} error(s) reported`);
    checkNoInjectedMarkup();
    const count = Math.min(allTraces(files).length, maxTraces);
    for (let t = 0; t < count; t++) {
      if (t > 0) anotherTrace();
      if (shown().spans.length === 0) continue;
      for (const name of interactions) {
        INTERACTIONS[name]();
        if (name === 'details' || name === 'flame: time order' || name === 'statistics: attribute')
          checkNoInjectedMarkup();
      }
      checkNoInjectedMarkup();
    }
  } catch (e) {
    const details = reported.length > 0 ? reported.join('\n---\n') : describeError(e);
    throw new Error(`${label} [${step}]\n${details}`, { cause: e });
  } finally {
    cleanup();
    frames.clear();
    scrolls.clear();
  }
}

function showFile(label: string, loaded: LoadedFile, options: CaseOptions = {}): void {
  showFiles(label, [loaded], options);
}

// =============================================================================================
// Hand-made traces: spans written directly in the parsers' output shape.

const BASE: EpochTime = { sec: 1_700_000_000, nano: 0 };
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const XSS = '<img src=x onerror=alert(1)>';

interface SpanInput extends Partial<Omit<ParsedSpan, 'start' | 'events'>> {
  readonly id: string;
  readonly parent?: string;
  /** Nanoseconds after BASE (or `at`, if given). */
  readonly startNs?: number;
  readonly at?: EpochTime;
  readonly events?: readonly {
    readonly atNs: number;
    readonly name: string;
    readonly attributes?: readonly Attribute[];
  }[];
}

function addNs(t: EpochTime, ns: number): EpochTime {
  const total = t.nano + ns;
  const carry = Math.floor(total / 1e9);
  return { sec: t.sec + carry, nano: total - carry * 1e9 };
}

function parsed(s: SpanInput): ParsedSpan {
  const start = s.at ?? addNs(BASE, s.startNs ?? 0);
  const service = s.serviceName ?? 'svc';
  return {
    traceId: s.traceId ?? TRACE_ID,
    spanId: s.id,
    parentSpanId: s.parent,
    name: s.name ?? `op ${s.id}`,
    serviceName: service,
    kind: s.kind ?? 'internal',
    durationNs: s.durationNs ?? 1000,
    status: s.status ?? { code: 'unset' },
    attributes: s.attributes ?? [],
    resource: s.resource ?? { serviceName: service, attributes: [] },
    scope: s.scope,
    events: (s.events ?? []).map((e) => ({ time: addNs(start, e.atNs), name: e.name, attributes: e.attributes ?? [] })),
    links: s.links ?? [],
    start,
  };
}

function handMade(specs: readonly SpanInput[], warnings: ParseWarning[] = []): LoadedFile {
  const batch: ParsedBatch = { format: 'otlp', spans: specs.map(parsed), warnings, notes: [] };
  const { traces, warnings: fileWarnings } = buildTraces(batch);
  return { fileName: 'hand-made.json', format: 'otlp', traces, warnings: fileWarnings, notes: [] };
}

const str = (value: string): AttributeValue => ({ type: 'string', value });
const attr = (key: string, value: AttributeValue): Attribute => ({ key, value });

function nestedArray(depth: number): AttributeValue {
  let v: AttributeValue = str('bottom');
  for (let i = 0; i < depth; i++) v = { type: 'array', value: [v] };
  return v;
}

function nestedMap(depth: number): AttributeValue {
  let v: AttributeValue = { type: 'int', value: '-9223372036854775808' };
  for (let i = 0; i < depth; i++) v = { type: 'map', value: [attr(`k${i}`, v), attr(XSS, str('javascript:alert(1)'))] };
  return v;
}

/** Every attribute value type, nasty strings in keys and values, deep and wide containers. */
function nastyAttributes(depth = 5000): Attribute[] {
  return [
    attr('string', str('plain')),
    attr('empty string', str('')),
    attr('html', str(XSS)),
    attr(XSS, str('<script>alert(1)</script><b onclick="x()">b</b>')),
    attr('js url', str('javascript:alert(1)')),
    attr('js url, spaced', str('  JaVaScRiPt:alert(1)')),
    attr('js in http', str('https://ok.example/"><img src=x onerror=alert(1)>')),
    attr('http url', str('https://example.com/a?b=<c>&d="e"')),
    attr('data url', str('data:text/html,<img src=x onerror=alert(1)>')),
    attr('vbscript', str('vbscript:msgbox(1)')),
    attr('http, no host', str('http://')),
    attr('http url, newline', str('http://a.example/\njavascript:alert(1)')),
    attr('url.full', str(`https://${'a'.repeat(5000)}.example/`)),
    attr('long', str('w '.repeat(60_000))),
    attr('lines', str('line\n'.repeat(500))),
    attr('json', str('{"a":[1,2,{"b":"<img src=x onerror=alert(1)>"}],"n":12345678901234567890}')),
    attr('json, broken', str('{"a":[1,2,{"b":}')),
    attr('json, deep', str('['.repeat(2000) + ']'.repeat(2000))),
    attr('json, deep object', str(`${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}`)),
    attr('json, unbalanced braces', str('{]}[{')),
    attr('json, escapes', str('["\\u0000\\ud800", "\\"}{"]')),
    attr('rtl', str('\u202Eevil\u202C \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627')),
    attr('surrogates', str('\ud800\udfff\ud800 \udc00 😀 \u0000 \u200b')),
    attr('bool', { type: 'bool', value: true }),
    attr('int max', { type: 'int', value: '9223372036854775807' }),
    attr('int, odd digits', { type: 'int', value: '-0000' }),
    attr('double', { type: 'double', value: 1.7976931348623157e308 }),
    attr('double tiny', { type: 'double', value: -5e-324 }),
    attr('bytes', { type: 'bytes', value: 'PGltZyBzcmM9eD4=' }),
    attr('empty', { type: 'empty' }),
    attr('empty array', { type: 'array', value: [] }),
    attr('empty map', { type: 'map', value: [] }),
    attr('mixed array', {
      type: 'array',
      value: [
        str(XSS),
        { type: 'int', value: '1' },
        { type: 'empty' },
        { type: 'bool', value: false },
        { type: 'map', value: [] },
      ],
    }),
    attr('wide array', { type: 'array', value: Array.from({ length: 3000 }, (_, i) => str(`item ${i}`)) }),
    attr('deep array', nestedArray(depth)),
    attr('deep map', nestedMap(Math.min(depth, 2000))),
    attr('', str('empty key')),
    attr('http.status_code', str('<500>')),
    attr('http.method', { type: 'map', value: [] }),
    attr('error', { type: 'array', value: [] }),
    attr('gen_ai.usage.input_tokens', str('NaN')),
    attr('db.statement', str(XSS)),
  ];
}

function chain(length: number): SpanInput[] {
  return Array.from({ length }, (_, i) => ({
    id: `c${i}`,
    parent: i === 0 ? undefined : `c${i - 1}`,
    startNs: i,
    durationNs: length * 2 - i * 2,
  }));
}

// What each kind of nasty trace is shown with (everything for every case would take too long):
/** Text from the trace everywhere it is shown. */
const TEXT: InteractionName[] = [
  'warnings',
  'time panel',
  'waterfall: rows and keys',
  'waterfall: search',
  'details',
  'flame: time order',
  'flame: aggregated',
  'statistics: operation',
  'address round trip',
];
/** Times: the timeline, zoom, the time-order chart, durations in details and statistics. */
const TIME: InteractionName[] = [
  'time panel',
  'waterfall: rows and keys',
  'waterfall: zoom',
  'details',
  'flame: time order',
  'flame: aggregated, show spans',
  'statistics: service',
];
/** The tree: keyboard moves, collapsing, filters, parents and links. */
const TREE: InteractionName[] = [
  'warnings',
  'time panel',
  'waterfall: rows and keys',
  'waterfall: collapse',
  'waterfall: filters',
  'details',
  'flame: time order',
  'flame: aggregated',
  'statistics: operation',
];
/** Attribute values: details, search, grouping by attribute, writing the trace out. */
const ATTRS: InteractionName[] = [
  'details',
  'waterfall: search',
  'statistics: attribute',
  'download',
  'address round trip',
  'flame: time order',
];

/** For the large traces: the views and the keys, once each. */
const LIGHT: InteractionName[] = [
  'waterfall: rows and keys',
  'waterfall: collapse',
  'details',
  'flame: time order',
  'flame: aggregated',
  'flame: aggregated, show spans',
  'statistics: operation',
];

const HAND_MADE: [string, () => LoadedFile, CaseOptions?][] = [
  ['a single span', () => handMade([{ id: 'only' }]), { interactions: ALL }],
  ['a single span of zero duration', () => handMade([{ id: 'only', durationNs: 0 }]), { interactions: TIME }],
  [
    'empty names, services, ids and trace id',
    () =>
      handMade([
        { id: '', name: '', serviceName: '', traceId: '' },
        { id: 'b', parent: '', name: '', serviceName: '', traceId: '', startNs: 10 },
        {
          id: ' ',
          parent: 'b',
          name: ' ',
          serviceName: ' ',
          traceId: '',
          startNs: 20,
          status: { code: 'error', message: '' },
        },
      ]),
    { interactions: TEXT },
  ],
  [
    'names of 100,000 characters',
    () =>
      handMade([
        { id: 'a', name: 'n'.repeat(100_000), serviceName: 's'.repeat(100_000) },
        {
          id: 'b'.repeat(100_000),
          parent: 'a',
          name: '<'.repeat(100_000),
          serviceName: 'x',
          startNs: 5,
          status: { code: 'error', message: 'm'.repeat(100_000) },
        },
        { id: 'c', parent: 'p'.repeat(100_000), name: 'word '.repeat(20_000), startNs: 7 },
      ]),
    { interactions: TEXT },
  ],
  [
    'HTML and javascript: URLs everywhere',
    () =>
      handMade(
        [
          {
            id: XSS,
            name: XSS,
            serviceName: `<script>alert(1)</script>${XSS}`,
            traceId: `javascript:alert(1)//${XSS}`,
            status: { code: 'error', message: XSS },
            attributes: nastyAttributes(),
            resource: {
              serviceName: XSS,
              attributes: [attr(XSS, str('javascript:alert(1)')), attr('service.name', str(XSS))],
            },
            scope: { name: XSS, version: XSS, attributes: [attr(XSS, str(XSS))] },
            events: [{ atNs: 10, name: XSS, attributes: [attr(XSS, str('javascript:alert(1)'))] }],
            links: [
              { traceId: XSS, spanId: XSS, relation: 'link', attributes: [attr(XSS, str('https://x/<img src=x>'))] },
              {
                traceId: 'javascript:alert(1)',
                spanId: 'javascript:alert(1)',
                relation: 'follows_from',
                attributes: [],
              },
            ],
          },
          {
            id: 'child',
            parent: XSS,
            traceId: `javascript:alert(1)//${XSS}`,
            name: 'javascript:alert(1)',
            serviceName: XSS,
            startNs: 100,
          },
          {
            id: 'orphan',
            parent: `missing ${XSS}`,
            traceId: `javascript:alert(1)//${XSS}`,
            name: `"'><svg onload=alert(1)>`,
            startNs: 200,
          },
        ],
        [
          { code: 'invalid-value', message: `bad value ${XSS}`, path: `$.x[${XSS}]`, spanIndex: 0 },
          { code: 'other', message: XSS, path: XSS },
        ],
      ),
    { interactions: ALL },
  ],
  [
    'a zero-duration trace',
    () =>
      handMade([
        { id: 'r', durationNs: 0 },
        { id: 'a', parent: 'r', durationNs: 0 },
        { id: 'b', parent: 'a', durationNs: 0, status: { code: 'error' } },
      ]),
    { interactions: TIME },
  ],
  [
    'every span at the same start',
    () =>
      handMade(
        Array.from({ length: 50 }, (_, i) => ({
          id: `s${i}`,
          parent: i === 0 ? undefined : `s${(i - 1) >> 1}`,
          durationNs: 1 + i,
        })),
      ),
    { interactions: [...TIME, 'waterfall: collapse'] },
  ],
  ['a chain 10,000 deep', () => handMade(chain(10_000)), { interactions: LIGHT }],
  [
    'a chain 10,000 deep of zero durations',
    () => handMade(chain(10_000).map((s) => ({ ...s, startNs: 0, durationNs: 0 }))),
    { interactions: ['waterfall: rows and keys', 'flame: time order', 'flame: aggregated'] },
  ],
  [
    'huge start offsets (epoch 0 and the year 9999)',
    () =>
      handMade([
        { id: 'early', at: { sec: 0, nano: 0 }, durationNs: 1 },
        { id: 'late', at: { sec: MAX_EPOCH_SEC, nano: 999_999_999 }, durationNs: MAX_EPOCH_SEC * 1e9 },
        {
          id: 'mid',
          parent: 'early',
          at: { sec: 1_700_000_000, nano: 5 },
          durationNs: 3,
          events: [{ atNs: -1e20, name: 'long before' }],
        },
        { id: 'long', parent: 'early', at: { sec: 0, nano: 1 }, durationNs: MAX_EPOCH_SEC * 1e9 },
      ]),
    { interactions: TIME },
  ],
  [
    'a tiny span late in a huge trace',
    () =>
      handMade([
        { id: 'root', at: { sec: 0, nano: 0 }, durationNs: MAX_EPOCH_SEC * 1e9 },
        { id: 'tiny', parent: 'root', at: { sec: MAX_EPOCH_SEC - 1, nano: 1 }, durationNs: 1 },
      ]),
    { interactions: TIME },
  ],
  [
    '3,000 roots',
    () =>
      handMade(
        Array.from({ length: 3000 }, (_, i) => ({
          id: `r${i}`,
          startNs: i * 10,
          durationNs: 5,
          serviceName: `svc${i % 300}`,
        })),
      ),
    {
      interactions: [
        'waterfall: rows and keys',
        'waterfall: search',
        'details',
        'time panel',
        'flame: time order',
        'flame: aggregated',
        'statistics: operation',
      ],
    },
  ],
  [
    '5,000 orphans of distinct missing parents',
    () =>
      handMade(
        Array.from({ length: 5000 }, (_, i) => ({
          id: `o${i}`,
          parent: `gone${i}`,
          startNs: (i * 7919) % 5000,
          durationNs: 50,
        })),
      ),
    { interactions: ['waterfall: rows and keys', 'waterfall: collapse', 'time panel', 'flame: aggregated'] },
  ],
  [
    'duplicate span ids',
    () =>
      handMade([
        { id: 'dup', durationNs: 100 },
        { id: 'dup', parent: 'dup', startNs: 10, durationNs: 50 },
        { id: 'dup', parent: 'dup', startNs: 20, durationNs: 10, status: { code: 'error' } },
        {
          id: 'kid',
          parent: 'dup',
          startNs: 30,
          durationNs: 5,
          links: [{ traceId: TRACE_ID, spanId: 'dup', relation: 'child_of', attributes: [] }],
        },
      ]),
    { interactions: TREE },
  ],
  [
    'a parent cycle and a self parent',
    () =>
      handMade([
        { id: 'a', parent: 'b', durationNs: 100 },
        { id: 'b', parent: 'a', startNs: 5, durationNs: 50 },
        { id: 'self', parent: 'self', startNs: 7, durationNs: 5 },
        { id: 'c', parent: 'self', startNs: 8, durationNs: 1 },
      ]),
    { interactions: TREE },
  ],
  [
    'unicode and right-to-left text',
    () =>
      handMade([
        {
          id: '\u202Eevil',
          name: '\u202Eevil\u202C \u05e9\u05dc\u05d5\u05dd',
          serviceName: '\u0645\u0631\u062d\u0628\u0627',
          attributes: [attr('\u202E', str('\u202E'))],
        },
        { id: '😀', parent: '\u202Eevil', name: '😀'.repeat(100), serviceName: '\ud800', startNs: 10 },
        {
          id: '\u0000',
          parent: '😀',
          name: '\u0000\u0001\u001b[31m',
          serviceName: 'e\u0301\u0301\u0301\u0301',
          startNs: 20,
        },
        {
          id: 'zw',
          parent: '\u0000',
          name: '\u200b\u200b',
          serviceName: '\ufeff',
          startNs: 30,
          events: [{ atNs: 1, name: '\ud800' }],
        },
      ]),
    { interactions: TEXT },
  ],
  [
    // Issue 19: each of these took the whole page down (a deep JSON string pretty-printed on
    // selection, a 10 MB name in the flame tooltip, a 10 MB service in the bottleneck sentence).
    'hostile text: JSON nested 23,000 deep in a string, 10 MB names and services, U+202E services',
    () =>
      handMade([
        { id: 'a', name: 'n'.repeat(10_000_000), serviceName: 's'.repeat(10_000_000), durationNs: 1000 },
        {
          id: 'b',
          parent: 'a',
          name: '\u202Eexe.txt',
          serviceName: '\u202Eevil\u202C',
          startNs: 10,
          durationNs: 900,
          status: { code: 'error', message: 'm'.repeat(10_000_000) },
          attributes: [
            attr('deep json', str(`${'['.repeat(23_000)}1${']'.repeat(23_000)}`)),
            attr('deep object json', str(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)),
            attr('big', str('x'.repeat(10_000_000))),
            attr('k'.repeat(1_000_000), str('key of a million characters')),
          ],
        },
      ]),
    { interactions: TEXT, timeoutMs: 180_000 },
  ],
  [
    'attribute values of every type, deep and wide',
    () =>
      handMade([
        {
          id: 'a',
          attributes: nastyAttributes(),
          resource: { serviceName: 'svc', attributes: nastyAttributes() },
          scope: { name: 's', attributes: nastyAttributes() },
        },
        { id: 'b', parent: 'a', startNs: 10, attributes: nastyAttributes().reverse() },
      ]),
    { interactions: ATTRS },
  ],
  [
    'links to other traces, to itself and to missing spans',
    () => {
      const links: SpanLink[] = [
        {
          traceId: 'f'.repeat(32),
          spanId: '1'.repeat(16),
          relation: 'link',
          attributes: nastyAttributes().slice(0, 5),
        },
        { traceId: TRACE_ID, spanId: 'a', relation: 'follows_from', attributes: [] },
        { traceId: TRACE_ID, spanId: 'b', relation: 'child_of', attributes: [] },
        { traceId: TRACE_ID, spanId: 'missing', relation: 'link', attributes: [] },
        { traceId: '', spanId: '', relation: 'link', attributes: [] },
        { traceId: 'other', spanId: 'x', relation: 'link', attributes: [] },
      ];
      return handMade([
        { id: 'a', links },
        { id: 'b', parent: 'a', startNs: 10, links },
        {
          id: 'x',
          traceId: 'other',
          startNs: 5,
          links: [{ traceId: TRACE_ID, spanId: 'a', relation: 'link', attributes: [] }],
        },
      ]);
    },
    { interactions: ['details', 'waterfall: rows and keys', 'flame: aggregated', 'statistics: operation'] },
  ],
  [
    'events outside the span, many events',
    () =>
      handMade([
        {
          id: 'a',
          startNs: 1_000_000,
          durationNs: 1000,
          events: [
            { atNs: -1_000_000, name: 'before the trace' },
            { atNs: -10, name: 'before the span' },
            { atNs: 5000, name: 'after the span' },
            { atNs: 1e18, name: 'far after' },
            ...Array.from({ length: 120 }, (_, i) => ({
              atNs: (i * 37) % 1000,
              name: `e${i}`,
              attributes: i === 0 ? nastyAttributes() : [],
            })),
          ],
        },
        {
          id: 'b',
          parent: 'a',
          startNs: 1_000_100,
          durationNs: 0,
          events: [
            { atNs: 0, name: 'at start' },
            { atNs: 0, name: 'same time' },
          ],
        },
      ]),
    { interactions: TIME },
  ],
  [
    'children outside their parent, negative and zero durations',
    () =>
      handMade([
        { id: 'r', startNs: 1000, durationNs: 10 },
        { id: 'before', parent: 'r', startNs: 0, durationNs: 5 },
        { id: 'after', parent: 'r', startNs: 5000, durationNs: 5000 },
        { id: 'negative', parent: 'r', startNs: 1005, durationNs: -500 },
        { id: 'zero', parent: 'negative', startNs: 1005, durationNs: 0 },
      ]),
    { interactions: TIME },
  ],
  [
    'many traces in one file',
    () =>
      handMade(
        Array.from({ length: 40 }, (_, i) => ({
          id: `s${i}`,
          traceId: i % 3 === 0 ? XSS + i : `t${i % 13}`,
          startNs: i * 1000,
          name: i % 2 === 0 ? '' : XSS,
          serviceName: i % 5 === 0 ? '' : `svc${i}`,
        })),
      ),
    { interactions: TEXT, traces: 2 },
  ],
  [
    '300 services and every span kind',
    () =>
      handMade(
        Array.from({ length: 300 }, (_, i) => ({
          id: `s${i}`,
          parent: i === 0 ? undefined : `s${Math.floor((i - 1) / 4)}`,
          startNs: i,
          durationNs: 10_000 - i,
          serviceName: `service-${i % 300}-${XSS}`,
          kind: (['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const)[i % 6],
          status: i % 7 === 0 ? { code: 'error', message: XSS } : i % 7 === 1 ? { code: 'ok' } : { code: 'unset' },
        })),
      ),
    {
      interactions: [
        'waterfall: rows and keys',
        'waterfall: filters',
        'details',
        'time panel',
        'flame: time order',
        'flame: aggregated',
        'statistics: service',
      ],
    },
  ],
];

// =============================================================================================
// Random traces: shapes and values the corpus lacks, in the parsers' output shape.

const idPool = ['a', 'b', 'c', 'd', 'e', '', XSS, '\u0000', 'A'];
const anyString = fc.oneof(nastyStringValues(), fc.string({ maxLength: 6 }));

function nastyStringValues(): fc.Arbitrary<string> {
  return fc.constantFrom(
    '',
    ' ',
    XSS,
    'javascript:alert(1)',
    'https://x.example/<b>',
    '{"a":[1]}',
    '\u202Eevil',
    '\ud800',
    '__proto__',
    'a\u0000b',
    'x'.repeat(3000),
  );
}

const randomValue: fc.Arbitrary<AttributeValue> = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString.map((value): AttributeValue => ({ type: 'string', value })),
    fc.boolean().map((value): AttributeValue => ({ type: 'bool', value })),
    fc
      .constantFrom('0', '-1', '9223372036854775807', '-9223372036854775808', '00012')
      .map((value): AttributeValue => ({ type: 'int', value })),
    fc
      .constantFrom(NaN, Infinity, -Infinity, -0, 1.5, 1e308, 5e-324)
      .map((value): AttributeValue => ({ type: 'double', value })),
    fc.constant<AttributeValue>({ type: 'bytes', value: 'AAEC' }),
    fc.constant<AttributeValue>({ type: 'empty' }),
    fc.array(tie('value'), { maxLength: 3 }).map((value): AttributeValue => ({ type: 'array', value })),
    fc
      .array(fc.record({ key: anyString, value: tie('value') }), { maxLength: 3 })
      .map((value): AttributeValue => ({ type: 'map', value })),
  ),
})).value;

const KNOWN_KEYS = [
  'http.status_code',
  'http.response.status_code',
  'db.system',
  'rpc.service',
  'messaging.system',
  'gen_ai.request.model',
  'error',
  'http.url',
];
const randomAttributes = fc.array(
  fc.record({ key: fc.oneof(fc.constantFrom(...KNOWN_KEYS), anyString), value: randomValue }),
  { maxLength: 4 },
);

const MAX_NS = MAX_EPOCH_SEC * 1e9;
const randomNs = fc.oneof(fc.constantFrom(0, 1, 999, 1e6, 1e9, 3.6e12, 1e18, MAX_NS / 2), fc.nat({ max: 5000 }));

const randomSpan: fc.Arbitrary<SpanInput> = fc.record({
  id: fc.constantFrom(...idPool),
  parent: fc.option(fc.constantFrom(...idPool, 'missing'), { nil: undefined }),
  traceId: fc.constantFrom(TRACE_ID, TRACE_ID, XSS),
  startNs: randomNs,
  durationNs: randomNs,
  name: anyString,
  serviceName: fc.oneof(fc.constantFrom('api', 'db', 'api'), anyString),
  kind: fc.constantFrom('unspecified', 'internal', 'server', 'client', 'producer', 'consumer'),
  status: fc.oneof(
    fc.constant({ code: 'unset' as const }),
    fc.constant({ code: 'ok' as const }),
    anyString.map((message) => ({ code: 'error' as const, message })),
  ),
  attributes: randomAttributes,
  events: fc.array(
    fc.record({
      atNs: fc.oneof(
        randomNs,
        randomNs.map((n) => -n),
      ),
      name: anyString,
      attributes: randomAttributes,
    }),
    { maxLength: 3 },
  ),
  links: fc.array(
    fc.record({
      traceId: fc.constantFrom(TRACE_ID, 'other', ''),
      spanId: fc.constantFrom(...idPool),
      relation: fc.constantFrom('link', 'follows_from', 'child_of'),
      attributes: randomAttributes,
    }),
    { maxLength: 2 },
  ),
});

const randomCase = fc.record({
  spans: fc.array(randomSpan, { minLength: 1, maxLength: 25 }),
  /** Far from the epoch, or at it. */
  base: fc.constantFrom<EpochTime>(BASE, { sec: 0, nano: 0 }),
  interactions: fc.array(
    fc.oneof(
      { arbitrary: fc.constant<InteractionName>('another trace'), weight: 3 },
      { arbitrary: fc.constantFrom(...ALL), weight: ALL.length },
    ),
    { minLength: 3, maxLength: 5 },
  ),
});

// =============================================================================================

/**
 * Bugs the cases at the end of this file pin down, each by what its failure says. The fuzzing
 * counts them and goes on, so that it keeps looking for other ones; the pinned cases fail
 * until the bug is fixed.
 */
const KNOWN_BUGS: readonly { readonly name: string; readonly matches: (failure: string) => boolean }[] = [];

/** Failures of known bugs met by the fuzzing, by bug. */
const knownHits = new Map<string, number>();

const FUZZ_TIMEOUT = process.env.RENDER_FUZZ_COLLECT ? 3_600_000 : 120_000;

/** RENDER_FUZZ_SEED replays a run (fast-check prints the seed of a failure). */
function fuzzSeed(): number | undefined {
  return process.env.RENDER_FUZZ_SEED ? Number(process.env.RENDER_FUZZ_SEED) : undefined;
}

/** One fuzzing case: known bugs are counted, anything else fails (or, with RENDER_FUZZ_COLLECT=1, is kept for the summary). */
function runFuzzCase(label: string, files: readonly LoadedFile[], interactions: readonly InteractionName[]): void {
  try {
    showFiles(label, files, { traces: 1, interactions });
  } catch (e) {
    const text = describeError(e) + (e instanceof Error && e.cause !== undefined ? `\n${describeError(e.cause)}` : '');
    const known = KNOWN_BUGS.find((b) => b.matches(text));
    if (known) {
      knownHits.set(known.name, (knownHits.get(known.name) ?? 0) + 1);
      return;
    }
    if (!process.env.RENDER_FUZZ_COLLECT) throw e;
    const cause = e instanceof Error && e.cause instanceof Error ? describeError(e.cause) : text;
    const frame = /(src\/[^\s):]+:\d+)/.exec(cause)?.[1] ?? /\[(.*?)\]/.exec(text)?.[1] ?? '?';
    const signature = `${cause.split('\n')[0].slice(0, 120)} @ ${frame}`;
    const before = collected.get(signature);
    if (!before || text.length < before.length) collected.set(signature, text);
  }
}

let consoleError: ReturnType<typeof vi.spyOn>;
/** RENDER_FUZZ_COLLECT=1: distinct failures of the fuzzing, kept going instead of stopping at the first. */
const collected = new Map<string, string>();
const started = performance.now();

beforeAll(() => {
  stubDom();
  window.addEventListener('error', onWindowError);
});

beforeEach(() => {
  // Whatever React (or jsdom) logs as an error fails the case: crashes, and warnings such as
  // duplicate keys (children then get duplicated or dropped). A log is filled in (printf-style).
  consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const [format, ...rest] = args;
    let text =
      typeof format === 'string' ? format.replace(/%[sdio]/g, () => String(rest.shift())) : describeError(format);
    if (rest.length > 0) text += ` ${rest.map((a) => (a instanceof Error ? describeError(a) : String(a))).join(' ')}`;
    reported.push(`console.error: ${text}`);
  });
  localStorage.clear();
});

afterEach(() => {
  consoleError.mockRestore();
});

afterAll(() => {
  window.removeEventListener('error', onWindowError);
  vi.unstubAllGlobals();
  // Said only when there is something to say (or RENDER_FUZZ_TIMES=1 asks where the time went).
  const lines: string[] = [];
  if (nonFiniteDraws.size > 0)
    lines.push(`canvas calls with non-finite numbers: ${JSON.stringify(Object.fromEntries(nonFiniteDraws))}`);
  for (const [name, n] of knownHits) lines.push(`known bug met ${n}x: ${name}`);
  for (const [signature, text] of collected) lines.push(`=== ${signature}\n${text.slice(0, 3000)}`);
  if (process.env.RENDER_FUZZ_TIMES) {
    lines.push(`render fuzz: ${Math.round(performance.now() - started)} ms, ${canvasCalls} canvas calls`);
    lines.push(...[...stepTimes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${Math.round(v)} ms ${k}`));
  }
  if (lines.length > 0) console.log(lines.join('\n'));
});

describe('hand-made nasty traces render in every view without crashing', () => {
  for (const [name, make, options] of HAND_MADE) {
    it(name, () => showFile(name, make(), options), options?.timeoutMs);
  }
});

describe('random traces', () => {
  it(
    'render in every view without crashing',
    () => {
      fc.assert(
        fc.property(randomCase, ({ spans, base, interactions }) => {
          const file = handMade(spans.map((sp) => ({ ...sp, at: addNs(base, sp.startNs ?? 0) })));
          runFuzzCase(`random trace, then ${interactions.join(', ')}`, [file], interactions);
        }),
        { numRuns: Number(process.env.RENDER_FUZZ_RANDOM_RUNS ?? 15), seed: fuzzSeed() },
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe("the page's own ways in: files, pasted text, a shared link", () => {
  /** Waits for loads to end (the page parses in place of the worker where there is none, as in jsdom). */
  async function loaded(): Promise<void> {
    await waitFor(() => expect(useTraceStore.getState().loading).toEqual([]), { timeout: 10_000 });
    flushFrames();
    if (reported.length > 0) throw new Error(reported.join('\n---\n'));
  }

  it('files with nasty names, broken ones among them, then pasted text, then "Copy link" and the link opened', async () => {
    reported.length = 0;
    useTraceStore.setState({ files: [], errors: [], loading: [], current: null, selectedSpan: null });
    render(<App />);
    const input = document.getElementById('trace-file-input') as HTMLInputElement;
    // Node's File: jsdom's has no arrayBuffer().
    const files = [
      new NodeFile([readCorpusText('jaeger/jaeger__ui_01.json')], `${XSS}.json`),
      new NodeFile([readCorpusText('zipkin/zipkin__messaging.json')], 'javascript:alert(1)'),
      new NodeFile(['{"data":[{"traceID":"1","spans":[{"traceID":"1","spanID":"a"'], '\u202Eevil.json'),
      new NodeFile([''], ''),
      new NodeFile([new Uint8Array([0x1f, 0x8b, 0, 1, 2, 3])], `${XSS}.gz`),
    ];
    fireEvent.change(input, { target: { files } });
    await loaded();
    expect(useTraceStore.getState().files.length).toBe(2);
    expect(useTraceStore.getState().errors.length).toBe(3);
    checkNoInjectedMarkup();
    for (const name of ['details', 'another trace', 'flame: aggregated', 'statistics: operation'] as const)
      INTERACTIONS[name]();
    checkNoInjectedMarkup();

    click(buttonNamed('Paste JSON'));
    fireEvent.change(document.getElementById('paste-box')!, {
      target: { value: readCorpusText('otlp/jaeger__link_attributes_trace.json') },
    });
    fireEvent.submit((document.getElementById('paste-box') as HTMLElement).closest('form')!);
    await loaded();
    expect(useTraceStore.getState().files.map((f) => f.fileName)).toEqual(['pasted.json']);
    for (const name of ['details', 'waterfall: search', 'flame: time order'] as const) INTERACTIONS[name]();

    click(buttonNamed('Copy link'));
    await waitFor(() => expect(q('[data-testid="share-result"]')).not.toBeNull());
    const link = q<HTMLInputElement>('[data-testid="share-link"]')?.value ?? '';
    expect(link).toMatch(/#trace=/);
    checkNoInjectedMarkup();
    // Opening the link (what Back or a new tab does): the trace travels in its fragment.
    const url = new URL(link);
    act(() => useTraceStore.setState({ files: [], current: null, selectedSpan: null }));
    await act(() => restoreAddress(url.search, url.hash));
    await loaded();
    expect(useTraceStore.getState().files.length).toBe(1);
    checkNoInjectedMarkup();
    expect(reported).toEqual([]);
  });
});

// =============================================================================================
// The smallest inputs found for each distinct failure, still to be fixed in src/.

/** Mounts the page with these files loaded (as the page gets them from the worker). */
function mountPage(files: readonly LoadedFile[]): void {
  reported.length = 0;
  useViewStore.setState(INITIAL_VIEW);
  act(() => useTraceStore.getState().finishLoad(files.map(pageFile), []));
  render(<App />);
  flushFrames();
}

/** A root with five children of distinct operations, and the same trace exported before its children had arrived. */
function completeAndPartial(): LoadedFile[] {
  const root: SpanInput = { id: 'root', durationNs: 100 };
  const complete = handMade([
    root,
    ...[1, 2, 3, 4, 5].map((k) => ({ id: `c${k}`, parent: 'root', name: `op${k}`, startNs: k, durationNs: 10 })),
  ]);
  const partial = handMade([root]);
  return [
    { ...complete, fileName: 'complete.json' },
    { ...partial, fileName: 'partial.json' },
  ];
}

function openPickedTrace(row: number): void {
  click(qa('button', q('[data-testid="trace-picker"]')!)[row]);
  flushFrames();
}

describe('bugs found', () => {
  // Two files loaded together hold the same trace (same id, same start), one with fewer spans.
  // App keys <main> by trace id and start, so opening the other one re-renders the flamegraph in
  // place: FlameCanvas keeps the box ids it had (the aggregated chart's keyboard cursor, the
  // hovered box) and renders model.summary(id) for an id past the new model's boxes, which throws
  // while rendering. With no error boundary, React unmounts the whole page (blank page).
  it('aggregated flamegraph: the keyboard cursor left on a box crashes the page when the same trace with fewer spans is opened (aggregate-model.ts summary)', () => {
    mountPage(completeAndPartial());
    tab('flamegraph');
    click(buttonNamed('Aggregated'));
    flushFrames();
    // root, then its first child, then along the siblings: node 5 of 6.
    for (const k of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight'])
      key(flameSurface(), k);
    expect(q('[data-testid="flamegraph-live"]')?.textContent).toMatch(/^Selected: svc: op/);
    expect(() => openPickedTrace(1)).not.toThrow();
    expect(reported).toEqual([]);
    expect(flameSurface()).not.toBeNull();
  });

  it('time-order flamegraph: a hovered box crashes the page when the same trace with fewer spans is opened (time-model.ts summary)', () => {
    mountPage(completeAndPartial());
    tab('flamegraph');
    click(buttonNamed('Time order'));
    flushFrames();
    // The pointer rests over the last child (row 1, below the root's row).
    const trace = shown();
    const boxes = layoutTimeFlame(trace);
    const c5 = trace.spans.findIndex((sp) => sp.spanId === 'c5');
    const x = (((boxes.start[c5] + boxes.end[c5]) / 2) * WIDTH) / boxes.extent;
    fireEvent.pointerMove(flameSurface()!, {
      clientX: x,
      clientY: AXIS_HEIGHT + boxes.row[c5] * FLAME_ROW_HEIGHT + FLAME_ROW_HEIGHT / 2,
    });
    expect(flameSurface()?.getAttribute('data-selected-span-id')).toBe('c5');
    // Opened from the keyboard (Enter on the picker's button clicks it), or by Back in the
    // browser: the pointer never left the chart.
    const pick = qa<HTMLButtonElement>('button', q('[data-testid="trace-picker"]')!)[1];
    pick.focus();
    expect(() => openPickedTrace(1)).not.toThrow();
    expect(reported).toEqual([]);
    expect(flameSurface()).not.toBeNull();
  });

  // d3's ticks over a window of a few hundred ns, 1e18 ns (11.6 days) into a trace, are not
  // distinct in float64 (neighbouring doubles there are 128 ns apart): the time axis and the grid
  // get the same key twice (React: "Encountered two children with the same key"), and several
  // labels sit on each other with the same text. Zooming narrower than 128 ns there gives a
  // window of width 0 (zoomBetween: start + MIN_ZOOM_NS === start).
  it('waterfall: zoomed to a 600 ns span 1e18 ns into the trace, the time axis repeats tick values (duplicate React keys, TimeAxis.tsx / RowList.tsx key={t})', () => {
    mountPage([
      handMade([
        { id: 'root', durationNs: 2e18 },
        { id: 'late', parent: 'root', startNs: 1e18, durationNs: 600 },
      ]),
    ]);
    selectSpan(1);
    click(buttonNamed('Zoom to span'));
    flushFrames();
    const titles = qa('span', q('[data-testid="time-axis"]')!).map((t) => t.getAttribute('title'));
    expect(new Set(titles).size).toBe(titles.length);
    expect(reported).toEqual([]);
  });
});

describe('found, and fixed meanwhile', () => {
  // Found by this file's first runs (its packing of hand-made traces threw): resources and scopes
  // were posted from the worker as objects, which structured cloning cannot take thousands deep,
  // and parse-worker.ts posted outside its try/catch, so the page showed the file as loading for
  // ever. Fixed in e08a185 and b7c8a02 while this file was written.
  it('a resource attribute nested 20,000 arrays deep can be posted from the worker to the page', () => {
    const depth = 20_000;
    const deep = `${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"x"}${']}}'.repeat(depth)}`;
    const text =
      `{"resourceSpans":[{"resource":{"attributes":[{"key":"deep","value":${deep}}]},"scopeSpans":[{"spans":[` +
      '{"traceId":"0123456789abcdef0123456789abcdef","spanId":"0123456789abcdef","name":"x","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]}';
    const outcome = loadTraceText('deep.json', text);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const packed = packTrace(outcome.file.traces[0]);
    expect(() => structuredClone(packed, { transfer: packedTransferables(packed) })).not.toThrow();
  });
});

describe('the harness', () => {
  it('notices a component that throws while rendering', () => {
    const trace = handMade([{ id: 'a' }, { id: 'b', parent: 'a', startNs: 1 }]).traces[0];
    // A span whose name cannot be read: the first row to render it throws.
    const broken = { ...throughThePage(trace) };
    const spans = [...broken.spans];
    spans[1] = new Proxy(spans[1], {
      get: (t, k) =>
        k === 'name'
          ? (() => {
              throw new Error('unreadable name');
            })()
          : Reflect.get(t, k),
    });
    expect(() =>
      showFiles(
        'broken',
        [{ fileName: 'x', format: 'otlp', traces: [{ ...broken, spans }], warnings: [], notes: [] }],
        { raw: true },
      ),
    ).toThrow(/unreadable name/);
  });

  it('notices markup in the page', () => {
    document.body.insertAdjacentHTML('beforeend', '<a href="javascript:alert(1)" onclick="x()">x</a>');
    try {
      expect(() => checkNoInjectedMarkup()).toThrow(/onclick[\s\S]*javascript:/);
    } finally {
      document.body.lastElementChild?.remove();
    }
  });
});

// Shared set-up for the waterfall component tests: jsdom has no layout, so the row list gets
// a fixed height (20 rows) and scrolling is simulated, which lets virtualization run for real.
import { render } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { initialCollapsed } from '../../../src/view-model/initial-collapse.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { useViewStore } from '../../../src/state/view-store.ts';
import { Waterfall } from '../../../src/ui/waterfall/Waterfall.tsx';
import { ensureViewStateFor } from '../../../src/state/trace-session.ts';

export const LIST_HEIGHT = 480;

export function stubLayout(): void {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('wf-rows') ? LIST_HEIGHT : 0;
      },
    });
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
      configurable: true,
      get(this: HTMLElement) {
        const content = this.classList.contains('wf-rows') ? this.firstElementChild : null;
        return content instanceof HTMLElement ? parseFloat(content.style.height) || 0 : 0;
      },
    });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
      configurable: true,
      get() {
        return 800;
      },
    });
    // jsdom has no 2D canvas; the minimap then simply draws nothing.
    HTMLCanvasElement.prototype.getContext = (() => null) as HTMLCanvasElement['getContext'];
    HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
      if (typeof options === 'object' && options.top !== undefined) {
        this.scrollTop = options.top;
        // Browsers fire scroll events after the call returns, never inside it.
        setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
      }
    } as HTMLElement['scrollTo'];
  });
  afterEach(() => {
    useTraceStore.setState({ selectedSpan: null });
  });
}

/** Renders the waterfall for a trace as the app shows it: a fresh view state, nothing selected. */
export function renderWaterfall(trace: Trace) {
  useTraceStore.setState({ selectedSpan: null });
  ensureViewStateFor(trace);
  // Tests reuse one trace object; each starts from the state a freshly opened trace gets.
  useViewStore.getState().resetForTrace(initialCollapsed(trace.tree));
  return render(<Waterfall trace={trace} />);
}

export function rowIds(): string[] {
  return Array.from(document.querySelectorAll('[data-testid="span-row"]'), (r) => r.getAttribute('data-span-id') ?? '');
}

export function row(spanId: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="span-row"][data-span-id="${spanId}"]`);
  if (!el) throw new Error(`no row for ${spanId}; rows: ${rowIds().join(', ')}`);
  return el;
}

export function selectedSpanId(trace: Trace): string | null {
  const i = useTraceStore.getState().selectedSpan;
  return i === null ? null : trace.spans[i].spanId;
}

import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SpanSpec } from '../../helpers/make-trace.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';
import { spanTooltipLines } from '../../../src/view-model/span-tooltip.ts';
import { analyzeTrace } from '../../../src/state/analysis-cache.ts';
import { renderWaterfall, row, rowIds, stubLayout } from './waterfall-test-utils.tsx';

stubLayout();

const trace = makeTrace([
  {
    id: 'root',
    start: 0,
    dur: 1_000_000,
    service: 'gateway',
    name: 'GET /cart',
    attrs: { 'http.response.status_code': 200 },
  },
  {
    id: 'db',
    parent: 'root',
    start: 100_000,
    dur: 300_000,
    service: 'orders',
    name: 'SELECT',
    attrs: { 'db.system': 'postgresql' },
  },
  {
    id: 'llm',
    parent: 'root',
    start: 500_000,
    dur: 400_000,
    service: 'ai',
    name: 'chat',
    attrs: { 'gen_ai.request.model': 'gpt-4o' },
    events: ['first token'],
  },
  { id: 'fail', parent: 'llm', start: 600_000, dur: 100_000, service: 'ai', name: 'retry', error: true },
]);

/** A line of the bar tooltip on screen, by its label. */
function tooltipLine(label: string): { value: string; exact: string | null } | undefined {
  const tip = screen.getByTestId('bar-tooltip');
  const dt = [...tip.querySelectorAll('dt')].find((d) => d.textContent === label);
  const dd = dt?.nextElementSibling;
  return dd ? { value: dd.textContent ?? '', exact: dd.getAttribute('title') } : undefined;
}

describe('waterfall rows', () => {
  it('shows spans in tree order with service, name, depth and tree semantics', () => {
    renderWaterfall(trace);
    expect(screen.getByRole('tree', { name: 'Spans' })).toBeTruthy();
    expect(rowIds()).toEqual(['root', 'db', 'llm', 'fail']);
    const root = row('root');
    expect(root.getAttribute('role')).toBe('treeitem');
    expect(root.getAttribute('aria-level')).toBe('1');
    expect(root.getAttribute('aria-expanded')).toBe('true');
    expect(root.getAttribute('aria-selected')).toBe('false');
    expect(row('fail').getAttribute('data-depth')).toBe('2');
    expect(row('fail').getAttribute('aria-level')).toBe('3');
    expect(row('db').hasAttribute('aria-expanded')).toBe(false);
    expect(root.textContent).toContain('gateway');
    expect(root.textContent).toContain('GET /cart');
    // The toggle says how many children there are.
    expect(within(root).getByTestId('span-toggle').textContent).toContain('2');
  });

  it('shows badges for HTTP status, database and GenAI model', () => {
    renderWaterfall(trace);
    expect(row('root').querySelector('[data-badge="http"]')?.textContent).toBe('200');
    expect(row('db').querySelector('[data-badge="db"]')?.textContent).toBe('postgresql');
    expect(row('llm').querySelector('[data-badge="genai"]')?.textContent).toBe('gpt-4o');
    expect(row('fail').querySelector('[data-badge]')).toBeNull();
  });

  it('marks errors, and a collapsed parent whose hidden descendants have errors', () => {
    renderWaterfall(trace);
    expect(within(row('fail')).getByTestId('error-mark')).toBeTruthy();
    expect(within(row('llm')).queryByTestId('hidden-error-mark')).toBeNull();
    fireEvent.click(within(row('llm')).getByTestId('span-toggle'));
    expect(within(row('llm')).getByTestId('hidden-error-mark').getAttribute('title')).toMatch(/collapsed descendants/);
    expect(within(row('root')).queryByTestId('error-mark')).toBeNull();
  });

  it('places the bar on the time scale with its duration, self time apart from child time', () => {
    renderWaterfall(trace);
    const bar = within(row('db')).getByTestId('span-bar');
    expect(bar.style.left).toBe('10%');
    expect(bar.style.width).toBe('30%');
    expect(row('db').textContent).toContain('300 µs');
    fireEvent.pointerMove(bar, { clientX: 300, clientY: 40 });
    expect(tooltipLine('Duration')).toEqual({ value: '300 µs', exact: '300,000 ns' });
    // The root's children cover 100–400 µs and 500–900 µs: those parts are drawn as child time.
    const covered = Array.from(row('root').querySelectorAll<HTMLElement>('.wf-children'), (e) => [
      e.style.left,
      e.style.width,
    ]);
    expect(covered).toEqual([
      ['10%', '30%'],
      ['50%', '40%'],
    ]);
    // Over the part of the root's bar where a child ran, the tooltip is still the root's.
    fireEvent.pointerMove(row('root').querySelector('.wf-children')!, { clientX: 300, clientY: 10 });
    expect(tooltipLine('Name')?.value).toBe('GET /cart');
    expect(tooltipLine('Self time')?.value).toBe('300 µs');
  });

  it("shows the flamegraph's tooltip on a bar, in place of a native title, and hides it when the pointer leaves", () => {
    renderWaterfall(trace);
    const bar = within(row('fail')).getByTestId('span-bar');
    expect(bar.getAttribute('title')).toBeNull();
    fireEvent.pointerMove(bar, { clientX: 500, clientY: 80 });
    const tip = screen.getByTestId('bar-tooltip');
    expect(tip.getAttribute('role')).toBe('tooltip');
    expect(tooltipLine('Service')?.value).toBe('ai');
    expect(tooltipLine('Name')?.value).toBe('retry');
    expect(tooltipLine('Starts at')).toEqual({ value: '+600 µs', exact: '600,000 ns' });
    expect(tooltipLine('Share of trace')?.value).toBe('10%');
    expect(tooltipLine('Status')?.value).toBe('error');
    // The same lines as the flamegraph's tooltip for the same span: one builder for both.
    const analysis = analyzeTrace(trace);
    expect([...tip.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(
      spanTooltipLines(trace, indexOf(trace, 'fail'), analysis).map((l) => l.label),
    );
    fireEvent.pointerLeave(screen.getByTestId('waterfall-rows'));
    expect(screen.queryByTestId('bar-tooltip')).toBeNull();
    // The row keeps its accessible name.
    expect(row('fail').getAttribute('aria-label')).toBe('ai: retry, 100 µs, error');
  });

  it('shows no bar tooltip over the empty part of a timeline', () => {
    renderWaterfall(trace);
    fireEvent.pointerMove(row('db').querySelector('.wf-timeline')!, { clientX: 700, clientY: 30 });
    expect(screen.queryByTestId('bar-tooltip')).toBeNull();
  });

  it('shows event marks with the event name and offset on hover', () => {
    renderWaterfall(trace);
    const [mark] = within(row('llm')).getAllByTestId('span-event');
    expect(mark.getAttribute('title')).toBe('Event: first token at +0 ns');
    expect(mark.style.left).toBe('50%');
  });

  it('draws the critical path on the spans it runs through and marks the slowest spans', () => {
    renderWaterfall(trace);
    const analysis = analyzeTrace(trace);
    const onPath = trace.spans.filter((s) => analysis.onCriticalPath[s.index] === 1).map((s) => s.spanId);
    expect(onPath).toContain('llm');
    for (const id of ['root', 'db', 'llm', 'fail']) {
      const drawn = row(id).querySelectorAll('.wf-critical').length > 0;
      expect(drawn, id).toBe(onPath.includes(id));
    }
    // Every span of a four-span trace is among the ten slowest.
    expect(within(row('db')).getByTestId('slow-mark')).toBeTruthy();
  });

  it('marks slow only the spans whose self time stands out, and only on the part of the bar that is self time', () => {
    // root works 750 of 1,000 µs itself; a works 200 (20%); tiny works 50 (5%): all three are
    // among the ten slowest of this small trace, but only the first two stand out.
    const slow = makeTrace([
      { id: 'root', start: 0, dur: 1_000_000, name: 'handle' },
      { id: 'a', parent: 'root', start: 100_000, dur: 200_000, name: 'query' },
      { id: 'tiny', parent: 'root', start: 400_000, dur: 50_000, name: 'cache' },
    ]);
    renderWaterfall(slow);
    expect(within(row('root')).queryByTestId('slow-mark')).toBeTruthy();
    expect(within(row('a')).queryByTestId('slow-mark')).toBeTruthy();
    expect(within(row('tiny')).queryByTestId('slow-mark')).toBeNull();
    expect(within(row('tiny')).queryAllByTestId('slow-self')).toHaveLength(0);
    const parts = within(row('root'))
      .getAllByTestId('slow-self')
      .map((el) => [parseFloat(el.style.left), parseFloat(el.style.width)]);
    expect(parts.map(([l, w]) => [Math.round(l), Math.round(l + w)])).toEqual([
      [0, 10],
      [30, 40],
      [45, 100],
    ]);
    const [leaf] = within(row('a')).getAllByTestId('slow-self');
    expect([Math.round(parseFloat(leaf.style.left)), Math.round(parseFloat(leaf.style.width))]).toEqual([10, 20]);
  });

  it('names the service where it changes and keeps repeats out of the way of the name', () => {
    renderWaterfall(trace);
    // fail is an 'ai' span under the 'ai' llm span; llm is under gateway.
    expect(row('llm').querySelector('.wf-service')!.className).not.toContain('wf-service--repeat');
    expect(row('fail').querySelector('.wf-service')!.className).toContain('wf-service--repeat');
    // Still in the row's text, for search and screen readers.
    expect(row('fail').textContent).toContain('ai');
  });

  it('renders only the rows on screen for a long trace', () => {
    const specs: SpanSpec[] = [{ id: 'root', start: 0, dur: 10_000 }];
    for (let i = 0; i < 1500; i++) specs.push({ id: `c${i}`, parent: 'root', start: i, dur: 5 });
    renderWaterfall(makeTrace(specs));
    expect(screen.getByTestId('waterfall-rows').getAttribute('data-row-count')).toBe('1501');
    const rendered = rowIds().length;
    expect(rendered).toBeGreaterThanOrEqual(20);
    expect(rendered).toBeLessThan(60);
  });

  it('selects a row when it is clicked', () => {
    renderWaterfall(trace);
    fireEvent.click(row('db'));
    expect(row('db').getAttribute('aria-selected')).toBe('true');
    expect(row('root').getAttribute('aria-selected')).toBe('false');
  });
});

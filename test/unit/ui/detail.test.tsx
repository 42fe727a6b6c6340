import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Span, Trace } from '../../../src/model/trace.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { SidePanel } from '../../../src/ui/detail/SidePanel.tsx';
import { SpanDetail } from '../../../src/ui/detail/SpanDetail.tsx';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const API = '00000000000000a1';
const DB = '00000000000000b2';
const CACHE = '00000000000000c3';

/** A trace whose API span carries every kind of detail the pane shows. */
function richTrace(): Trace {
  const base = makeTrace(
    [
      {
        id: API,
        start: 0,
        dur: 10_000_000,
        service: 'api',
        name: 'GET /checkout',
        kind: 'server',
        error: true,
        attrs: {
          'http.url': 'https://shop.example/checkout?id=7',
          'http.status_code': { type: 'int', value: '9223372036854775807' },
          'cache.hit': false,
          ratio: 0.75,
          tags: {
            type: 'array',
            value: [
              { type: 'string', value: 'a' },
              { type: 'string', value: 'b' },
            ],
          },
          payload: '{"order":{"id":12345678901234567890,"items":[1,2]}}',
          'evil.html': '<img src=x onerror="window.__pwned=1">',
          'evil.link': 'javascript:alert(1)',
          'long.text': 'word '.repeat(200),
        },
      },
      { id: DB, parent: API, start: 2_000_000, dur: 5_000_000, service: 'postgres', name: 'SELECT' },
      { id: CACHE, parent: 'ffffffffffffffff', start: 1_000_000, dur: 1_000_000, service: 'cache', name: 'get' },
    ],
    { traceId: TRACE_ID },
  );
  const patch = (span: Span): Span =>
    span.spanId !== API
      ? span
      : {
          ...span,
          status: { code: 'error', message: 'payment declined' },
          resource: {
            serviceName: 'api',
            attributes: [{ key: 'host.name', value: { type: 'string', value: 'web-7' } }],
          },
          scope: {
            name: 'io.opentelemetry.http',
            version: '1.2.3',
            attributes: [{ key: 'scope.flag', value: { type: 'bool', value: true } }],
          },
          events: [
            {
              timeNs: span.startNs + 4_000_000,
              name: 'retry',
              attributes: [{ key: 'attempt', value: { type: 'int', value: '2' } }],
            },
            { timeNs: span.startNs + 1_500_000, name: 'cache miss', attributes: [] },
          ],
          links: [
            { traceId: TRACE_ID, spanId: DB, relation: 'follows_from', attributes: [] },
            {
              traceId: 'fedcba9876543210fedcba9876543210',
              spanId: '1111111111111111',
              relation: 'link',
              attributes: [],
            },
          ],
        };
  return { ...base, spans: base.spans.map(patch) };
}

function attrRow(key: string): HTMLElement {
  const row = screen.getByTestId('span-attributes').querySelector<HTMLElement>(`[data-attr-key="${key}"]`);
  if (!row) throw new Error(`no attribute row ${key}`);
  return row;
}

function shownAttributeKeys(testId = 'span-attributes'): string[] {
  return [...screen.getByTestId(testId).querySelectorAll('[data-attr-key]')].map(
    (e) => e.getAttribute('data-attr-key')!,
  );
}

beforeEach(() => {
  useTraceStore.setState({ selectedSpan: null });
  localStorage.clear();
});
afterEach(() => vi.unstubAllGlobals());

describe('SpanDetail', () => {
  it('shows the span name, service, kind, status message and timing with self time', () => {
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    const pane = screen.getByTestId('span-detail');
    expect(pane.getAttribute('data-span-id')).toBe(API);
    expect(within(pane).getByRole('heading', { name: 'GET /checkout' })).toBeTruthy();
    expect(pane.textContent).toContain('api');
    expect(pane.textContent).toContain('server');
    expect(screen.getByTestId('span-status').textContent).toBe('Error');
    expect(pane.textContent).toContain('payment declined');
    expect(pane.textContent).toContain('10 ms');
    // 10 ms minus the 5 ms child.
    expect(screen.getByTestId('self-time').textContent).toBe('5 ms');
    expect(screen.getByTestId('self-time').getAttribute('title')).toContain('5,000,000 ns');
  });

  it('shows the start offset from the trace start', () => {
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, DB)} />);
    expect(screen.getByText('+2 ms')).toBeTruthy();
  });

  it('renders attribute values by type: int64 digits, bools, doubles, arrays', () => {
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    expect(attrRow('http.status_code').getAttribute('data-attr-type')).toBe('int');
    expect(within(attrRow('http.status_code')).getByTestId('attr-value-text').textContent).toBe('9223372036854775807');
    expect(within(attrRow('cache.hit')).getByTestId('attr-value-text').textContent).toBe('false');
    expect(attrRow('cache.hit').textContent).toContain('bool');
    expect(within(attrRow('ratio')).getByTestId('attr-value-text').textContent).toBe('0.75');
    expect(within(attrRow('tags')).getByTestId('attr-value-text').textContent).toBe('["a", "b"]');
    expect(attrRow('tags').textContent).toContain('array[2]');
  });

  it('filters attributes by key or value', () => {
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    const filter = screen.getByTestId('attribute-filter');
    fireEvent.change(filter, { target: { value: 'HTTP.' } });
    expect(shownAttributeKeys()).toEqual(['http.url', 'http.status_code']);
    fireEvent.change(filter, { target: { value: '922337' } });
    expect(shownAttributeKeys()).toEqual(['http.status_code']);
    // Resource attributes are filtered too.
    fireEvent.change(filter, { target: { value: 'web-7' } });
    expect(shownAttributeKeys()).toEqual([]);
    expect(shownAttributeKeys('resource-attributes')).toEqual(['host.name']);
    expect(screen.getByTestId('span-attributes').textContent).toContain('None match the filter');
    fireEvent.change(filter, { target: { value: '' } });
    expect(shownAttributeKeys()).toHaveLength(9);
  });

  it('pretty-prints a JSON string on request, keeping large numbers exact', () => {
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    const row = attrRow('payload');
    const text = () => within(row).getByTestId('attr-value-text').textContent;
    expect(text()).toBe('{"order":{"id":12345678901234567890,"items":[1,2]}}');
    fireEvent.click(within(row).getByRole('button', { name: 'Format JSON' }));
    expect(text()).toBe(
      '{\n  "order": {\n    "id": 12345678901234567890,\n    "items": [\n      1,\n      2\n    ]\n  }\n}',
    );
    fireEvent.click(within(row).getByRole('button', { name: 'Show raw' }));
    expect(text()).toBe('{"order":{"id":12345678901234567890,"items":[1,2]}}');
    // Values that are not JSON get no such button.
    expect(within(attrRow('http.url')).queryByRole('button', { name: 'Format JSON' })).toBeNull();
  });

  it('folds long values behind "show more"', () => {
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    const row = attrRow('long.text');
    const text = () => within(row).getByTestId('attr-value-text').textContent!;
    expect(text().length).toBeLessThan(400);
    expect(text().endsWith('…')).toBe(true);
    fireEvent.click(within(row).getByRole('button', { name: /Show more/ }));
    expect(text()).toBe('word '.repeat(200));
    fireEvent.click(within(row).getByRole('button', { name: 'Show less' }));
    expect(text().endsWith('…')).toBe(true);
  });

  it('links http(s) URLs safely and shows everything else as plain text', () => {
    const trace = richTrace();
    const { container } = render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    const link = within(attrRow('http.url')).getByRole('link');
    expect(link.getAttribute('href')).toBe('https://shop.example/checkout?id=7');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(within(attrRow('evil.link')).queryByRole('link')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(within(attrRow('evil.html')).getByTestId('attr-value-text').textContent).toBe(
      '<img src=x onerror="window.__pwned=1">',
    );
    expect(container.querySelectorAll('a')).toHaveLength(1);
  });

  it('shows resource attributes and the scope with its version and attributes', () => {
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    expect(shownAttributeKeys('resource-attributes')).toEqual(['host.name']);
    const scope = screen.getByTestId('span-scope');
    expect(scope.textContent).toContain('io.opentelemetry.http');
    expect(scope.textContent).toContain('1.2.3');
    expect(scope.querySelector('[data-attr-key="scope.flag"]')).not.toBeNull();
  });

  it('lists events in time order with their offset from the span start and their attributes', () => {
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    const events = within(screen.getByTestId('span-events')).getAllByRole('listitem');
    expect(events.map((e) => e.querySelector('.event__name')!.textContent)).toEqual(['cache miss', 'retry']);
    expect(events.map((e) => e.querySelector('.event__offset')!.textContent)).toEqual(['+1.5 ms', '+4 ms']);
    expect(events[0].getAttribute('data-offset-ns')).toBe('1500000');
    expect(events[1].querySelector('[data-attr-key="attempt"]')!.textContent).toContain('2');
  });

  it('selects a linked span that is in the trace, and names one that is not by its ids', () => {
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    const links = screen.getByTestId('span-links');
    const inTrace = links.querySelector<HTMLElement>(`[data-link-span-id="${DB}"]`)!;
    expect(inTrace.textContent).toContain('Follows from');
    fireEvent.click(within(inTrace).getByRole('button', { name: 'postgres: SELECT' }));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, DB));

    const outside = links.querySelector<HTMLElement>('[data-link-span-id="1111111111111111"]')!;
    expect(within(outside).queryByRole('button')).toBeNull();
    expect(outside.textContent).toContain('fedcba9876543210fedcba9876543210');
    expect(outside.textContent).toContain('not in the loaded trace');
  });

  it('opens a linked span that is in another loaded trace there, selected', () => {
    const trace = richTrace();
    const other = makeTrace(
      [
        { id: '2222222222222222', start: 0, dur: 5_000_000, service: 'producer', name: 'publish' },
        {
          id: '1111111111111111',
          parent: '2222222222222222',
          start: 1_000_000,
          dur: 1_000_000,
          service: 'producer',
          name: 'send batch',
        },
      ],
      { traceId: 'fedcba9876543210fedcba9876543210' },
    );
    useTraceStore.setState({
      files: [{ fileName: 'both.json', format: 'otlp', traces: [trace, other], warnings: [], notes: [] }],
      current: { file: 0, trace: 0 },
    });
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    const entry = screen
      .getByTestId('span-links')
      .querySelector<HTMLElement>('[data-link-span-id="1111111111111111"]')!;
    expect(entry.textContent).toContain('in another loaded trace');
    fireEvent.click(within(entry).getByRole('button', { name: 'producer: send batch' }));
    const state = useTraceStore.getState();
    expect(state.current).toEqual({ file: 0, trace: 1 });
    expect(state.selectedSpan).toBe(indexOf(other, '1111111111111111'));
    useTraceStore.setState({ files: [], current: null });
  });

  it('copies ids, attribute keys and values', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, DB)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy span id' }));
    expect(writeText).toHaveBeenLastCalledWith(DB);
    fireEvent.click(screen.getByRole('button', { name: 'Copy trace id' }));
    expect(writeText).toHaveBeenLastCalledWith(TRACE_ID);
    fireEvent.click(screen.getByRole('button', { name: 'Copy parent id' }));
    expect(writeText).toHaveBeenLastCalledWith(API);

    const api = indexOf(trace, API);
    render(<SpanDetail trace={trace} spanIndex={api} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy value of http.status_code' }));
    expect(writeText).toHaveBeenLastCalledWith('9223372036854775807');
    fireEvent.click(screen.getByRole('button', { name: 'Copy key http.status_code' }));
    expect(writeText).toHaveBeenLastCalledWith('http.status_code');
  });

  it('gives each attribute one row, key then value, with one Copy button that copies the value', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const trace = richTrace();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, API)} />);
    const row = attrRow('cache.hit');
    // One key cell and one value cell, side by side in the same row.
    expect([...row.children].map((c) => c.tagName)).toEqual(['DT', 'DD']);
    const copies = within(row)
      .getAllByRole('button')
      .filter((b) => b.textContent === 'Copy');
    expect(copies.map((b) => b.getAttribute('aria-label'))).toEqual(['Copy value of cache.hit']);
    fireEvent.click(copies[0]);
    expect(writeText).toHaveBeenLastCalledWith('false');
    // The key copies itself: shown as the key's text, named for what it does.
    const key = within(row).getByRole('button', { name: 'Copy key cache.hit' });
    expect(key.textContent).toBe('cache.hit');
    fireEvent.click(key);
    expect(writeText).toHaveBeenLastCalledWith('cache.hit');
    await vi.waitFor(() => expect(key.getAttribute('title')).toBe('Copied'));
  });

  it('selects the parent from the ids, and says when the parent is missing', () => {
    const trace = richTrace();
    const { unmount } = render(<SpanDetail trace={trace} spanIndex={indexOf(trace, DB)} />);
    fireEvent.click(screen.getByRole('button', { name: 'select parent' }));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, API));
    unmount();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, CACHE)} />);
    expect(screen.getByTestId('span-detail').textContent).toContain('not in the trace');
  });

  it("shows the trace's warnings about this span only", () => {
    const trace = richTrace();
    const cache = indexOf(trace, CACHE);
    expect(trace.warnings.some((w) => w.spanIndex === cache && w.code === 'missing-parent')).toBe(true);
    const { unmount } = render(<SpanDetail trace={trace} spanIndex={cache} />);
    const warnings = screen.getByTestId('span-warnings');
    expect(warnings.querySelector('[data-warning-code="missing-parent"]')!.textContent).toContain('ffffffffffffffff');
    unmount();
    render(<SpanDetail trace={trace} spanIndex={indexOf(trace, DB)} />);
    expect(screen.queryByTestId('span-warnings')).toBeNull();
  });
});

describe('SidePanel', () => {
  it('closes by clearing the selection, from the button or with Escape', () => {
    useTraceStore.setState({ selectedSpan: 1 });
    render(
      <SidePanel>
        <button type="button">inside</button>
      </SidePanel>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Close span details' }));
    expect(useTraceStore.getState().selectedSpan).toBeNull();
    useTraceStore.setState({ selectedSpan: 1 });
    fireEvent.keyDown(screen.getByRole('button', { name: 'inside' }), { key: 'Escape' });
    expect(useTraceStore.getState().selectedSpan).toBeNull();
  });

  it('resizes with the arrow keys on its handle and remembers the width', () => {
    const { unmount } = render(<SidePanel>content</SidePanel>);
    const handle = screen.getByRole('separator', { name: 'Resize the details panel' });
    const panel = screen.getByTestId('side-panel');
    const before = Number(handle.getAttribute('aria-valuenow'));
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    const wider = Number(handle.getAttribute('aria-valuenow'));
    expect(wider).toBeGreaterThan(before);
    expect(panel.style.width).toBe(`${wider}px`);
    fireEvent.keyDown(handle, { key: 'ArrowRight', shiftKey: true });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBeLessThan(wider);
    fireEvent.keyDown(handle, { key: 'Home' });
    const min = Number(handle.getAttribute('aria-valuenow'));
    expect(min).toBe(Number(handle.getAttribute('aria-valuemin')));
    unmount();
    render(<SidePanel>content</SidePanel>);
    expect(Number(screen.getByRole('separator').getAttribute('aria-valuenow'))).toBe(min);
  });

  it('resizes by dragging its left edge', () => {
    render(<SidePanel>content</SidePanel>);
    const handle = screen.getByRole('separator');
    const before = Number(handle.getAttribute('aria-valuenow'));
    fireEvent.pointerDown(handle, { button: 0, clientX: 500, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 440, pointerId: 1 });
    fireEvent.pointerUp(handle, { clientX: 440, pointerId: 1 });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(before + 60);
  });
});

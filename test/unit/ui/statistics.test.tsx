import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { NO_FILTERS, useViewStore } from '../../../src/state/view-store.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { StatisticsView } from '../../../src/ui/analysis/StatisticsView.tsx';
import { useStatsSettings } from '../../../src/ui/analysis/stats-settings.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

const trace = makeTrace([
  { id: 'root', start: 0, dur: 100 * MS, service: 'frontend', name: 'GET /', attrs: { 'http.method': 'GET' } },
  { id: 'a1', parent: 'root', start: 5 * MS, dur: 20 * MS, service: 'auth', name: 'check', error: true },
  { id: 'a2', parent: 'root', start: 30 * MS, dur: 2 * MS, service: 'auth', name: 'check' },
  {
    id: 'd1',
    parent: 'root',
    start: 40 * MS,
    dur: 50 * MS,
    service: 'db',
    name: 'query',
    attrs: { 'db.system': 'postgres' },
  },
  {
    id: 'd2',
    parent: 'd1',
    start: 41 * MS,
    dur: 1 * MS,
    service: 'db',
    name: 'connect',
    attrs: { 'db.system': 'postgres' },
  },
]);

function labels(): string[] {
  const rows = within(screen.getByTestId('statistics')).getAllByRole('row').slice(1);
  return rows.map((r) => r.getAttribute('data-label')!);
}

function header(name: string): HTMLElement {
  return screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });
}

beforeEach(() => {
  useStatsSettings.setState({ mode: 'service', attributeKey: '', column: 'selfTotalNs', direction: 'desc' });
  useViewStore.setState({ view: 'stats', filters: NO_FILTERS });
});

describe('StatisticsView', () => {
  it('groups by service with counts, durations, errors and exact values in tooltips', () => {
    render(<StatisticsView trace={trace} />);
    // Self totals: frontend 100-72=28, db 49+1=50, auth 22.
    expect(labels()).toEqual(['db', 'frontend', 'auth']);
    const auth = screen.getByTestId('statistics').querySelector<HTMLElement>('tr[data-label="auth"]')!;
    const cells = within(auth)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    // Count, total, self total, average, p50, p95, max, errors, share.
    expect(cells).toEqual(['2', '22 ms', '22 ms', '11 ms', '2 ms', '20 ms', '20 ms', '1', '22.0%']);
    expect(within(auth).getAllByRole('cell')[1].getAttribute('title')).toBe('22,000,000 ns');
    expect(header('Self total').getAttribute('aria-sort')).toBe('descending');
  });

  it('sorts by a clicked column, and reverses on a second click', () => {
    render(<StatisticsView trace={trace} />);
    fireEvent.click(within(header('Count')).getByRole('button'));
    expect(header('Count').getAttribute('aria-sort')).toBe('descending');
    expect(header('Self total').getAttribute('aria-sort')).toBe('none');
    // Two spans each for db and auth (tie broken by label), one for frontend.
    expect(labels()).toEqual(['auth', 'db', 'frontend']);
    fireEvent.click(within(header('Count')).getByRole('button'));
    expect(header('Count').getAttribute('aria-sort')).toBe('ascending');
    expect(labels()).toEqual(['frontend', 'auth', 'db']);
    fireEvent.click(within(header('Group')).getByRole('button'));
    expect(header('Group').getAttribute('aria-sort')).toBe('ascending');
    expect(labels()).toEqual(['auth', 'db', 'frontend']);
    fireEvent.click(within(header('Max')).getByRole('button'));
    expect(labels()).toEqual(['frontend', 'db', 'auth']);
  });

  it('groups by service and operation', () => {
    render(<StatisticsView trace={trace} />);
    fireEvent.change(screen.getByTestId('stats-group-by'), { target: { value: 'operation' } });
    expect(labels()).toEqual(['db: query', 'frontend: GET /', 'auth: check', 'db: connect']);
  });

  it('groups by an attribute key chosen from the trace’s keys', () => {
    render(<StatisticsView trace={trace} />);
    fireEvent.change(screen.getByTestId('stats-group-by'), { target: { value: 'attribute' } });
    const input = screen.getByTestId('stats-attribute-key') as HTMLInputElement;
    const datalist = document.getElementById(input.getAttribute('list') ?? '')!;
    const options = [...datalist.querySelectorAll('option')].map((o) => o.getAttribute('value'));
    expect(options).toEqual(['db.system', 'http.method']);
    expect(screen.queryByTestId('statistics')).toBeNull();
    fireEvent.change(input, { target: { value: 'db.system' } });
    // Both groups have 50 ms of self time, so they are ordered by label.
    expect(labels()).toEqual(['(none)', 'postgres']);
    const postgres = screen.getByTestId('statistics').querySelector<HTMLElement>('tr[data-label="postgres"]')!;
    expect(within(postgres).getAllByRole('cell')[0].textContent).toBe('2');
  });

  it('filters the waterfall to a row’s spans when the row is clicked', () => {
    render(<StatisticsView trace={trace} />);
    const row = screen.getByTestId('statistics').querySelector<HTMLElement>('tr[data-label="auth"]')!;
    fireEvent.click(within(row).getAllByRole('cell')[3]);
    const { filters, view } = useViewStore.getState();
    expect(view).toBe('waterfall');
    expect(filters.spanSet).toEqual({ label: 'auth', indexes: [indexOf(trace, 'a1'), indexOf(trace, 'a2')] });
  });

  it('zooms the timeline to the spans of the clicked row, replacing a zoom left from another view', () => {
    act(() =>
      useTraceStore
        .getState()
        .finishLoad([{ fileName: 't.json', format: 'otlp', traces: [trace], warnings: [], notes: [] }], []),
    );
    // A zoom set in the flamegraph on the trace's last 5 ms, where no auth span ran.
    useViewStore.getState().setZoom({ startNs: 95 * MS, endNs: 100 * MS });
    render(<StatisticsView trace={trace} />);
    const row = screen.getByTestId('statistics').querySelector<HTMLElement>('tr[data-label="auth"]')!;
    fireEvent.click(within(row).getAllByRole('cell')[3]);
    const zoom = useViewStore.getState().zoom!;
    // auth ran from 5 ms to 32 ms: the window holds all of that and little more.
    expect(zoom.startNs).toBeLessThanOrEqual(5 * MS);
    expect(zoom.endNs).toBeGreaterThanOrEqual(32 * MS);
    expect(zoom.endNs - zoom.startNs).toBeLessThan(30 * MS);
    act(() => useTraceStore.setState({ files: [], current: null }));
  });

  it('offers the same action from the keyboard through the group name', () => {
    render(<StatisticsView trace={trace} />);
    const row = screen.getByTestId('statistics').querySelector<HTMLElement>('tr[data-label="db"]')!;
    fireEvent.click(within(row).getByRole('button', { name: 'db' }));
    expect(useViewStore.getState().filters.spanSet?.indexes).toEqual([indexOf(trace, 'd1'), indexOf(trace, 'd2')]);
    expect(useViewStore.getState().view).toBe('waterfall');
  });
});

import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyzeTrace } from '../../../src/state/analysis-cache.ts';
import { useViewStore } from '../../../src/state/view-store.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';
import { renderWaterfall, row, rowIds, stubLayout } from './waterfall-test-utils.tsx';

stubLayout();

const ms = 1_000_000;
const trace = makeTrace([
  { id: 'root', start: 0, dur: 100 * ms, service: 'gateway' },
  { id: 'orders', parent: 'root', start: 1 * ms, dur: 60 * ms, service: 'orders' },
  { id: 'db', parent: 'orders', start: 2 * ms, dur: 50 * ms, service: 'db', error: true },
  { id: 'cache', parent: 'root', start: 30 * ms, dur: 400_000, service: 'cache' },
  { id: 'auth', parent: 'root', start: 80 * ms, dur: 5 * ms, service: 'auth' },
]);
const check = (name: string) => fireEvent.click(screen.getByRole('checkbox', { name }));

describe('filters', () => {
  it('errors only keeps errors and their ancestors, the ancestors dimmed', () => {
    renderWaterfall(trace);
    check('Errors only');
    expect(rowIds()).toEqual(['root', 'orders', 'db']);
    expect(row('orders').classList.contains('wf-row--context')).toBe(true);
    expect(row('db').classList.contains('wf-row--context')).toBe(false);
    expect(screen.getByTestId('rows-shown').textContent).toBe('3 of 5 spans shown');
    check('Errors only');
    expect(rowIds()).toHaveLength(5);
  });

  it('filters by several services', () => {
    renderWaterfall(trace);
    const picker = screen.getByTestId('service-filter');
    fireEvent.click(screen.getByRole('checkbox', { name: 'cache' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'auth' }));
    expect(picker.querySelector('summary')?.textContent).toBe('Services: 2 of 5');
    expect(rowIds()).toEqual(['root', 'cache', 'auth']);
    fireEvent.click(screen.getByRole('button', { name: 'All services' }));
    expect(rowIds()).toHaveLength(5);
  });

  it('hides spans shorter than the minimum duration typed in human units', () => {
    renderWaterfall(trace);
    const input = screen.getByTestId('min-duration');
    fireEvent.change(input, { target: { value: '10ms' } });
    expect(rowIds()).toEqual(['root', 'orders', 'db']);
    fireEvent.change(input, { target: { value: '500us' } });
    expect(rowIds()).toEqual(['root', 'orders', 'db', 'auth']);
    fireEvent.change(input, { target: { value: '10 lightyears' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    // An unreadable entry leaves the last good filter in place.
    expect(rowIds()).toEqual(['root', 'orders', 'db', 'auth']);
    fireEvent.change(input, { target: { value: '' } });
    expect(rowIds()).toHaveLength(5);
  });

  it('critical path only keeps the spans on the main critical path', () => {
    renderWaterfall(trace);
    check('Critical path only');
    const onPath = analyzeTrace(trace).onCriticalPath;
    const expected = trace.tree.preorder.filter((i) => onPath[i] === 1);
    expect(rowIds()).toEqual(Array.from(expected, (i) => trace.spans[i].spanId));
    expect(rowIds()).not.toContain('cache');
  });

  it('shows a span set chosen in another view, with a chip that clears it', () => {
    renderWaterfall(trace);
    act(() =>
      useViewStore.getState().setFilters({ spanSet: { label: 'auth: login', indexes: [indexOf(trace, 'auth')] } }),
    );
    expect(rowIds()).toEqual(['root', 'auth']);
    const chip = screen.getByTestId('span-set-chip');
    expect(chip.textContent).toContain('Filtered: auth: login');
    fireEvent.click(chip);
    expect(rowIds()).toHaveLength(5);
    expect(screen.queryByTestId('span-set-chip')).toBeNull();
  });

  it('turning a filter on expands the collapsed spans above what it kept', () => {
    renderWaterfall(trace);
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(rowIds()).toEqual(['root']);
    check('Errors only');
    expect(rowIds()).toEqual(['root', 'orders', 'db']);
  });
});

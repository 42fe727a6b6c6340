import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { indexOf, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';
import { renderWaterfall, row, rowIds, selectedSpanId, stubLayout } from './waterfall-test-utils.tsx';

stubLayout();

const trace = makeTrace([
  { id: 'r', start: 0, dur: 100 },
  { id: 'a', parent: 'r', start: 10, dur: 40 },
  { id: 'a1', parent: 'a', start: 15, dur: 5 },
  { id: 'b', parent: 'r', start: 60, dur: 30 },
]);
const tree = () => screen.getByRole('tree', { name: 'Spans' });
const press = (key: string, target: HTMLElement = tree()) => fireEvent.keyDown(target, { key });

describe('keyboard', () => {
  it('up and down move the selection through the rows', () => {
    renderWaterfall(trace);
    tree().focus();
    press('ArrowDown');
    expect(selectedSpanId(trace)).toBe('r');
    press('ArrowDown');
    press('ArrowDown');
    expect(selectedSpanId(trace)).toBe('a1');
    expect(row('a1').getAttribute('aria-selected')).toBe('true');
    expect(tree().getAttribute('aria-activedescendant')).toBe(row('a1').id);
    press('ArrowUp');
    expect(selectedSpanId(trace)).toBe('a');
    press('End');
    expect(selectedSpanId(trace)).toBe('b');
    press('ArrowDown');
    expect(selectedSpanId(trace)).toBe('b');
  });

  it('left collapses, or moves to the parent; right expands, or moves to the first child', () => {
    renderWaterfall(trace);
    fireEvent.click(row('a1'));
    press('ArrowLeft');
    expect(selectedSpanId(trace)).toBe('a');
    press('ArrowLeft');
    expect(rowIds()).toEqual(['r', 'a', 'b']);
    expect(selectedSpanId(trace)).toBe('a');
    press('ArrowLeft');
    expect(selectedSpanId(trace)).toBe('r');
    press('ArrowDown');
    press('ArrowRight');
    expect(rowIds()).toEqual(['r', 'a', 'a1', 'b']);
    press('ArrowRight');
    expect(selectedSpanId(trace)).toBe('a1');
    // A leaf has nothing to expand.
    press('ArrowRight');
    expect(selectedSpanId(trace)).toBe('a1');
  });

  it('Enter selects the row the keyboard is on (which opens its details)', () => {
    renderWaterfall(trace);
    press('Enter');
    expect(selectedSpanId(trace)).toBe('r');
  });

  it('? lists the shortcuts in a dialog that Escape closes, leaving the selection', () => {
    renderWaterfall(trace);
    fireEvent.click(row('b'));
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Show this list')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(document.activeElement ?? dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(selectedSpanId(trace)).toBe('b');
  });

  it('a selection made elsewhere expands its ancestors and scrolls it into view', async () => {
    const specs: SpanSpec[] = [{ id: 'root', start: 0, dur: 1e6 }];
    for (let i = 0; i < 300; i++) specs.push({ id: `c${i}`, parent: 'root', start: i, dur: 100 });
    specs.push({ id: 'deep', parent: 'c250', start: 251, dur: 10 });
    const big = makeTrace(specs);
    renderWaterfall(big);
    fireEvent.click(screen.getByRole('button', { name: 'Collapse one level' }));
    expect(rowIds()).not.toContain('deep');
    act(() => useTraceStore.getState().selectSpan(indexOf(big, 'deep')));
    await waitFor(() => expect(row('deep').getAttribute('aria-selected')).toBe('true'));
    expect(tree().scrollTop).toBeGreaterThan(200 * 24);
  });

  it('the name column resizes from the keyboard', () => {
    renderWaterfall(trace);
    const handle = screen.getByRole('separator', { name: 'Resize the name column' });
    const before = Number(handle.getAttribute('aria-valuenow'));
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(before + 16);
    fireEvent.keyDown(handle, { key: 'ArrowLeft', shiftKey: true });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(before + 16 - 64);
    expect(screen.getByTestId('waterfall').style.getPropertyValue('--wf-name-width')).toBe(`${before - 48}px`);
  });
});

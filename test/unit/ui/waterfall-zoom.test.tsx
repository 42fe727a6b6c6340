import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useViewStore } from '../../../src/state/view-store.ts';
import { tickFormatter } from '../../../src/ui/waterfall/tick-format.ts';
import { panZoom, scaleZoom, zoomBetween } from '../../../src/ui/waterfall/zoom.ts';
import { makeTrace } from '../../helpers/make-trace.ts';
import { renderWaterfall, row, stubLayout } from './waterfall-test-utils.tsx';

stubLayout();

const ms = 1_000_000;
const trace = makeTrace([
  { id: 'root', start: 0, dur: 400 * ms },
  { id: 'early', parent: 'root', start: 10 * ms, dur: 40 * ms },
  { id: 'late', parent: 'root', start: 200 * ms, dur: 100 * ms },
]);
const axis = () => screen.getByTestId('time-axis');
const axisRange = () => [Number(axis().getAttribute('data-start-ns')), Number(axis().getAttribute('data-end-ns'))];

describe('axis labels', () => {
  it('use one unit per axis and as many decimals as the step needs', () => {
    const whole = tickFormatter(400 * ms, 50 * ms);
    expect([0, 50 * ms, 400 * ms].map(whole)).toEqual(['0', '50 ms', '400 ms']);
    const zoomed = tickFormatter(12.5 * ms, 0.02 * ms);
    expect(zoomed(12.34 * ms)).toBe('12.34 ms');
    expect(zoomed(12.36 * ms)).toBe('12.36 ms');
    expect(tickFormatter(2.5e9, 0.5e9)(1.5e9)).toBe('1.5 s');
    expect(tickFormatter(800, 100)(300)).toBe('300 ns');
  });

  it('show the whole trace in readable units', () => {
    renderWaterfall(trace);
    expect(axisRange()).toEqual([0, 400 * ms]);
    const labels = within(axis())
      .getAllByText(/ms$|^0$/)
      .map((e) => e.textContent);
    expect(labels[0]).toBe('0');
    expect(labels).toContain('100 ms');
  });
});

describe('zoom windows', () => {
  it('are ordered, kept inside the trace, and null when they cover it all', () => {
    expect(zoomBetween(300, 100, 1000)).toEqual({ startNs: 100, endNs: 300 });
    expect(zoomBetween(-50, 2000, 1000)).toBeNull();
    expect(zoomBetween(500, 500, 1000)).toEqual({ startNs: 495, endNs: 505 });
  });

  it('pan and scale without leaving the trace', () => {
    expect(panZoom({ startNs: 800, endNs: 900 }, 1, 1000)).toEqual({ startNs: 900, endNs: 1000 });
    expect(panZoom({ startNs: 100, endNs: 200 }, -5, 1000)).toEqual({ startNs: 0, endNs: 100 });
    expect(scaleZoom({ startNs: 400, endNs: 600 }, 0.5, 1000)).toEqual({ startNs: 450, endNs: 550 });
    expect(scaleZoom({ startNs: 0, endNs: 200 }, 2, 1000)).toEqual({ startNs: 0, endNs: 400 });
    expect(scaleZoom({ startNs: 0, endNs: 600 }, 2, 1000)).toBeNull();
  });
});

describe('zooming the waterfall', () => {
  it('zooms to the range dragged on the minimap, and resets', () => {
    renderWaterfall(trace);
    const minimap = screen.getByTestId('minimap');
    minimap.getBoundingClientRect = () => ({
      left: 100,
      top: 0,
      width: 800,
      height: 44,
      right: 900,
      bottom: 44,
      x: 100,
      y: 0,
      toJSON: () => ({}),
    });
    const reset = screen.getByTestId('reset-zoom') as HTMLButtonElement;
    expect(reset.disabled).toBe(true);
    fireEvent.pointerDown(minimap, { button: 0, clientX: 500, pointerId: 1 });
    fireEvent.pointerMove(minimap, { clientX: 420, pointerId: 1 });
    fireEvent.pointerUp(minimap, { clientX: 300, pointerId: 1 });
    expect(axisRange()).toEqual([100 * ms, 200 * ms]);
    // Bars are placed on the zoomed scale: 'early' ends and 'late' starts outside it.
    expect(within(row('late')).queryByTestId('span-bar')).toBeNull();
    expect(within(row('early')).queryByTestId('span-bar')).toBeNull();
    expect(within(row('root')).getByTestId('span-bar').style.left).toBe('-1%');
    expect(reset.disabled).toBe(false);
    fireEvent.click(reset);
    expect(axisRange()).toEqual([0, 400 * ms]);
    expect(useViewStore.getState().zoom).toBeNull();
  });

  it('a click on the minimap is not a zoom', () => {
    renderWaterfall(trace);
    const minimap = screen.getByTestId('minimap');
    fireEvent.pointerDown(minimap, { button: 0, clientX: 50, pointerId: 1 });
    fireEvent.pointerUp(minimap, { clientX: 52, pointerId: 1 });
    expect(useViewStore.getState().zoom).toBeNull();
  });

  it('zooms to the selected span, and the minimap keys zoom and pan', () => {
    renderWaterfall(trace);
    fireEvent.click(row('late'));
    fireEvent.click(screen.getByRole('button', { name: 'Zoom to span' }));
    expect(axisRange()).toEqual([195 * ms, 305 * ms]);
    act(() => useViewStore.getState().setZoom(null));
    const minimap = screen.getByTestId('minimap');
    fireEvent.keyDown(minimap, { key: '+' });
    expect(axisRange()).toEqual([100 * ms, 300 * ms]);
    fireEvent.keyDown(minimap, { key: 'ArrowRight' });
    expect(axisRange()).toEqual([140 * ms, 340 * ms]);
    fireEvent.keyDown(minimap, { key: '0' });
    expect(axisRange()).toEqual([0, 400 * ms]);
  });
});

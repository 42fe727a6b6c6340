import { describe, expect, it } from 'vitest';
import type { Trace } from '../../../src/model/trace.ts';
import { traceListRows, type TraceListRow } from '../../../src/ui/trace-list.ts';
import { scatterLayout } from '../../../src/ui/trace-scatter-layout.ts';
import { DEFAULT_EPOCH, makeTrace } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

/** A trace starting `startMs` after the base, lasting `durNs`, with `spans` spans. */
function trace(i: number, startMs: number, durNs: number, spans = 1): Trace {
  const specs = [{ id: 'root', start: 0, dur: durNs, service: 'svc', name: `op ${i}` }];
  for (let k = 1; k < spans; k++)
    specs.push({ id: `c${k}`, parent: 'root', start: 0, dur: 1, service: 'svc', name: 'child' } as (typeof specs)[0]);
  const epoch = { sec: DEFAULT_EPOCH.sec + Math.floor(startMs / 1000), nano: (startMs % 1000) * MS };
  return makeTrace(specs, { traceId: (i + 1).toString(16).padStart(32, '0'), epoch });
}

function rowsOf(traces: readonly Trace[]): TraceListRow[] {
  return traceListRows(traces.map((t, i) => ({ ref: { file: 0, trace: i }, trace: t, fileName: 'f.json' })));
}

describe('scatterLayout', () => {
  it('puts later traces to the right, longer ones higher, and bigger ones in bigger dots', () => {
    const rows = rowsOf([trace(0, 0, 10 * MS, 1), trace(1, 5_000, 30 * MS, 20), trace(2, 10_000, 20 * MS, 5)]);
    const { points, plot } = scatterLayout(rows, 600, 150);
    const [a, b, c] = points;
    expect(a.x).toBeLessThan(b.x);
    expect(b.x).toBeLessThan(c.x);
    expect(b.y).toBeLessThan(c.y);
    expect(c.y).toBeLessThan(a.y);
    expect(a.r).toBeLessThan(c.r);
    expect(c.r).toBeLessThan(b.r);
    for (const p of points) {
      expect(p.x).toBeGreaterThanOrEqual(plot.left);
      expect(p.x).toBeLessThanOrEqual(plot.right);
      expect(p.y).toBeGreaterThanOrEqual(plot.top);
      expect(p.y).toBeLessThanOrEqual(plot.bottom);
    }
  });

  it('counts durations from zero when they are alike, and labels the axis in readable units', () => {
    const rows = rowsOf([trace(0, 0, 10 * MS), trace(1, 100, 40 * MS)]);
    const { yTicks, plot } = scatterLayout(rows, 600, 150);
    expect(yTicks[0]).toEqual({ at: plot.bottom, label: '0 ns' });
    expect(yTicks.map((t) => t.label)).toContain('40 ms');
  });

  it('puts durations on a logarithmic axis when they differ by orders of magnitude, so that short traces are not flattened', () => {
    const rows = rowsOf([trace(0, 0, 2 * MS), trace(1, 1_000, 3 * MS), trace(2, 2_000, 48_000 * MS)]);
    const { points, yTicks, plot } = scatterLayout(rows, 600, 150);
    // On a linear axis 2 ms and 3 ms would be less than a pixel apart, both on the bottom line.
    expect(points[0].y - points[1].y).toBeGreaterThan(3);
    expect(plot.bottom - points[1].y).toBeGreaterThan(3);
    expect(yTicks.length).toBeGreaterThanOrEqual(2);
    expect(yTicks.length).toBeLessThanOrEqual(5);
    for (const t of yTicks) expect(t.label).toMatch(/^(1|10|100) (ns|µs|ms|s)$/);
  });

  it('labels starts by the clock, or from the first start when they are close together', () => {
    const spread = scatterLayout(rowsOf([trace(0, 0, MS), trace(1, 60_000, MS)]), 600, 150);
    expect(spread.xTicks.length).toBeGreaterThanOrEqual(2);
    for (const t of spread.xTicks) expect(t.label).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    const close = scatterLayout(rowsOf([trace(0, 0, MS), trace(1, 400, MS)]), 600, 150);
    expect(close.xTicks[0].label).toBe('+0 ns');
    expect(close.xTicks.map((t) => t.label)).toContain('+400 ms');
  });

  it('keeps traces that all start at once inside the plot', () => {
    const rows = rowsOf([trace(0, 0, MS), trace(1, 0, 2 * MS)]);
    const { points, plot } = scatterLayout(rows, 600, 150);
    expect(points[0].x).toBeCloseTo((plot.left + plot.right) / 2, 5);
    expect(Number.isFinite(points[1].y)).toBe(true);
  });
});

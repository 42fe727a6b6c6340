import { describe, expect, it } from 'vitest';
import { childCoverage } from '../../../src/view-model/child-coverage.ts';
import { minimapDensity } from '../../../src/view-model/minimap-density.ts';
import { descendantErrors } from '../../../src/analysis/subtree-errors.ts';
import { indexOf, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';

describe('minimapDensity', () => {
  it('draws each span as a band at its tree position, across its time', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 100 },
      { id: 'late', parent: 'root', start: 50, dur: 50, error: true },
    ]);
    const grid = minimapDensity(trace, 10, 4);
    const row = (y: number) => Array.from(grid.counts.subarray(y * 10, y * 10 + 10));
    expect(row(0)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(row(1)).toEqual(row(0));
    expect(row(2)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(grid.errors[2 * 10 + 7]).toBe(1);
    expect(grid.errors[0]).toBe(0);
  });

  it('names the span each pixel row stands for, so the row can take its service color', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 100, service: 'gateway' },
      { id: 'db', parent: 'root', start: 50, dur: 50, service: 'postgres' },
    ]);
    const grid = minimapDensity(trace, 10, 4);
    expect(Array.from(grid.rowSpan, (i) => trace.spans[i].serviceName)).toEqual([
      'gateway',
      'gateway',
      'postgres',
      'postgres',
    ]);
    expect(grid.rowSpan[2]).toBe(indexOf(trace, 'db'));
  });

  it('adds up many spans per pixel row, and gives even zero-length spans a pixel', () => {
    const specs: SpanSpec[] = [{ id: 'root', start: 0, dur: 1000 }];
    for (let i = 0; i < 999; i++) specs.push({ id: `c${i}`, parent: 'root', start: i, dur: 0 });
    const grid = minimapDensity(makeTrace(specs), 100, 10);
    let total = 0;
    for (let p = 0; p < grid.counts.length; p++) total += grid.counts[p];
    // The root covers 100 pixels of one row; each zero-length child covers one pixel.
    expect(total).toBe(100 + 999);
    expect(grid.maxCount).toBeGreaterThan(1);
  });
});

describe('childCoverage', () => {
  it('merges overlapping children and clips them to the span', () => {
    const trace = makeTrace([
      { id: 'p', start: 100, dur: 100 },
      { id: 'c1', parent: 'p', start: 90, dur: 30 },
      { id: 'c2', parent: 'p', start: 110, dur: 30 },
      { id: 'c3', parent: 'p', start: 160, dur: 0 },
      { id: 'c4', parent: 'p', start: 180, dur: 50 },
    ]);
    const p = indexOf(trace, 'p');
    const base = trace.spans[p].startNs - 100;
    expect(Array.from(childCoverage(trace, p), (t) => t - base)).toEqual([100, 140, 180, 200]);
  });
});

describe('descendantErrors', () => {
  it('marks every ancestor of an error, not the error itself', () => {
    const trace = makeTrace([
      { id: 'r', start: 0, dur: 10 },
      { id: 'a', parent: 'r', start: 1, dur: 5 },
      { id: 'bad', parent: 'a', start: 2, dur: 1, error: true },
      { id: 'ok', parent: 'r', start: 7, dur: 1 },
    ]);
    const marks = descendantErrors(trace);
    const marked = trace.spans.filter((s) => marks[s.index] === 1).map((s) => s.spanId);
    expect(marked.sort()).toEqual(['a', 'r']);
  });
});

import { describe, expect, it } from 'vitest';
import { matchPosition, stepMatch } from '../../../src/view-model/match-cursor.ts';
import { treeIndex } from '../../../src/view-model/tree-index.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

// Preorder: r, a, a1, b, b1, c
const trace = makeTrace([
  { id: 'r', start: 0, dur: 100 },
  { id: 'a', parent: 'r', start: 1, dur: 10 },
  { id: 'a1', parent: 'a', start: 2, dur: 5 },
  { id: 'b', parent: 'r', start: 20, dur: 10 },
  { id: 'b1', parent: 'b', start: 21, dur: 5 },
  { id: 'c', parent: 'r', start: 40, dur: 10 },
]);
const at = (id: string) => indexOf(trace, id);
const { rank } = treeIndex(trace.tree);
const matches = Int32Array.of(at('a1'), at('b1'), at('c'));
const go = (from: string | null, dir: 1 | -1) =>
  trace.spans[matches[stepMatch(matches, rank, from === null ? null : at(from), dir)]].spanId;

describe('match cursor', () => {
  it('starts at the first or last match without a selection', () => {
    expect(go(null, 1)).toBe('a1');
    expect(go(null, -1)).toBe('c');
  });

  it('goes to the next match after the selected span in tree order, even when it is not a match', () => {
    expect(go('a1', 1)).toBe('b1');
    expect(go('b', 1)).toBe('b1');
    expect(go('r', 1)).toBe('a1');
  });

  it('goes to the previous match before the selected span', () => {
    expect(go('b1', -1)).toBe('a1');
    expect(go('b', -1)).toBe('a1');
    expect(go('c', -1)).toBe('b1');
  });

  it('wraps around at both ends', () => {
    expect(go('c', 1)).toBe('a1');
    expect(go('a1', -1)).toBe('c');
    expect(go('r', -1)).toBe('c');
  });

  it('reports the position of a selected match, or -1', () => {
    expect(matchPosition(matches, rank, at('b1'))).toBe(1);
    expect(matchPosition(matches, rank, at('b'))).toBe(-1);
    expect(matchPosition(matches, rank, null)).toBe(-1);
    expect(stepMatch(new Int32Array(0), rank, null, 1)).toBe(-1);
  });
});

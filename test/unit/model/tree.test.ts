import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSpanTree, type TreeInputSpan } from '../../../src/model/tree.ts';

const span = (spanId: string, parentSpanId: string | undefined, startNs = 0, durationNs = 10): TreeInputSpan => ({
  spanId,
  parentSpanId,
  startNs,
  durationNs,
});

function childrenOf(tree: ReturnType<typeof buildSpanTree>['tree'], i: number): number[] {
  const out: number[] = [];
  for (let c = tree.firstChild[i]; c !== -1; c = tree.nextSibling[c]) out.push(c);
  return out;
}

describe('buildSpanTree', () => {
  it('orders children by start time and computes depth and preorder', () => {
    const { tree, warnings } = buildSpanTree([
      span('root', undefined, 0, 100),
      span('late', 'root', 50, 10),
      span('early', 'root', 10, 10),
      span('grand', 'early', 12, 2),
    ]);
    expect(warnings).toEqual([]);
    expect(tree.roots).toEqual([0]);
    expect(childrenOf(tree, 0)).toEqual([2, 1]);
    expect(Array.from(tree.preorder)).toEqual([0, 2, 3, 1]);
    expect(Array.from(tree.depth)).toEqual([0, 1, 1, 2]);
    expect(tree.childCount[0]).toBe(2);
    expect(tree.maxDepth).toBe(2);
  });

  it('makes a span with an absent parent a root marked missing-parent', () => {
    const { tree, warnings } = buildSpanTree([span('a', undefined), span('b', 'nowhere', 5)]);
    expect(tree.roots).toEqual([0, 1]);
    expect(tree.missingParent[1]).toBe(1);
    expect(warnings).toMatchObject([{ code: 'missing-parent', spanIndex: 1 }]);
  });

  it('says "empty" in its warnings where a span id is the empty string', () => {
    const { warnings } = buildSpanTree([span('', undefined), span('', undefined), span('', undefined)]);
    // Said of each copy after the first, in words that hold however many there are.
    expect(warnings.map((w) => w.message)).toEqual([
      'Span id (empty) is also the id of an earlier span; every span with it is shown, and the first takes its children',
      'Span id (empty) is also the id of an earlier span; every span with it is shown, and the first takes its children',
    ]);
  });

  it('keeps duplicate ids and flags them', () => {
    const { tree, warnings } = buildSpanTree([span('a', undefined), span('a', undefined, 1), span('c', 'a', 2)]);
    expect(tree.preorder.length).toBe(3);
    expect(warnings.filter((w) => w.code === 'duplicate-span-id')).toHaveLength(1);
    expect(tree.parent[2]).toBe(0);
  });

  it('breaks a reference cycle with a warning and loses no span', () => {
    const { tree, warnings } = buildSpanTree([span('a', 'c'), span('b', 'a'), span('c', 'b')]);
    expect(warnings.some((w) => w.code === 'cycle')).toBe(true);
    expect(tree.roots).toHaveLength(1);
    expect([...tree.preorder].sort()).toEqual([0, 1, 2]);
  });

  it('treats a span that is its own parent as a root', () => {
    const { tree, warnings } = buildSpanTree([span('a', 'a')]);
    expect(tree.roots).toEqual([0]);
    expect(warnings[0].code).toBe('cycle');
  });

  it('flags children outside their parent without moving them', () => {
    const { warnings } = buildSpanTree([span('p', undefined, 100, 10), span('c', 'p', 90, 30)]);
    expect(warnings).toMatchObject([{ code: 'clock-skew', spanIndex: 1 }]);
    expect(warnings[0].message).toMatch(/starts before and ends after/);
  });

  it('handles a 100,000-deep chain without overflowing the stack', () => {
    const n = 100_000;
    const spans = Array.from({ length: n }, (_, i) => span(`s${i}`, i === 0 ? undefined : `s${i - 1}`, i, n - i));
    const { tree } = buildSpanTree(spans);
    expect(tree.maxDepth).toBe(n - 1);
    expect(tree.preorder[n - 1]).toBe(n - 1);
  });

  it('property: every span appears once, and every parent edge exists in the input', () => {
    const forest = fc
      .array(
        fc.record({
          id: fc.integer({ min: 0, max: 40 }),
          parent: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }),
          start: fc.integer({ min: 0, max: 1000 }),
          dur: fc.integer({ min: 0, max: 1000 }),
        }),
        { maxLength: 80 },
      )
      .map((rows) =>
        rows.map((r) => span(`id${r.id}`, r.parent === undefined ? undefined : `id${r.parent}`, r.start, r.dur)),
      );
    fc.assert(
      fc.property(forest, (spans) => {
        const { tree } = buildSpanTree(spans);
        const seen = new Uint8Array(spans.length);
        for (const i of tree.preorder) seen[i]++;
        expect(seen.every((c) => c === 1)).toBe(true);
        for (let i = 0; i < spans.length; i++) {
          const p = tree.parent[i];
          if (p !== -1) expect(spans[i].parentSpanId).toBe(spans[p].spanId);
          else expect(tree.roots).toContain(i);
        }
        // Depth is consistent with parent links (no cycle survived).
        for (let i = 0; i < spans.length; i++) {
          const p = tree.parent[i];
          expect(tree.depth[i]).toBe(p === -1 ? 0 : tree.depth[p] + 1);
        }
      }),
    );
  });
});

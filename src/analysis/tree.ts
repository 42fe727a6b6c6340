// Builds the span tree of one trace. Every span appears exactly once whatever the input:
// missing parents make roots, duplicate ids are kept, cycles are broken, and nothing here
// recurses, so a 100,000-deep chain is as safe as a flat list.
import type { SpanTree, TraceWarning } from '../model/trace.ts';

export interface TreeInputSpan {
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly startNs: number;
  readonly durationNs: number;
}

export interface BuiltTree {
  readonly tree: SpanTree;
  readonly warnings: TraceWarning[];
}

const UNVISITED = 0;
const ON_PATH = 1;
const DONE = 2;

/** Span indexes sorted by start time, ties by input order (stable and deterministic). */
export function indexesByStart(starts: Float64Array): Int32Array {
  const order = new Int32Array(starts.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => starts[a] - starts[b] || a - b);
  return order;
}

function resolveParents(spans: readonly TreeInputSpan[], warnings: TraceWarning[]) {
  const n = spans.length;
  const parent = new Int32Array(n).fill(-1);
  const missingParent = new Uint8Array(n);
  const firstById = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = spans[i].spanId;
    const seen = firstById.get(id);
    if (seen === undefined) firstById.set(id, i);
    else
      warnings.push({
        code: 'duplicate-span-id',
        message: `Span id ${id} appears more than once; both copies are shown`,
        spanIndex: i,
      });
  }
  for (let i = 0; i < n; i++) {
    const parentId = spans[i].parentSpanId;
    if (parentId === undefined || parentId === '') continue;
    const p = firstById.get(parentId);
    if (p === undefined) {
      missingParent[i] = 1;
      warnings.push({
        code: 'missing-parent',
        message: `Parent span ${parentId} is not in the trace; shown as a root`,
        spanIndex: i,
      });
    } else if (p === i) {
      warnings.push({ code: 'cycle', message: `Span ${parentId} names itself as its parent`, spanIndex: i });
    } else {
      parent[i] = p;
    }
  }
  return { parent, missingParent };
}

/** Walks up from every span once; a walk that meets its own path has found a cycle. */
function breakCycles(spans: readonly TreeInputSpan[], parent: Int32Array, warnings: TraceWarning[]): void {
  const n = parent.length;
  const state = new Uint8Array(n);
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    if (state[start] !== UNVISITED) continue;
    let node = start;
    while (node !== -1 && state[node] === UNVISITED) {
      state[node] = ON_PATH;
      path.push(node);
      node = parent[node];
    }
    if (node !== -1 && state[node] === ON_PATH) {
      // `node` is on the cycle; the last span walked links back into it. Cutting that link
      // makes the last span a root and keeps every other edge of the input.
      const last = path[path.length - 1];
      warnings.push({
        code: 'cycle',
        message: `Parent references form a cycle; span ${spans[last].spanId} is shown as a root`,
        spanIndex: last,
      });
      parent[last] = -1;
    }
    for (const p of path) state[p] = DONE;
    path.length = 0;
  }
}

function flagSkew(spans: readonly TreeInputSpan[], parent: Int32Array, warnings: TraceWarning[]): void {
  for (let i = 0; i < spans.length; i++) {
    const p = parent[i];
    if (p === -1) continue;
    const child = spans[i];
    const par = spans[p];
    const startsBefore = child.startNs < par.startNs;
    const endsAfter = child.startNs + child.durationNs > par.startNs + par.durationNs;
    if (!startsBefore && !endsAfter) continue;
    const what = startsBefore && endsAfter ? 'starts before and ends after' : startsBefore ? 'starts before' : 'ends after';
    warnings.push({
      code: 'clock-skew',
      message: `Span ${what} its parent ${par.spanId} (clock skew or asynchronous work)`,
      spanIndex: i,
    });
  }
}

export function buildSpanTree(spans: readonly TreeInputSpan[]): BuiltTree {
  const n = spans.length;
  const warnings: TraceWarning[] = [];
  const { parent, missingParent } = resolveParents(spans, warnings);
  breakCycles(spans, parent, warnings);
  flagSkew(spans, parent, warnings);

  const starts = new Float64Array(n);
  for (let i = 0; i < n; i++) starts[i] = spans[i].startNs;
  const byStart = indexesByStart(starts);

  // Prepending in reverse start order leaves every child list in start order.
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(n);
  const roots: number[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const i = byStart[k];
    const p = parent[i];
    if (p === -1) {
      roots.push(i);
    } else {
      nextSibling[i] = firstChild[p];
      firstChild[p] = i;
      childCount[p]++;
    }
  }
  roots.reverse();

  const depth = new Int32Array(n);
  const preorder = new Int32Array(n);
  let written = 0;
  let maxDepth = 0;
  const stack: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]);
  while (stack.length > 0) {
    const i = stack.pop()!;
    preorder[written++] = i;
    const d = parent[i] === -1 ? 0 : depth[parent[i]] + 1;
    depth[i] = d;
    if (d > maxDepth) maxDepth = d;
    // Push children last-first so the earliest child is visited next.
    const mark = stack.length;
    for (let c = firstChild[i]; c !== -1; c = nextSibling[c]) stack.push(c);
    reverseTail(stack, mark);
  }

  return {
    tree: { parent, firstChild, nextSibling, childCount, depth, preorder, roots, missingParent, maxDepth },
    warnings,
  };
}

function reverseTail(items: number[], from: number): void {
  for (let a = from, b = items.length - 1; a < b; a++, b--) {
    const t = items[a];
    items[a] = items[b];
    items[b] = t;
  }
}

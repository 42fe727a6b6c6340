// Builds the span tree of one trace. Every span appears exactly once whatever the input:
// missing parents make roots, duplicate ids are kept, cycles are broken, and nothing here
// recurses, so a 100,000-deep chain is as safe as a flat list.
import type { SpanTree, TraceWarning } from '../model/trace.ts';
import { SpanIdIndex } from './span-id-index.ts';

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

/** An id as warnings show it: an empty id would otherwise leave a gap in the sentence. */
function shownId(id: string): string {
  return id === '' ? '(empty)' : id;
}

const UNVISITED = 0;
const ON_PATH = 1;
const DONE = 2;

// Below this many spans a comparison sort is cheaper than the radix sort's bucket passes.
const RADIX_SORT_FROM = 1024;
// The radix sort reads each double as two 32-bit words, low word first.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Span indexes sorted by start time, ties by input order (stable and deterministic). */
export function indexesByStart(starts: Float64Array): Int32Array {
  const n = starts.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Many writers emit spans in start order; then there is nothing to sort.
  let sorted = true;
  let radixable = LITTLE_ENDIAN && n >= RADIX_SORT_FROM;
  for (let i = 0; i < n; i++) {
    const s = starts[i];
    if (i > 0 && s < starts[i - 1]) sorted = false;
    // The radix sort reads the float bits, which order like the numbers only for non-negative
    // values (and not -0, whose sign bit is set).
    if (!(s > 0 || (s === 0 && 1 / s > 0))) radixable = false;
  }
  if (sorted) return order;
  if (radixable) return radixSortByKey(starts, order);
  order.sort((a, b) => starts[a] - starts[b] || a - b);
  return order;
}

/**
 * Stable LSD radix sort of `order` by `keys[order[k]]`, 16 bits a pass; keys are non-negative
 * doubles, whose IEEE bits order like the numbers. At 100,000 spans it is several times faster
 * than Int32Array.sort with a comparator, which calls back into JavaScript for every comparison.
 */
function radixSortByKey(keys: Float64Array, order: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const n = order.length;
  // The low word of key i is at 2i, the high word (sign, exponent, top of the mantissa) at 2i + 1.
  const words = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  const count = new Int32Array(0x10001);
  let from = order;
  let to = new Int32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[((words[2 * i + word] >>> shift) & 0xffff) + 1]++;
    // A digit that all keys share (the high bits, often) orders nothing.
    if (count[((words[word] >>> shift) & 0xffff) + 1] === n) continue;
    for (let d = 1; d <= 0x10000; d++) count[d] += count[d - 1];
    for (let k = 0; k < n; k++) {
      const i = from[k];
      to[count[(words[2 * i + word] >>> shift) & 0xffff]++] = i;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

function resolveParents(spans: readonly TreeInputSpan[], warnings: TraceWarning[]) {
  const n = spans.length;
  const parent = new Int32Array(n).fill(-1);
  const missingParent = new Uint8Array(n);
  const firstById = new SpanIdIndex(n);
  for (let i = 0; i < n; i++) {
    const id = spans[i].spanId;
    if (firstById.addFirst(id, i) !== -1)
      warnings.push({
        code: 'duplicate-span-id',
        message: `Span id ${shownId(id)} is also the id of an earlier span; every span with it is shown, and the first takes its children`,
        spanIndex: i,
      });
  }
  for (let i = 0; i < n; i++) {
    const parentId = spans[i].parentSpanId;
    if (parentId === undefined || parentId === '') continue;
    const p = firstById.get(parentId);
    if (p === -1) {
      missingParent[i] = 1;
      warnings.push({
        code: 'missing-parent',
        message: `Parent span ${shownId(parentId)} is not in the trace; shown as a root`,
        spanIndex: i,
      });
    } else if (p === i) {
      warnings.push({ code: 'cycle', message: `Span ${shownId(parentId)} names itself as its parent`, spanIndex: i });
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
  // The walk's spans; a typed array with its own length, since emptying a JS array with
  // `length = 0` drops its storage and every walk would allocate it again.
  const path = new Int32Array(n);
  for (let start = 0; start < n; start++) {
    if (state[start] !== UNVISITED) continue;
    let length = 0;
    let node = start;
    while (node !== -1 && state[node] === UNVISITED) {
      state[node] = ON_PATH;
      path[length++] = node;
      node = parent[node];
    }
    if (node !== -1 && state[node] === ON_PATH) {
      // `node` is on the cycle; the last span walked links back into it. Cutting that link
      // makes the last span a root and keeps every other edge of the input.
      const last = path[length - 1];
      warnings.push({
        code: 'cycle',
        message: `Parent references form a cycle; span ${shownId(spans[last].spanId)} is shown as a root`,
        spanIndex: last,
      });
      parent[last] = -1;
    }
    for (let k = 0; k < length; k++) state[path[k]] = DONE;
  }
}

function flagSkew(
  spans: readonly TreeInputSpan[],
  times: SpanTimes,
  parent: Int32Array,
  warnings: TraceWarning[],
): void {
  const { starts, durations } = times;
  for (let i = 0; i < parent.length; i++) {
    const p = parent[i];
    if (p === -1) continue;
    const startsBefore = starts[i] < starts[p];
    const endsAfter = starts[i] + durations[i] > starts[p] + durations[p];
    if (!startsBefore && !endsAfter) continue;
    const what =
      startsBefore && endsAfter ? 'starts before and ends after' : startsBefore ? 'starts before' : 'ends after';
    warnings.push({
      code: 'clock-skew',
      message: `Span ${what} its parent ${shownId(spans[p].spanId)} (clock skew or asynchronous work)`,
      spanIndex: i,
    });
  }
}

/**
 * The spans' start times and durations as columns. Reading them from here rather than from
 * the span objects spares a walk over 100,000 objects scattered in memory; a caller that has
 * just written the spans can fill them on the way.
 */
export interface SpanTimes {
  readonly starts: Float64Array;
  readonly durations: Float64Array;
}

function timesOf(spans: readonly TreeInputSpan[]): SpanTimes {
  const starts = new Float64Array(spans.length);
  const durations = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    starts[i] = spans[i].startNs;
    durations[i] = spans[i].durationNs;
  }
  return { starts, durations };
}

/** `times`, when given, must hold the spans' startNs and durationNs. */
export function buildSpanTree(spans: readonly TreeInputSpan[], times: SpanTimes = timesOf(spans)): BuiltTree {
  const n = spans.length;
  const warnings: TraceWarning[] = [];
  const { parent, missingParent } = resolveParents(spans, warnings);
  breakCycles(spans, parent, warnings);
  flagSkew(spans, times, parent, warnings);

  const byStart = indexesByStart(times.starts);

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

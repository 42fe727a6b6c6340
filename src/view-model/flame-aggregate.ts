// The aggregated ("left heavy") flamegraph: spans merged by their path of service:operation
// from the root, so a trace of 100,000 repeated calls reads as a handful of boxes.
//
// A node's width is the total duration of its spans. Siblings are laid side by side under
// their parent, heaviest first. Children that ran concurrently with each other, or outlived
// their parent (async work, clock skew), can add up to more than the parent's total; the parent
// is then drawn as wide as its children (and marked `widened`) rather than squeezing them, so
// long-running work deep in the tree is never squashed out of sight.
import type { Trace } from '../model/trace.ts';
import { boxesByRow, type FlameBoxes } from './flame-boxes.ts';

export interface FlameOperation {
  readonly serviceName: string;
  readonly name: string;
}

export interface FlameAggregate {
  readonly nodeCount: number;
  /** Distinct service:operation pairs; node n stands for ops[op[n]]. */
  readonly ops: readonly FlameOperation[];
  readonly op: Int32Array;
  /** -1 for top-level nodes. */
  readonly parent: Int32Array;
  /** Children widest first (ties: first seen first); -1 for none. */
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  /** Top-level nodes, widest first. */
  readonly roots: readonly number[];
  readonly depth: Int32Array;
  readonly count: Int32Array;
  /** Sum of the member spans' durations. */
  readonly totalNs: Float64Array;
  /** Sum of the member spans' self times. */
  readonly selfTotalNs: Float64Array;
  readonly errorCount: Int32Array;
  /** 1 where the node is drawn wider than its total because its children's widths add up to more. */
  readonly widened: Uint8Array;
  /** Member span indexes of node n are members[memberStart[n] .. memberStart[n + 1]), in tree preorder. */
  readonly memberStart: Int32Array;
  readonly members: Int32Array;
  readonly nodeOfSpan: Int32Array;
  /** Box n is node n; x is in nanoseconds of summed time. */
  readonly boxes: FlameBoxes;
}

/** Spans of one node, as a plain array (for a span-set filter). */
export function nodeMembers(agg: FlameAggregate, node: number): number[] {
  return Array.from(agg.members.subarray(agg.memberStart[node], agg.memberStart[node + 1]));
}

/** Service:operation labels from the top-level node down to `node`. */
export function nodePath(agg: FlameAggregate, node: number): string[] {
  const path: string[] = [];
  for (let n = node; n !== -1; n = agg.parent[n]) {
    const o = agg.ops[agg.op[n]];
    path.push(`${o.serviceName}: ${o.name}`);
  }
  return path.reverse();
}

function internOperations(trace: Trace): { ops: FlameOperation[]; opOfSpan: Int32Array } {
  const ids = new Map<string, number>();
  const ops: FlameOperation[] = [];
  const opOfSpan = new Int32Array(trace.spans.length);
  for (let i = 0; i < trace.spans.length; i++) {
    const { serviceName, name } = trace.spans[i];
    const key = `${serviceName}\u0000${name}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ops.length;
      ids.set(key, id);
      ops.push({ serviceName, name });
    }
    opOfSpan[i] = id;
  }
  return { ops, opOfSpan };
}

export function aggregateFlame(trace: Trace, selfNs: Float64Array): FlameAggregate {
  const { spans, tree } = trace;
  const n = spans.length;
  const { ops, opOfSpan } = internOperations(trace);
  const opCount = ops.length;

  // Nodes are created in preorder, so a parent node always exists before its children.
  const nodeOfSpan = new Int32Array(n);
  const opList: number[] = [];
  const parentList: number[] = [];
  const childKey = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const i = tree.preorder[k];
    const p = tree.parent[i];
    const parentNode = p === -1 ? -1 : nodeOfSpan[p];
    // (parentNode + 1) * opCount + op is unique per (parent node, operation) and stays an exact integer.
    const key = (parentNode + 1) * opCount + opOfSpan[i];
    let node = childKey.get(key);
    if (node === undefined) {
      node = opList.length;
      childKey.set(key, node);
      opList.push(opOfSpan[i]);
      parentList.push(parentNode);
    }
    nodeOfSpan[i] = node;
  }

  const nodeCount = opList.length;
  const op = Int32Array.from(opList);
  const parent = Int32Array.from(parentList);
  const count = new Int32Array(nodeCount);
  const totalNs = new Float64Array(nodeCount);
  const selfTotalNs = new Float64Array(nodeCount);
  const errorCount = new Int32Array(nodeCount);
  const memberStart = new Int32Array(nodeCount + 1);
  for (let i = 0; i < n; i++) {
    const node = nodeOfSpan[i];
    count[node]++;
    totalNs[node] += Math.max(0, spans[i].durationNs);
    selfTotalNs[node] += selfNs[i];
    if (spans[i].status.code === 'error') errorCount[node]++;
    memberStart[node + 1]++;
  }
  for (let m = 0; m < nodeCount; m++) memberStart[m + 1] += memberStart[m];
  const members = new Int32Array(n);
  const fill = memberStart.slice(0, nodeCount);
  for (let k = 0; k < n; k++) {
    const i = tree.preorder[k];
    members[fill[nodeOfSpan[i]]++] = i;
  }

  const { firstChild, nextSibling, roots, width } = siblingsHeaviestFirst(nodeCount, parent, totalNs);
  return {
    nodeCount,
    ops,
    op,
    parent,
    firstChild,
    nextSibling,
    roots,
    count,
    totalNs,
    selfTotalNs,
    errorCount,
    memberStart,
    members,
    nodeOfSpan,
    ...layoutNodes(nodeCount, parent, firstChild, nextSibling, roots, totalNs, width),
  };
}

/**
 * Each node's drawn width (its total, or its children's widths side by side when those add up
 * to more) and the sibling lists sorted by it, widest first.
 */
function siblingsHeaviestFirst(nodeCount: number, parent: Int32Array, totalNs: Float64Array) {
  // Node ids were handed out in span preorder, so every child's id is above its parent's:
  // one backwards sweep sums children before their parent is read.
  const width = new Float64Array(nodeCount);
  const childSum = new Float64Array(nodeCount);
  for (let m = nodeCount - 1; m >= 0; m--) {
    width[m] = Math.max(totalNs[m], childSum[m]);
    if (parent[m] !== -1) childSum[parent[m]] += width[m];
  }
  // Sorting all nodes once and appending each to its parent's list in that order sorts every list.
  const byWidth = new Int32Array(nodeCount);
  for (let m = 0; m < nodeCount; m++) byWidth[m] = m;
  byWidth.sort((a, b) => width[b] - width[a] || a - b);
  const firstChild = new Int32Array(nodeCount).fill(-1);
  const nextSibling = new Int32Array(nodeCount).fill(-1);
  const lastChild = new Int32Array(nodeCount).fill(-1);
  const roots: number[] = [];
  for (const m of byWidth) {
    const p = parent[m];
    if (p === -1) roots.push(m);
    else {
      if (lastChild[p] === -1) firstChild[p] = m;
      else nextSibling[lastChild[p]] = m;
      lastChild[p] = m;
    }
  }
  return { firstChild, nextSibling, roots, width };
}

function layoutNodes(
  nodeCount: number,
  parent: Int32Array,
  firstChild: Int32Array,
  nextSibling: Int32Array,
  roots: readonly number[],
  totalNs: Float64Array,
  width: Float64Array,
): { depth: Int32Array; widened: Uint8Array; boxes: FlameBoxes } {
  const start = new Float64Array(nodeCount);
  const end = new Float64Array(nodeCount);
  const depth = new Int32Array(nodeCount);
  const widened = new Uint8Array(nodeCount);
  // Preorder with the widest children first: within one depth row this visits nodes left to
  // right, which is the order boxesByRow needs.
  const preorder = new Int32Array(nodeCount);
  let visited = 0;
  const stack: number[] = [];
  let x = 0;
  for (const r of roots) {
    start[r] = x;
    x += width[r];
  }
  for (let k = roots.length - 1; k >= 0; k--) stack.push(roots[k]);
  let rowCount = 0;
  while (stack.length > 0) {
    const m = stack.pop()!;
    preorder[visited++] = m;
    end[m] = start[m] + width[m];
    if (width[m] > totalNs[m]) widened[m] = 1;
    depth[m] = parent[m] === -1 ? 0 : depth[parent[m]] + 1;
    if (depth[m] + 1 > rowCount) rowCount = depth[m] + 1;
    let cx = start[m];
    const pushFrom = stack.length;
    for (let c = firstChild[m]; c !== -1; c = nextSibling[c]) {
      start[c] = cx;
      cx += width[c];
      stack.push(c);
    }
    // The stack pops last-pushed first; reverse this node's children so the widest is next.
    for (let a = pushFrom, b = stack.length - 1; a < b; a++, b--) {
      const t = stack[a];
      stack[a] = stack[b];
      stack[b] = t;
    }
  }
  const solidEnd = new Float64Array(nodeCount);
  for (let m = 0; m < nodeCount; m++) solidEnd[m] = start[m] + totalNs[m];
  return { depth, widened, boxes: { ...boxesByRow(start, end, depth, rowCount, preorder, x), solidEnd } };
}

// Critical path: the chain of work that determined a trace's end-to-end latency.
//
// Walking back from the root's end, the child that finished last before the current point is
// on the path; its own subtree is walked the same way, and the parent continues from that
// child's start. Time where no chosen child runs is the parent's own critical work.
//
// Decisions where real traces are messy:
// - Children are clipped to their parent's clipped interval, so every section lies within the
//   root; a child with nothing left after clipping (entirely outside its parent, or zero
//   length) is never on the path, and neither is anything below it.
// - Children that do not make their parent wait are skipped: a consumer under a producer
//   (async messaging) and a child that carries a follows_from link to its parent.
// - A child that ends exactly where the current point is counts as finished before it, so
//   back-to-back siblings are all on the path. Among children ending at the same time, the
//   one that started last is taken (it is the one the parent waited for last).
// - Every root gets its own path: orphan subtrees (missing parent) are not dropped, and they
//   are never merged into the main root's path.
// - A zero-length root yields one zero-length section, so the path still names it.
// - Times are plain numbers; 0 is an ordinary time, never "missing".
// The walk uses an explicit stack (a 100,000-deep chain is fine) and runs in O(n log n): each
// parent's children are sorted by end once, then consumed by one cursor moving backwards.
import type { Trace } from '../model/trace.ts';
import { spanEndNs, spanLengthNs } from './self-time.ts';
import { compareLabels, operationGroup, type GroupName } from './statistics.ts';

export interface CriticalSection {
  readonly spanIndex: number;
  readonly startNs: number;
  readonly endNs: number;
}

export interface CriticalPathEntry {
  readonly spanIndex: number;
  readonly selfOnPathNs: number;
}

export interface RootCriticalPath {
  readonly rootIndex: number;
  readonly sections: CriticalSection[];
  readonly entries: CriticalPathEntry[];
}

export interface TraceCriticalPaths {
  readonly main: RootCriticalPath;
  /** Paths of the other roots (orphan subtrees, several roots), in root start order. */
  readonly others: RootCriticalPath[];
}

export interface Bottleneck {
  readonly serviceName: string;
  readonly ns: number;
  /** ns as a fraction of the whole path, which spans exactly the root's duration. */
  readonly share: number;
}

export interface BottleneckSpan {
  readonly spanIndex: number;
  /** The span's own time on the path (not its children's). */
  readonly ns: number;
  /** ns as a fraction of the whole path. */
  readonly share: number;
}

export interface CriticalTime {
  readonly key: string;
  readonly label: string;
  readonly ns: number;
}

/** Clipped intervals and, per parent, the children that can block it sorted by clipped end. */
interface PathIndex {
  readonly clipStart: Float64Array;
  readonly clipEnd: Float64Array;
  /** blocking[segmentStart[p] .. segmentStart[p + 1]) are p's blocking children, ascending by end. */
  readonly segmentStart: Int32Array;
  readonly blocking: Int32Array;
}

function blocksParent(trace: Trace, child: number, parent: number): boolean {
  const c = trace.spans[child];
  const p = trace.spans[parent];
  if (c.kind === 'consumer' && p.kind === 'producer') return false;
  for (const link of c.links) if (link.relation === 'follows_from' && link.spanId === p.spanId) return false;
  return true;
}

function buildPathIndex(trace: Trace): PathIndex {
  const { spans, tree } = trace;
  const n = spans.length;
  const clipStart = new Float64Array(n);
  const clipEnd = new Float64Array(n);
  // Preorder visits parents first, so a parent's clipped interval is ready for its children.
  for (let k = 0; k < n; k++) {
    const i = tree.preorder[k];
    const p = tree.parent[i];
    let start = spans[i].startNs;
    let end = spanEndNs(start, spans[i].durationNs);
    if (p !== -1) {
      if (start < clipStart[p]) start = clipStart[p];
      if (end > clipEnd[p]) end = clipEnd[p];
    }
    clipStart[i] = start;
    clipEnd[i] = end;
  }

  const isBlocking = new Uint8Array(n);
  const segmentStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = tree.parent[i];
    if (p !== -1 && clipEnd[i] > clipStart[i] && blocksParent(trace, i, p)) {
      isBlocking[i] = 1;
      segmentStart[p + 1]++;
    }
  }
  for (let p = 0; p < n; p++) segmentStart[p + 1] += segmentStart[p];

  const blocking = new Int32Array(segmentStart[n]);
  const byEnd = (a: number, b: number): number => clipEnd[a] - clipEnd[b] || clipStart[a] - clipStart[b] || a - b;
  for (let p = 0; p < n; p++) {
    const from = segmentStart[p];
    let at = from;
    let sorted = true;
    for (let c = tree.firstChild[p]; c !== -1; c = tree.nextSibling[c]) {
      if (isBlocking[c] === 0) continue;
      blocking[at] = c;
      if (at > from && byEnd(blocking[at - 1], c) > 0) sorted = false;
      at++;
    }
    // Children arrive in start order, which is already end order unless siblings overlap.
    if (!sorted) blocking.subarray(from, at).sort(byEnd);
  }
  return { clipStart, clipEnd, segmentStart, blocking };
}

function walkRoot(trace: Trace, index: PathIndex, root: number): CriticalSection[] {
  const { clipStart, clipEnd, segmentStart, blocking } = index;
  if (clipEnd[root] <= clipStart[root]) return [{ spanIndex: root, startNs: clipStart[root], endNs: clipStart[root] }];

  // Sections are found from the end backwards; they are reversed once at the end.
  const spanOf: number[] = [];
  const startOf: number[] = [];
  const endOf: number[] = [];
  const emit = (span: number, start: number, end: number): void => {
    const last = spanOf.length - 1;
    if (last >= 0 && spanOf[last] === span && startOf[last] === end) startOf[last] = start;
    else {
      spanOf.push(span);
      startOf.push(start);
      endOf.push(end);
    }
  };

  const capacity = trace.tree.maxDepth + 2;
  const frameSpan = new Int32Array(capacity);
  const frameCursor = new Int32Array(capacity);
  const frameTime = new Float64Array(capacity);
  let top = 0;
  frameSpan[0] = root;
  frameCursor[0] = segmentStart[root + 1] - 1;
  frameTime[0] = clipEnd[root];
  while (top >= 0) {
    const span = frameSpan[top];
    const now = frameTime[top];
    const first = segmentStart[span];
    let cursor = frameCursor[top];
    while (cursor >= first && clipEnd[blocking[cursor]] > now) cursor--;
    if (cursor < first) {
      if (now > clipStart[span]) emit(span, clipStart[span], now);
      top--;
      continue;
    }
    const child = blocking[cursor];
    if (now > clipEnd[child]) emit(span, clipEnd[child], now);
    frameCursor[top] = cursor - 1;
    frameTime[top] = clipStart[child];
    top++;
    frameSpan[top] = child;
    frameCursor[top] = segmentStart[child + 1] - 1;
    frameTime[top] = clipEnd[child];
  }

  const sections: CriticalSection[] = new Array(spanOf.length);
  for (let k = 0, j = spanOf.length - 1; j >= 0; k++, j--) {
    sections[k] = { spanIndex: spanOf[j], startNs: startOf[j], endNs: endOf[j] };
  }
  return sections;
}

/**
 * The time ranges, within the root's interval, in time order and never overlapping, during
 * which each span was itself the critical work. They cover the root's interval exactly.
 */
export function criticalPath(trace: Trace, rootIndex: number): CriticalSection[] {
  if (rootIndex < 0 || rootIndex >= trace.spans.length) throw new RangeError(`No span at index ${rootIndex}`);
  return walkRoot(trace, buildPathIndex(trace), rootIndex);
}

/** One entry per span on the path, in order of first appearance, with its total time on it. */
export function criticalPathEntries(sections: readonly CriticalSection[]): CriticalPathEntry[] {
  const bySpan = new Map<number, { spanIndex: number; selfOnPathNs: number }>();
  for (const s of sections) {
    const entry = bySpan.get(s.spanIndex);
    if (entry) entry.selfOnPathNs += s.endNs - s.startNs;
    else bySpan.set(s.spanIndex, { spanIndex: s.spanIndex, selfOnPathNs: s.endNs - s.startNs });
  }
  return [...bySpan.values()];
}

/** The root that spans the most time (longest duration; ties: earliest start), or -1 for no spans. */
export function mainRootIndex(trace: Trace): number {
  let best = -1;
  let bestDuration = -Infinity;
  // Roots are in start order, so keeping the first of equal durations keeps the earliest.
  for (const r of trace.tree.roots) {
    const d = spanLengthNs(trace.spans[r].durationNs);
    if (d > bestDuration) {
      best = r;
      bestDuration = d;
    }
  }
  return best;
}

/** The main root's path, and each other root's path separately. */
export function traceCriticalPaths(trace: Trace): TraceCriticalPaths {
  const main = mainRootIndex(trace);
  if (main === -1) throw new RangeError(`Trace ${trace.traceId} has no spans`);
  const index = buildPathIndex(trace);
  const pathOf = (rootIndex: number): RootCriticalPath => {
    const sections = walkRoot(trace, index, rootIndex);
    return { rootIndex, sections, entries: criticalPathEntries(sections) };
  };
  const others: RootCriticalPath[] = [];
  for (const r of trace.tree.roots) if (r !== main) others.push(pathOf(r));
  return { main: pathOf(main), others };
}

/**
 * The service with the most time on the path; ties go to the one that appears first on it.
 * Undefined when the path holds no time (a zero-length root).
 */
export function bottleneck(trace: Trace, entries: readonly CriticalPathEntry[]): Bottleneck | undefined {
  const byService = new Map<string, number>();
  let total = 0;
  for (const e of entries) {
    const service = trace.spans[e.spanIndex].serviceName;
    byService.set(service, (byService.get(service) ?? 0) + e.selfOnPathNs);
    total += e.selfOnPathNs;
  }
  if (total <= 0) return undefined;
  let best: Bottleneck | undefined;
  for (const [serviceName, ns] of byService) {
    if (best === undefined || ns > best.ns) best = { serviceName, ns, share: ns / total };
  }
  return best;
}

/**
 * The span whose own work holds the most of the path's time; ties go to the one that appears
 * first on it. This is the answer to "what made this trace slow": a service's total can be
 * spread over many small spans, a span's self time on the path cannot. Undefined when the path
 * holds no time.
 */
export function bottleneckSpan(entries: readonly CriticalPathEntry[]): BottleneckSpan | undefined {
  let total = 0;
  let best: CriticalPathEntry | undefined;
  for (const e of entries) {
    total += e.selfOnPathNs;
    if (best === undefined || e.selfOnPathNs > best.selfOnPathNs) best = e;
  }
  if (best === undefined || total <= 0) return undefined;
  return { spanIndex: best.spanIndex, ns: best.selfOnPathNs, share: best.selfOnPathNs / total };
}

/**
 * Time on the path per service, or per service+operation (keys and labels as in
 * groupStatistics), largest first; ties by label.
 */
export function criticalTimeBy(
  trace: Trace,
  sections: readonly CriticalSection[],
  key: 'service' | 'operation',
): CriticalTime[] {
  const totals = new Map<string, { key: string; label: string; ns: number }>();
  for (const s of sections) {
    const span = trace.spans[s.spanIndex];
    const group: GroupName =
      key === 'service'
        ? { key: span.serviceName, label: span.serviceName }
        : operationGroup(span.serviceName, span.name);
    const total = totals.get(group.key);
    if (total) total.ns += s.endNs - s.startNs;
    else totals.set(group.key, { key: group.key, label: group.label, ns: s.endNs - s.startNs });
  }
  return [...totals.values()].sort((a, b) => b.ns - a.ns || compareLabels(a.label, b.label));
}

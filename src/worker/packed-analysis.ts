// A trace's analysis as the worker posts it beside the packed spans: typed arrays, so that the
// page takes it in without a clone of objects and without working it out on its own thread
// (at a million spans, critical path and self times cost the page most of a second).
import type { CriticalPathEntry, CriticalSection, RootCriticalPath } from '../analysis/critical-path.ts';
import type { SlowSpan } from '../analysis/slowest.ts';
import type { TraceAnalysis } from '../analysis/trace-analysis.ts';

export interface PackedAnalysis {
  readonly selfNs: Float64Array;
  readonly onCriticalPath: Uint8Array;
  readonly isSlowest: Uint8Array;
  readonly descendantErrors: Uint8Array;
  /** Ten spans at most: small enough to travel as objects. */
  readonly slowestBySelf: readonly SlowSpan[];
  /** The main root first, then the others in the order of TraceCriticalPaths.others. */
  readonly rootIndex: Int32Array;
  /** Root r's sections are sectionSpan[sectionOffset[r] .. sectionOffset[r + 1]), and so on. */
  readonly sectionOffset: Int32Array;
  readonly sectionSpan: Int32Array;
  readonly sectionStartNs: Float64Array;
  readonly sectionEndNs: Float64Array;
  readonly entryOffset: Int32Array;
  readonly entrySpan: Int32Array;
  readonly entryNs: Float64Array;
}

export function packAnalysis(analysis: TraceAnalysis, descendantErrors: Uint8Array): PackedAnalysis {
  const roots: readonly RootCriticalPath[] = [analysis.paths.main, ...analysis.paths.others];
  let sectionCount = 0;
  let entryCount = 0;
  for (const root of roots) {
    sectionCount += root.sections.length;
    entryCount += root.entries.length;
  }
  const rootIndex = new Int32Array(roots.length);
  const sectionOffset = new Int32Array(roots.length + 1);
  const sectionSpan = new Int32Array(sectionCount);
  const sectionStartNs = new Float64Array(sectionCount);
  const sectionEndNs = new Float64Array(sectionCount);
  const entryOffset = new Int32Array(roots.length + 1);
  const entrySpan = new Int32Array(entryCount);
  const entryNs = new Float64Array(entryCount);
  let s = 0;
  let e = 0;
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r];
    rootIndex[r] = root.rootIndex;
    sectionOffset[r] = s;
    for (const section of root.sections) {
      sectionSpan[s] = section.spanIndex;
      sectionStartNs[s] = section.startNs;
      sectionEndNs[s++] = section.endNs;
    }
    entryOffset[r] = e;
    for (const entry of root.entries) {
      entrySpan[e] = entry.spanIndex;
      entryNs[e++] = entry.selfOnPathNs;
    }
  }
  sectionOffset[roots.length] = s;
  entryOffset[roots.length] = e;
  return {
    selfNs: analysis.selfNs,
    onCriticalPath: analysis.onCriticalPath,
    isSlowest: analysis.isSlowest,
    descendantErrors,
    slowestBySelf: analysis.slowestBySelf,
    rootIndex,
    sectionOffset,
    sectionSpan,
    sectionStartNs,
    sectionEndNs,
    entryOffset,
    entrySpan,
    entryNs,
  };
}

function rootPath(packed: PackedAnalysis, r: number): RootCriticalPath {
  const sections: CriticalSection[] = [];
  for (let s = packed.sectionOffset[r]; s < packed.sectionOffset[r + 1]; s++)
    sections.push({
      spanIndex: packed.sectionSpan[s],
      startNs: packed.sectionStartNs[s],
      endNs: packed.sectionEndNs[s],
    });
  const entries: CriticalPathEntry[] = [];
  for (let e = packed.entryOffset[r]; e < packed.entryOffset[r + 1]; e++)
    entries.push({ spanIndex: packed.entrySpan[e], selfOnPathNs: packed.entryNs[e] });
  return { rootIndex: packed.rootIndex[r], sections, entries };
}

export function unpackAnalysis(packed: PackedAnalysis): {
  readonly analysis: TraceAnalysis;
  readonly descendantErrors: Uint8Array;
} {
  const others: RootCriticalPath[] = [];
  for (let r = 1; r < packed.rootIndex.length; r++) others.push(rootPath(packed, r));
  const analysis: TraceAnalysis = {
    selfNs: packed.selfNs,
    paths: { main: rootPath(packed, 0), others },
    onCriticalPath: packed.onCriticalPath,
    slowestBySelf: packed.slowestBySelf,
    isSlowest: packed.isSlowest,
  };
  return { analysis, descendantErrors: packed.descendantErrors };
}

export function packedAnalysisTransferables(packed: PackedAnalysis): ArrayBuffer[] {
  const columns = [
    packed.selfNs,
    packed.onCriticalPath,
    packed.isSlowest,
    packed.descendantErrors,
    packed.rootIndex,
    packed.sectionOffset,
    packed.sectionSpan,
    packed.sectionStartNs,
    packed.sectionEndNs,
    packed.entryOffset,
    packed.entrySpan,
    packed.entryNs,
  ];
  return columns.map((c) => c.buffer as ArrayBuffer);
}

// What is loaded and which trace and span are on screen.
import { create } from 'zustand';
import { findSpanIndex } from '../analysis/span-lookup.ts';
import type { LoadError, LoadedFile, Trace } from '../model/trace.ts';
import type { ParseStage } from '../worker/protocol.ts';

export interface TraceRef {
  readonly file: number;
  readonly trace: number;
}

export interface LoadingFile {
  readonly fileName: string;
  readonly stage: ParseStage | 'reading';
}

export interface TraceStoreState {
  /** The files of the last load that produced traces; a load that fails leaves them. */
  readonly files: readonly LoadedFile[];
  readonly errors: readonly LoadError[];
  readonly loading: readonly LoadingFile[];
  readonly current: TraceRef | null;
  /** Index into the current trace's spans. */
  readonly selectedSpan: number | null;

  beginLoad(fileNames: readonly string[]): void;
  setLoadingStage(fileName: string, stage: LoadingFile['stage']): void;
  /** Replaces what is shown by the files that loaded, if any; errors are added either way. */
  finishLoad(files: readonly LoadedFile[], errors: readonly LoadError[]): void;
  /** Ends the loading entries of a load that was cancelled or superseded: nothing to show. */
  cancelLoad(fileNames: readonly string[]): void;
  selectTrace(ref: TraceRef): void;
  selectSpan(index: number | null): void;
  /** Shows another trace with one of its spans selected (following a link between traces). */
  openSpan(ref: TraceRef, index: number): void;
  dismissError(index: number): void;
}

export const useTraceStore = create<TraceStoreState>()((set) => ({
  files: [],
  errors: [],
  loading: [],
  current: null,
  selectedSpan: null,

  beginLoad: (fileNames) =>
    set((s) => ({
      loading: [...s.loading, ...fileNames.map((fileName) => ({ fileName, stage: 'reading' as const }))],
    })),
  setLoadingStage: (fileName, stage) =>
    set((s) => ({ loading: s.loading.map((l) => (l.fileName === fileName ? { fileName, stage } : l)) })),
  finishLoad: (files, errors) =>
    set((s) => {
      const names = new Set([...files.map((f) => f.fileName), ...errors.map((e) => e.fileName)]);
      const loading = s.loading.filter((l) => !names.has(l.fileName));
      if (files.length === 0) return { loading, errors: [...s.errors, ...errors] };
      // A successful load starts a new view; earlier errors no longer describe what is shown.
      return { loading, files, errors: [...errors], current: { file: 0, trace: 0 }, selectedSpan: null };
    }),
  cancelLoad: (fileNames) =>
    set((s) => {
      const names = new Set(fileNames);
      return { loading: s.loading.filter((l) => !names.has(l.fileName)) };
    }),
  selectTrace: (ref) => set({ current: ref, selectedSpan: null }),
  selectSpan: (index) => set({ selectedSpan: index }),
  openSpan: (ref, index) => set({ current: ref, selectedSpan: index }),
  dismissError: (index) => set((s) => ({ errors: s.errors.filter((_, i) => i !== index) })),
}));

export function currentTrace(state: Pick<TraceStoreState, 'files' | 'current'>): Trace | null {
  const ref = state.current;
  if (!ref) return null;
  return state.files[ref.file]?.traces[ref.trace] ?? null;
}

/** Every trace loaded, with where it is, for the trace picker. */
export function allTraces(files: readonly LoadedFile[]): { ref: TraceRef; trace: Trace; fileName: string }[] {
  const out: { ref: TraceRef; trace: Trace; fileName: string }[] = [];
  files.forEach((f, file) => {
    f.traces.forEach((trace, t) => {
      out.push({ ref: { file, trace: t }, trace, fileName: f.fileName });
    });
  });
  return out;
}

/** Loaded traces by lowercase trace id, made once per load: a span may carry hundreds of links. */
const tracesByIdOf = new WeakMap<readonly LoadedFile[], Map<string, TraceRef[]>>();

function tracesById(files: readonly LoadedFile[]): Map<string, TraceRef[]> {
  let byId = tracesByIdOf.get(files);
  if (byId !== undefined) return byId;
  byId = new Map();
  for (const { ref, trace } of allTraces(files)) {
    const id = trace.traceId.toLowerCase();
    const refs = byId.get(id);
    if (refs === undefined) byId.set(id, [ref]);
    else refs.push(ref);
  }
  tracesByIdOf.set(files, byId);
  return byId;
}

/**
 * Where the span named by (trace id, span id) is among all loaded traces, or undefined: span
 * links mostly point into other traces (a batch consumer's to the producers'), which may have
 * come in the same file or drop.
 */
export function findLoadedSpan(
  files: readonly LoadedFile[],
  traceId: string,
  spanId: string,
): { readonly ref: TraceRef; readonly trace: Trace; readonly index: number } | undefined {
  for (const ref of tracesById(files).get(traceId.toLowerCase()) ?? []) {
    const trace = files[ref.file].traces[ref.trace];
    const index = findSpanIndex(trace, traceId, spanId);
    if (index !== -1) return { ref, trace, index };
  }
  return undefined;
}

// Where the files on screen came from, the files of the last sources shown (so Back and
// Forward between them need no new download), and notices about the address.
import { create } from 'zustand';
import type { LoadedFile } from '../model/trace.ts';
import { sourceKey, type TraceSource } from './trace-source.ts';

export interface Notice {
  readonly id: number;
  readonly text: string;
}

/** The current source and the one before: what Back most often returns to. */
const CACHED_SOURCES = 2;

interface CachedSource {
  readonly source: TraceSource;
  readonly files: readonly LoadedFile[];
}

export interface SourceState {
  readonly source: TraceSource;
  /** The files loaded from it. */
  readonly files: readonly LoadedFile[];
  readonly notices: readonly Notice[];
  /** Called as files from a source are about to be shown. */
  shown(source: TraceSource, files: readonly LoadedFile[]): void;
  /** A recent source by its key, with its files. */
  cached(key: string): CachedSource | undefined;
  addNotices(texts: readonly string[]): void;
  dismissNotice(id: number): void;
}

let nextNoticeId = 1;
const cache = new Map<string, CachedSource>();

export const useSourceStore = create<SourceState>()((set, get) => ({
  source: { kind: 'none' },
  files: [],
  notices: [],
  shown: (source, files) => {
    const key = sourceKey(source);
    cache.delete(key);
    cache.set(key, { source, files });
    while (cache.size > CACHED_SOURCES) cache.delete(cache.keys().next().value as string);
    // Notices were about the address of what was shown before.
    set({ source, files, notices: [] });
  },
  cached: (key) => cache.get(key),
  addNotices: (texts) => {
    if (texts.length === 0) return;
    const known = new Set(get().notices.map((n) => n.text));
    const fresh = texts.filter((t) => !known.has(t)).map((text) => ({ id: nextNoticeId++, text }));
    if (fresh.length > 0) set((s) => ({ notices: [...s.notices, ...fresh] }));
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

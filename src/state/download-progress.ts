// Bytes received by downloads in flight (a URL, a backend), beside the trace store's loading
// entries of the same name; the entry goes when the download ends.
import { create } from 'zustand';

export interface DownloadEntry {
  readonly received: number;
  /** Announced size in bytes; null when the server did not say. */
  readonly total: number | null;
}

export interface DownloadProgressState {
  readonly downloads: Readonly<Record<string, DownloadEntry>>;
  setProgress(name: string, entry: DownloadEntry): void;
  clear(name: string): void;
}

export const useDownloadProgress = create<DownloadProgressState>()((set) => ({
  downloads: {},
  setProgress: (name, entry) => set((s) => ({ downloads: { ...s.downloads, [name]: entry } })),
  clear: (name) =>
    set((s) => {
      if (!(name in s.downloads)) return s;
      const { [name]: _gone, ...rest } = s.downloads;
      return { downloads: rest };
    }),
}));

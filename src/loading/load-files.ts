// Loads one set of inputs (dropped files, a picked set, pasted text, a URL, a backend) into the store.
import type { LoadError, LoadedFile } from '../model/trace.ts';
import { useDownloadProgress } from '../state/download-progress.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { fetchBytes, type DownloadProgress } from '../io/fetch-bytes.ts';
import { FetchError } from '../io/fetch-error.ts';
import { parseInWorker } from './parse-client.ts';
import { useSourceStore } from './source-store.ts';
import { localSource, type TraceSource } from './trace-source.ts';

export interface ReadContext {
  readonly onProgress: (progress: DownloadProgress) => void;
  readonly signal: AbortSignal;
}

export interface NamedBytes {
  readonly name: string;
  readonly bytes: (context: ReadContext) => Promise<ArrayBuffer>;
  /**
   * A local file, handed to the worker as is instead of `bytes`: the worker reads it (in slices
   * when large), so the page's thread never copies it.
   */
  readonly file?: Blob;
  /** What was learnt while reading (which backend answered), shown with the file. */
  readonly notes?: () => readonly string[];
}

export interface LoadOptions {
  /** Where the inputs come from; a function when it is only known once read (a detected backend). */
  readonly source?: TraceSource | (() => TraceSource);
  /** Called after the files are shown, before anything else happens. */
  readonly afterShow?: () => void;
}

/** An error whose message already says what happened; it is shown after the input's name as is. */
export class SourceError extends Error {
  override name = 'SourceError';
}

const PROGRESS_INTERVAL_MS = 100;

/** One load at a time: asking for another trace cancels the one still coming or being read. */
let downloading: AbortController | null = null;

/** Cancels the load in flight: its downloads, and the worker reading (or decompressing) its files. */
export function cancelDownloads(): void {
  downloading?.abort();
  downloading = null;
}

function progressReporter(name: string): (p: DownloadProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last < PROGRESS_INTERVAL_MS && p.received !== p.total) return;
    last = now;
    useDownloadProgress.getState().setProgress(name, p);
  };
}

function withNotes(file: LoadedFile, notes: readonly string[]): LoadedFile {
  return notes.length === 0 ? file : { ...file, notes: [...file.notes, ...notes] };
}

/** Resolves true when something was shown. */
export async function loadInputs(inputs: readonly NamedBytes[], options: LoadOptions = {}): Promise<boolean> {
  const store = useTraceStore.getState();
  cancelDownloads();
  const controller = new AbortController();
  downloading = controller;
  store.beginLoad(inputs.map((i) => i.name));
  const results = await Promise.all(
    inputs.map(async (input) => {
      let bytes: ArrayBuffer | Blob;
      try {
        bytes =
          input.file ?? (await input.bytes({ onProgress: progressReporter(input.name), signal: controller.signal }));
      } catch (e) {
        const message =
          e instanceof SourceError || e instanceof FetchError
            ? `${input.name}: ${e.message}`
            : `${input.name}: could not be read (${e instanceof Error ? e.message : String(e)})`;
        return { ok: false as const, error: { fileName: input.name, message } };
      } finally {
        useDownloadProgress.getState().clear(input.name);
      }
      const outcome = await parseInWorker(
        input.name,
        bytes,
        (stage) => useTraceStore.getState().setLoadingStage(input.name, stage),
        controller.signal,
      );
      return outcome.ok ? { ok: true as const, file: withNotes(outcome.file, input.notes?.() ?? []) } : outcome;
    }),
  );
  if (downloading === controller) downloading = null;
  if (controller.signal.aborted) {
    useTraceStore.getState().cancelLoad(inputs.map((i) => i.name));
    return false;
  }
  const files: LoadedFile[] = [];
  const errors: LoadError[] = [];
  for (const r of results) {
    if (r.ok) files.push(r.file);
    else errors.push(r.error);
  }
  if (files.length > 0) {
    const source = typeof options.source === 'function' ? options.source() : (options.source ?? localSource());
    useSourceStore.getState().shown(source, files);
  }
  useTraceStore.getState().finishLoad(files, errors);
  if (files.length > 0) options.afterShow?.();
  return files.length > 0;
}

export function fileInputs(files: Iterable<File>): NamedBytes[] {
  return [...files].map((file) => ({
    name: file.name,
    bytes: () => file.arrayBuffer(),
    file,
  }));
}

export function textInput(name: string, text: string): NamedBytes {
  return { name, bytes: async () => new TextEncoder().encode(text).buffer as ArrayBuffer };
}

export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  // The worker takes the buffer over; a view on part of a larger one must be copied out first.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}

function urlFileName(url: string): string {
  return url.split(/[?#]/)[0].split('/').pop() || url;
}

/** Fetches a file by URL, streamed with progress; failures say what happened (network or CORS, HTTP status with the body's first line). */
export function urlInput(url: string): NamedBytes {
  return {
    name: urlFileName(url),
    bytes: async ({ onProgress, signal }) => ownBuffer((await fetchBytes(url, { onProgress, signal })).bytes),
  };
}

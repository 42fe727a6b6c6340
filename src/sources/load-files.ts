// Loads one set of inputs (dropped files, a picked set, pasted text, a URL) into the store.
import type { LoadError, LoadedFile } from '../model/trace.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { parseInWorker } from './parse-client.ts';

export interface NamedBytes {
  readonly name: string;
  readonly bytes: () => Promise<ArrayBuffer>;
}

export async function loadInputs(inputs: readonly NamedBytes[]): Promise<void> {
  const store = useTraceStore.getState();
  store.beginLoad(inputs.map((i) => i.name));
  const results = await Promise.all(
    inputs.map(async (input) => {
      let bytes: ArrayBuffer;
      try {
        bytes = await input.bytes();
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        return { ok: false as const, error: { fileName: input.name, message: `${input.name}: could not be read (${reason})` } };
      }
      return parseInWorker(input.name, bytes, (stage) => useTraceStore.getState().setLoadingStage(input.name, stage));
    }),
  );
  const files: LoadedFile[] = [];
  const errors: LoadError[] = [];
  for (const r of results) {
    if (r.ok) files.push(r.file);
    else errors.push(r.error);
  }
  useTraceStore.getState().finishLoad(files, errors);
}

export function fileInputs(files: Iterable<File>): NamedBytes[] {
  return [...files].map((file) => ({ name: file.name, bytes: () => file.arrayBuffer() }));
}

export function textInput(name: string, text: string): NamedBytes {
  return { name, bytes: async () => new TextEncoder().encode(text).buffer as ArrayBuffer };
}

/** Fetches a file by URL; failures say what happened (network, HTTP status with the body's first line). */
export function urlInput(url: string): NamedBytes {
  const name = url.split(/[?#]/)[0].split('/').pop() || url;
  return {
    name,
    bytes: async () => {
      let response: Response;
      try {
        response = await fetch(url);
      } catch {
        throw new Error(`network error fetching ${url} (offline, wrong address, or blocked by CORS)`);
      }
      if (!response.ok) {
        const body = (await response.text().catch(() => '')).split('\n')[0].slice(0, 200);
        throw new Error(`HTTP ${response.status} ${response.statusText} from ${url}${body ? `: ${body}` : ''}`);
      }
      return response.arrayBuffer();
    },
  };
}

/// <reference lib="webworker" />
// Parses and normalizes trace files off the main thread.
import type { LoadOutcome } from '../formats/load.ts';
import type { ParseRequest, ParseResponse } from './protocol.ts';
import { readTraceFile } from './read-file.ts';

declare const self: DedicatedWorkerGlobalScope;

/** The tree columns move to the page without a copy. */
function transferables(outcome: LoadOutcome): Transferable[] {
  if (!outcome.ok) return [];
  const list: Transferable[] = [];
  for (const trace of outcome.file.traces) {
    const t = trace.tree;
    for (const column of [t.parent, t.firstChild, t.nextSibling, t.childCount, t.depth, t.preorder, t.missingParent])
      list.push(column.buffer);
  }
  return list;
}

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { id, fileName, bytes } = event.data;
  const post = (message: ParseResponse, transfer: Transferable[] = []) => self.postMessage(message, transfer);
  const outcome = await readTraceFile(fileName, new Uint8Array(bytes), (stage) => post({ id, type: 'progress', stage }));
  post({ id, type: 'result', outcome }, transferables(outcome));
};

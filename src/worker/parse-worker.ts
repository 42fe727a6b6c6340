/// <reference lib="webworker" />
// Parses and normalizes trace files off the main thread.
import type { LoadOutcome } from '../formats/load.ts';
import type { Trace } from '../model/trace.ts';
import type { ParseRequest, ParseResponse } from './protocol.ts';
import { readTraceFile } from './read-file.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Spans per slice: about a tenth of a second to decode on the page. */
export const SPANS_PER_SLICE = 16_384;

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

/** Posts the spans of big traces in slices and returns the outcome without them. */
function postSpanSlices(id: number, outcome: LoadOutcome, post: (message: ParseResponse) => void): LoadOutcome {
  if (!outcome.ok) return outcome;
  const traces: Trace[] = outcome.file.traces.map((trace, traceIndex) => {
    if (trace.spans.length <= SPANS_PER_SLICE) return trace;
    for (let from = 0; from < trace.spans.length; from += SPANS_PER_SLICE)
      post({ id, type: 'spans', traceIndex, spans: trace.spans.slice(from, from + SPANS_PER_SLICE) });
    return { ...trace, spans: [] };
  });
  return { ok: true, file: { ...outcome.file, traces } };
}

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { id, fileName, bytes } = event.data;
  const post = (message: ParseResponse, transfer: Transferable[] = []) => self.postMessage(message, transfer);
  const outcome = await readTraceFile(fileName, new Uint8Array(bytes), (stage) => post({ id, type: 'progress', stage }));
  const rest = postSpanSlices(id, outcome, post);
  post({ id, type: 'result', outcome: rest }, transferables(rest));
};

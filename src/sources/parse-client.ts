// Hands file bytes to the parsing worker and resolves with what it read; the traces' search
// text, which the worker sends later, is handed to the search module as it comes.
import { provideSearchText, type SearchText } from '../analysis/search.ts';
import { provideDescendantErrors } from '../analysis/subtree-errors.ts';
import type { LoadOutcome } from '../formats/load.ts';
import type { Trace } from '../model/trace.ts';
import { provideTraceAnalysis } from '../state/trace-analysis.ts';
import type { PackedOutcome, ParseRequest, ParseResponse, ParseStage, SearchTextRequest } from '../worker/protocol.ts';
import { unpackAnalysis } from '../worker/packed-analysis.ts';
import type { PackedTrace } from '../worker/packed-trace.ts';
import { unpackTrace } from '../worker/unpack-trace.ts';

interface Pending {
  readonly fileName: string;
  readonly resolve: (o: LoadOutcome) => void;
  readonly onStage: (s: ParseStage) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();
/** Traces whose search text the worker is still to send, by request id. */
const awaitingSearchText = new Map<number, { readonly traces: readonly Trace[]; left: number }>();

/** Runs `task` once the page is idle (after it has painted what it was given). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 100);
}

/** A trace as the worker posted it, made the page's: its analysis, if it came with one, goes to the caches. */
export function unpackTraceForPage(packed: PackedTrace): Trace {
  const trace = unpackTrace(packed);
  if (packed.analysis !== undefined) {
    const { analysis, descendantErrors } = unpackAnalysis(packed.analysis);
    provideTraceAnalysis(trace, analysis);
    provideDescendantErrors(trace, descendantErrors);
  }
  return trace;
}

function unpackOutcome(id: number, outcome: PackedOutcome): LoadOutcome {
  if (!outcome.ok) return outcome;
  const traces = outcome.file.traces.map(unpackTraceForPage);
  if (traces.length > 0) {
    awaitingSearchText.set(id, { traces, left: traces.length });
    const request: SearchTextRequest = { type: 'search', id };
    whenIdle(() => worker?.postMessage(request));
  }
  return { ok: true, file: { ...outcome.file, traces } };
}

function takeSearchText(id: number, traceIndex: number, text: SearchText): void {
  const entry = awaitingSearchText.get(id);
  if (!entry) return;
  provideSearchText(entry.traces[traceIndex], text);
  if (--entry.left === 0) awaitingSearchText.delete(id);
}

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../worker/parse-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ParseResponse>) => {
    const msg = event.data;
    if (msg.type === 'search') {
      takeSearchText(msg.id, msg.traceIndex, msg.text);
      return;
    }
    const entry = pending.get(msg.id);
    if (!entry) return;
    if (msg.type === 'progress') entry.onStage(msg.stage);
    else {
      pending.delete(msg.id);
      entry.resolve(unpackOutcome(msg.id, msg.outcome));
    }
  };
  worker.onerror = (event) => {
    // A crash in the worker (e.g. out of memory) must not leave files loading forever.
    const message = event.message || 'the parser stopped unexpectedly';
    for (const [id, entry] of pending) {
      entry.resolve({ ok: false, error: { fileName: entry.fileName, message: `${entry.fileName}: ${message}` } });
      pending.delete(id);
    }
    awaitingSearchText.clear();
    worker?.terminate();
    worker = undefined;
  };
  return worker;
}

/**
 * Starts the parsing worker ahead of the first file, so that fetching and compiling its script
 * is not part of that file's wait.
 */
export function prepareParser(): void {
  if (typeof Worker !== 'undefined') getWorker();
}

export async function parseInWorker(
  fileName: string,
  bytes: ArrayBuffer,
  onStage: (stage: ParseStage) => void = () => {},
): Promise<LoadOutcome> {
  if (typeof Worker === 'undefined') {
    const { readTraceFile } = await import('../worker/read-file.ts');
    return readTraceFile(fileName, new Uint8Array(bytes), onStage);
  }
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { fileName, resolve, onStage });
    const request: ParseRequest = { type: 'parse', id, fileName, bytes };
    getWorker().postMessage(request, [bytes]);
  });
}

// Hands file bytes to the parsing worker and resolves with what it read; the traces' search
// text, which the worker sends later, is handed to the search module as it comes.
import { provideSearchText, type SearchText } from '../analysis/search.ts';
import { provideTraceWords } from '../analysis/genai.ts';
import { provideDescendantErrors } from '../analysis/subtree-errors.ts';
import type { LoadOutcome } from '../formats/load.ts';
import type { Trace } from '../model/trace.ts';
import { provideTraceAnalysis } from '../state/analysis-cache.ts';
import {
  isFileInput,
  type PackedOutcome,
  type ParseRequest,
  type ParseResponse,
  type ParseStage,
  type HandOffSearchRequest,
  type SearchFromPortRequest,
  type SearchTextRequest,
  type WarmUpRequest,
} from '../worker/protocol.ts';
import { unpackAnalysis } from '../worker/packed-analysis.ts';
import type { PackedTrace } from '../worker/packed-trace.ts';
import { unpackTrace } from '../worker/unpack-trace.ts';

interface Pending {
  readonly fileName: string;
  readonly resolve: (o: LoadOutcome) => void;
  readonly onStage: (s: ParseStage) => void;
}

/** A parsing worker and the files it is reading. */
interface ParserWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Requests whose traces' search text this worker is still to send. */
  readonly searching: Set<number>;
}

// Files dropped together are read side by side, each by its own worker, as far as the machine
// has cores to spare; a second worker starts only when a file would otherwise wait.
const MAX_WORKERS = Math.max(
  1,
  Math.min(2, (typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency) || 1),
);
const workers: ParserWorker[] = [];
let nextId = 1;
/** Traces whose search text a worker is still to send, by request id. */
const awaitingSearchText = new Map<number, { readonly traces: readonly Trace[]; left: number }>();

/**
 * From this many spans in a file, the worker that read it hands what the search text is built
 * from to a fresh worker and is ended, and that one is ended too once it has sent the text: what
 * each allocated (gigabytes at a million spans) is garbage by then, but an idle worker's heap is
 * collected only seconds later, while ending the worker frees it at once.
 */
export const RETIRE_AFTER_SPANS = 50_000;

/** Runs `task` once the page is idle (after it has painted what it was given). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 100);
}

/** A trace as the worker posted it, made the page's: its analysis, if it came with one, goes to the caches. */
export function unpackTraceForPage(packed: PackedTrace): Trace {
  const trace = unpackTrace(packed);
  provideTraceWords(trace, packed.packed.words);
  if (packed.analysis !== undefined) {
    const { analysis, descendantErrors } = unpackAnalysis(packed.analysis);
    provideTraceAnalysis(trace, analysis);
    provideDescendantErrors(trace, descendantErrors);
  }
  return trace;
}

function unpackOutcome(parser: ParserWorker, id: number, outcome: PackedOutcome): LoadOutcome {
  if (!outcome.ok) return outcome;
  const traces = outcome.file.traces.map(unpackTraceForPage);
  if (traces.length > 0) {
    awaitingSearchText.set(id, { traces, left: traces.length });
    parser.searching.add(id);
    const large = spanCount(traces) >= RETIRE_AFTER_SPANS;
    whenIdle(() => {
      if (!workers.includes(parser)) return;
      if (large) handOffSearch(parser, id);
      else parser.worker.postMessage({ type: 'search', id } satisfies SearchTextRequest);
    });
  }
  return { ok: true, file: { ...outcome.file, traces } };
}

function takeSearchText(parser: ParserWorker, id: number, traceIndex: number, text: SearchText): void {
  const entry = awaitingSearchText.get(id);
  if (!entry) return;
  provideSearchText(entry.traces[traceIndex], text);
  if (--entry.left > 0) return;
  awaitingSearchText.delete(id);
  parser.searching.delete(id);
  if (spanCount(entry.traces) >= RETIRE_AFTER_SPANS) retireIfIdle(parser);
}

function spanCount(traces: readonly Trace[]): number {
  return traces.reduce((n, trace) => n + trace.spans.length, 0);
}

/** The search text of request `id` is built by a fresh worker, to which `parser` hands what it kept for it. */
function handOffSearch(parser: ParserWorker, id: number): void {
  const channel = new MessageChannel();
  const fresh = startWorker();
  parser.searching.delete(id);
  fresh.searching.add(id);
  fresh.worker.postMessage({ type: 'search-from-port', port: channel.port2 } satisfies SearchFromPortRequest, [
    channel.port2,
  ]);
  parser.worker.postMessage({ type: 'hand-off-search', id, port: channel.port1 } satisfies HandOffSearchRequest, [
    channel.port1,
  ]);
}

/** Ends a worker that has nothing left to do; a warm one is started if none is left for the next file. */
function retireIfIdle(parser: ParserWorker): void {
  if (parser.pending.size > 0 || parser.searching.size > 0) return;
  stopWorker(parser, 'the parser was replaced');
  if (workers.length === 0) startWarmWorker();
}

function startWorker(): ParserWorker {
  const worker = new Worker(new URL('../worker/parse-worker.ts', import.meta.url), { type: 'module' });
  const parser: ParserWorker = { worker, pending: new Map(), searching: new Set() };
  worker.onmessage = (event: MessageEvent<ParseResponse>) => {
    const msg = event.data;
    if (msg.type === 'search') {
      takeSearchText(parser, msg.id, msg.traceIndex, msg.text);
      return;
    }
    if (msg.type === 'handed-off') {
      retireIfIdle(parser);
      return;
    }
    const entry = parser.pending.get(msg.id);
    if (!entry) return;
    if (msg.type === 'progress') entry.onStage(msg.stage);
    else {
      parser.pending.delete(msg.id);
      entry.resolve(unpackOutcome(parser, msg.id, msg.outcome));
    }
  };
  // A crash in the worker (e.g. out of memory) must not leave its files loading forever.
  worker.onerror = (event) => stopWorker(parser, event.message || 'the parser stopped unexpectedly');
  workers.push(parser);
  return parser;
}

/** Starts a worker that warms up once the page is idle (worker/warm-up.ts). */
function startWarmWorker(): void {
  const parser = startWorker();
  const request: WarmUpRequest = { type: 'warm' };
  whenIdle(() => {
    if (workers.includes(parser)) parser.worker.postMessage(request);
  });
}

/** Ends a worker and every file it was reading, each with `message`; the next file starts a new one. */
function stopWorker(parser: ParserWorker, message: string): void {
  for (const entry of parser.pending.values()) {
    entry.resolve({ ok: false, error: { fileName: entry.fileName, message: `${entry.fileName}: ${message}` } });
  }
  parser.pending.clear();
  for (const id of parser.searching) awaitingSearchText.delete(id);
  parser.worker.terminate();
  const at = workers.indexOf(parser);
  if (at !== -1) workers.splice(at, 1);
}

/**
 * Files this big are read one at a time, all by the first worker: two side by side could take
 * the tab past its memory (a parse holds several times the file's size).
 */
const ONE_AT_A_TIME_BYTES = 128 * 2 ** 20;

/** An idle worker, else a new one while there are cores for it, else the least busy. */
function workerForNextFile(byteLength: number): ParserWorker {
  if (byteLength >= ONE_AT_A_TIME_BYTES) return workers[0] ?? startWorker();
  const idle = workers.find((w) => w.pending.size === 0);
  if (idle !== undefined) return idle;
  if (workers.length < MAX_WORKERS) return startWorker();
  return workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
}

/**
 * Starts the parsing worker ahead of the first file, so that fetching and compiling its script
 * is not part of that file's wait; once the page is idle, the worker reads small made-up traces
 * so that the first file runs on warm code (worker/warm-up.ts).
 */
export function prepareParser(): void {
  if (typeof Worker === 'undefined' || workers.length > 0) return;
  startWarmWorker();
}

/**
 * Reads one file in a worker: its bytes, or a local file itself (read there, in slices when large).
 * Aborting `signal` stops that worker at once, whatever it is doing (decompressing a bomb,
 * parsing a huge file): the files it was reading end as cancelled.
 */
export async function parseInWorker(
  fileName: string,
  bytes: ArrayBuffer | Blob,
  onStage: (stage: ParseStage) => void = () => {},
  signal?: AbortSignal,
): Promise<LoadOutcome> {
  const isBlob = isFileInput(bytes);
  if (typeof Worker === 'undefined')
    return (await import('../worker/read-blob.ts')).readTraceInput(fileName, bytes, onStage);
  const id = nextId++;
  return new Promise((resolve) => {
    const parser = workerForNextFile(isBlob ? (bytes as Blob).size : (bytes as ArrayBuffer).byteLength);
    const onAbort = () => stopWorker(parser, 'reading was cancelled');
    const done = (outcome: LoadOutcome) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    parser.pending.set(id, { fileName, resolve: done, onStage });
    const request: ParseRequest = { type: 'parse', id, fileName, bytes };
    parser.worker.postMessage(request, isBlob ? [] : [bytes as ArrayBuffer]);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// Hands file bytes to the parsing worker and resolves with what it read.
import type { LoadOutcome } from '../formats/load.ts';
import type { Span } from '../model/trace.ts';
import type { ParseRequest, ParseResponse, ParseStage } from '../worker/protocol.ts';

interface Pending {
  readonly fileName: string;
  readonly resolve: (o: LoadOutcome) => void;
  readonly onStage: (s: ParseStage) => void;
  /** Spans that came ahead of the result, by trace index (traces too big for one message). */
  readonly spans: Map<number, Span[]>;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/** Puts the spans sent ahead back into their traces. */
function withSpans(outcome: LoadOutcome, spans: Map<number, Span[]>): LoadOutcome {
  if (!outcome.ok || spans.size === 0) return outcome;
  const traces = outcome.file.traces.map((trace, i) => {
    const sent = spans.get(i);
    return sent === undefined ? trace : { ...trace, spans: sent };
  });
  return { ok: true, file: { ...outcome.file, traces } };
}

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../worker/parse-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ParseResponse>) => {
    const msg = event.data;
    const entry = pending.get(msg.id);
    if (!entry) return;
    if (msg.type === 'progress') entry.onStage(msg.stage);
    else if (msg.type === 'spans') {
      let list = entry.spans.get(msg.traceIndex);
      if (list === undefined) entry.spans.set(msg.traceIndex, (list = []));
      for (const span of msg.spans) list.push(span);
    } else {
      pending.delete(msg.id);
      entry.resolve(withSpans(msg.outcome, entry.spans));
    }
  };
  worker.onerror = (event) => {
    // A crash in the worker (e.g. out of memory) must not leave files loading forever.
    const message = event.message || 'the parser stopped unexpectedly';
    for (const [id, entry] of pending) {
      entry.resolve({ ok: false, error: { fileName: entry.fileName, message: `${entry.fileName}: ${message}` } });
      pending.delete(id);
    }
    worker?.terminate();
    worker = undefined;
  };
  return worker;
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
    pending.set(id, { fileName, resolve, onStage, spans: new Map() });
    const request: ParseRequest = { id, fileName, bytes };
    getWorker().postMessage(request, [bytes]);
  });
}

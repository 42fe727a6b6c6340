// Hands file bytes to the parsing worker and resolves with what it read.
import type { LoadOutcome } from '../formats/load.ts';
import type { PackedOutcome, ParseRequest, ParseResponse, ParseStage } from '../worker/protocol.ts';
import { unpackTrace } from '../worker/unpack-trace.ts';

interface Pending {
  readonly fileName: string;
  readonly resolve: (o: LoadOutcome) => void;
  readonly onStage: (s: ParseStage) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function unpackOutcome(outcome: PackedOutcome): LoadOutcome {
  if (!outcome.ok) return outcome;
  return { ok: true, file: { ...outcome.file, traces: outcome.file.traces.map(unpackTrace) } };
}

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../worker/parse-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ParseResponse>) => {
    const msg = event.data;
    const entry = pending.get(msg.id);
    if (!entry) return;
    if (msg.type === 'progress') entry.onStage(msg.stage);
    else {
      pending.delete(msg.id);
      entry.resolve(unpackOutcome(msg.outcome));
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
    pending.set(id, { fileName, resolve, onStage });
    const request: ParseRequest = { id, fileName, bytes };
    getWorker().postMessage(request, [bytes]);
  });
}

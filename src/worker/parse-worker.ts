/// <reference lib="webworker" />
// Parses and normalizes trace files off the main thread, and posts the traces packed into
// columns: cloning span objects would cost the page more than the parse itself.
import type { LoadOutcome } from '../formats/load.ts';
import { packedTransferables } from './packed-trace.ts';
import { packTrace } from './pack-trace.ts';
import type { PackedOutcome, ParseRequest, ParseResponse } from './protocol.ts';
import { readTraceFile } from './read-file.ts';

declare const self: DedicatedWorkerGlobalScope;

function packOutcome(outcome: LoadOutcome): PackedOutcome {
  if (!outcome.ok) return outcome;
  return { ok: true, file: { ...outcome.file, traces: outcome.file.traces.map((trace) => packTrace(trace)) } };
}

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { id, fileName, bytes } = event.data;
  const post = (message: ParseResponse, transfer: Transferable[] = []) => self.postMessage(message, transfer);
  const outcome = packOutcome(await readTraceFile(fileName, new Uint8Array(bytes), (stage) => post({ id, type: 'progress', stage })));
  post({ id, type: 'result', outcome }, outcome.ok ? outcome.file.traces.flatMap(packedTransferables) : []);
};

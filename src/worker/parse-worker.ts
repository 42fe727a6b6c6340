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

async function readAndPack(request: ParseRequest, post: (message: ParseResponse) => void): Promise<PackedOutcome> {
  const { id, fileName, bytes } = request;
  try {
    return packOutcome(await readTraceFile(fileName, new Uint8Array(bytes), (stage) => post({ id, type: 'progress', stage })));
  } catch (e) {
    // A bug must end this file's load with a message, not leave the page waiting for an answer.
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { fileName, message: `${fileName}: could not be read (${reason})` } };
  }
}

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const post = (message: ParseResponse, transfer: Transferable[] = []) => self.postMessage(message, transfer);
  const outcome = await readAndPack(event.data, post);
  post({ id: event.data.id, type: 'result', outcome }, outcome.ok ? outcome.file.traces.flatMap(packedTransferables) : []);
};

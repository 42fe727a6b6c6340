/// <reference lib="webworker" />
// Parses and normalizes trace files off the main thread, and posts the traces packed into
// columns: cloning span objects would cost the page more than the parse itself. Large traces
// come with their analysis (self times, critical paths), which costs less here than on the
// page's spans. When the page asks (once it is idle), it builds their search text and posts that too.
import { packTraceForPage } from './pack-for-page.ts';
import { packedTransferables, spanColumnBuffers } from './packed-trace.ts';
import type {
  PackedOutcome,
  ParseRequest,
  ParseResponse,
  ParseStage,
  SearchHandOff,
  WorkerRequest,
} from './protocol.ts';
import { readTraceInput } from './read-blob.ts';
import { keepForSearch, SearchJobs, type SearchSource } from './search-jobs.ts';
import { WarmUp } from './warm-up.ts';
import { searchTextBuffers } from '../analysis/search.ts';

declare const self: DedicatedWorkerGlobalScope;

// Bound once: work still running from this module (search text) must answer to its own scope.
const scope = self;
const post = (message: ParseResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const searchJobs = new SearchJobs(
  (id, traceIndex, text) => post({ id, type: 'search', traceIndex, text }, searchTextBuffers(text)),
  yieldToMessages,
);

let warmUp: WarmUp | undefined;

/**
 * The outcome to post, and the columns its search text will be read from. The parsed traces
 * are let go here: what the worker keeps of a file is the packed copy, a fraction of their size.
 */
async function readAndPack(request: ParseRequest): Promise<{ packed: PackedOutcome; forSearch: SearchSource[] }> {
  const { id, fileName, bytes } = request;
  try {
    const onStage = (stage: ParseStage) => post({ id, type: 'progress', stage });
    const outcome = await readTraceInput(fileName, bytes, onStage);
    if (!outcome.ok) return { packed: outcome, forSearch: [] };
    // The parsed spans are let go of as they are packed: nothing here reads them again.
    const traces = outcome.file.traces.map((trace) => packTraceForPage(trace, true));
    return { packed: { ok: true, file: { ...outcome.file, traces } }, forSearch: traces.map(keepForSearch) };
  } catch (e) {
    // A bug must end this file's load with a message, not leave the page waiting for an answer.
    const reason = e instanceof Error ? e.message : String(e);
    return {
      packed: { ok: false, error: { fileName, message: `${fileName}: could not be read (${reason})` } },
      forSearch: [],
    };
  }
}

/** Traces posted to the page, kept until it asks for their search text; the newest few only. */
const awaitingSearchRequest = new Map<number, readonly SearchSource[]>();
const KEEP_FOR_SEARCH = 8;

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'search') {
    const traces = awaitingSearchRequest.get(request.id);
    awaitingSearchRequest.delete(request.id);
    if (traces) searchJobs.add(request.id, traces);
    return;
  }
  if (request.type === 'hand-off-search') {
    const sources = awaitingSearchRequest.get(request.id) ?? [];
    awaitingSearchRequest.delete(request.id);
    const handOff: SearchHandOff = { id: request.id, sources };
    request.port.postMessage(
      handOff,
      sources.flatMap((source) => spanColumnBuffers(source.packed)),
    );
    request.port.close();
    post({ id: request.id, type: 'handed-off' });
    return;
  }
  if (request.type === 'search-from-port') {
    const { port } = request;
    port.onmessage = (event: MessageEvent<SearchHandOff>) => {
      port.close();
      if (event.data.sources.length > 0) searchJobs.add(event.data.id, event.data.sources);
    };
    return;
  }
  if (request.type === 'warm') {
    if (warmUp !== undefined) return;
    warmUp = new WarmUp(yieldToMessages);
    // A warm-up that fails costs only its speed-up; the real file reads the same either way.
    warmUp.run().catch(() => {});
    return;
  }
  warmUp?.stop();
  const { packed, forSearch } = await readAndPack(request);
  try {
    post(
      { id: request.id, type: 'result', outcome: packed },
      packed.ok ? packed.file.traces.flatMap(packedTransferables) : [],
    );
  } catch (e) {
    // The page waits for an answer to every file; a message that cannot be cloned must still give one.
    const reason = e instanceof Error ? e.message : String(e);
    const message = `${request.fileName}: its traces could not be handed to the page (${reason})`;
    post({ id: request.id, type: 'result', outcome: { ok: false, error: { fileName: request.fileName, message } } });
    return;
  }
  if (forSearch.length === 0) return;
  awaitingSearchRequest.set(request.id, forSearch);
  for (const id of awaitingSearchRequest.keys()) {
    if (awaitingSearchRequest.size <= KEEP_FOR_SEARCH) break;
    awaitingSearchRequest.delete(id);
  }
};

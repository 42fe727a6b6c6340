// The trip a trace makes from the worker to the page, for tests that need what the page sees.
import { unpackTraceForPage } from '../../src/loading/parse-client.ts';
import type { Trace } from '../../src/model/trace.ts';
import { packTraceForPage } from '../../src/worker/pack-for-page.ts';
import { packTrace } from '../../src/worker/pack-trace.ts';
import { packedTransferables } from '../../src/worker/packed-trace.ts';
import { unpackTrace } from '../../src/worker/unpack-trace.ts';

/** Packs, clones as postMessage would (moving the columns), and unpacks. */
export function throughPostMessage(trace: Trace, chunkChars?: number): Trace {
  // Moving the tree columns empties them here; the test still needs the original's.
  const packed = packTrace({ ...trace, tree: structuredClone(trace.tree) }, { chunkChars });
  return unpackTrace(structuredClone(packed, { transfer: packedTransferables(packed) }));
}

/**
 * Packs as the worker does (with the analysis of a large trace), clones as postMessage would,
 * and unpacks as the page does: the trace the page gets.
 */
export function throughThePage(trace: Trace): Trace {
  const packed = packTraceForPage({ ...trace, tree: structuredClone(trace.tree) });
  return unpackTraceForPage(structuredClone(packed, { transfer: packedTransferables(packed) }));
}

// @vitest-environment node
// The analysis the worker posts must be the one the page would work out from the spans it
// receives: the views show it as their own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { descendantErrors } from '../../../src/analysis/subtree-errors.ts';
import { computeTraceAnalysis } from '../../../src/analysis/trace-analysis.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { packAnalysis, packedAnalysisTransferables, unpackAnalysis } from '../../../src/worker/packed-analysis.ts';
import { corpusEntries, readCorpusText } from '../../helpers/corpus.ts';
import { throughPostMessage } from '../../helpers/page-round-trip.ts';
import { messyTrace } from '../../helpers/random-traces.ts';

/** The analysis as the worker sends it, after the trip through postMessage. */
function postedAnalysis(trace: Trace) {
  const packed = packAnalysis(computeTraceAnalysis(trace), descendantErrors(trace));
  return unpackAnalysis(structuredClone(packed, { transfer: packedAnalysisTransferables(packed) }));
}

/** The trace as the page has it, and the analysis it would work out itself. */
function pageAnalysis(trace: Trace) {
  const onPage = throughPostMessage(trace);
  return { analysis: computeTraceAnalysis(onPage), descendantErrors: descendantErrors(onPage) };
}

describe('analysis posted by the worker', () => {
  it('equals what the page works out, on random traces with orphans, several roots, async and failed spans', () => {
    fc.assert(
      fc.property(messyTrace, (trace) => {
        expect(postedAnalysis(trace)).toEqual(pageAnalysis(trace));
      }),
      { numRuns: 300 },
    );
  });

  const loadable = corpusEntries().filter((e) => e.expect === 'load' || e.expect === 'load-with-warnings');
  it('equals what the page works out, for every trace of every loadable corpus file', () => {
    let traces = 0;
    for (const entry of loadable) {
      const outcome = loadTraceText(entry.file, readCorpusText(entry.file));
      if (!outcome.ok) throw new Error(outcome.error.message);
      for (const trace of outcome.file.traces) {
        expect(postedAnalysis(trace), `${entry.file}, trace ${trace.traceId}`).toEqual(pageAnalysis(trace));
        traces++;
      }
    }
    expect(traces).toBeGreaterThan(loadable.length);
  });
});

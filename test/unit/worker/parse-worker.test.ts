// @vitest-environment node
// The real worker module, run in this thread with every message cloned both ways as
// postMessage does: the page must get exactly the traces that reading the file in-thread gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateTraceText } from '../../../bench/generate.ts';
import { searchSpans } from '../../../src/analysis/search.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import type { ParseResponse } from '../../../src/worker/protocol.ts';
import { readCorpusText } from '../../helpers/corpus.ts';
import { plainTrace } from '../../helpers/plain-trace.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

const WORKER_MODULE = new URL('../../../src/worker/parse-worker.ts', import.meta.url).pathname;

/** Workers the page started and ended, in the current test. */
const workerLife = { started: 0, ended: 0 };

describe('parseInWorker', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  /**
   * Workers that run in this thread, each with its own instance of the worker module and its own
   * scope, as the page's workers are separate. `refuse` makes postMessage throw for the messages
   * it accepts, as a failed structured clone does.
   */
  async function inThreadWorker(refuse: (message: ParseResponse) => boolean = () => false): Promise<ParseResponse[]> {
    const posted: ParseResponse[] = [];
    workerLife.started = 0;
    workerLife.ended = 0;
    // One module instance at a time is evaluated: each reads its own `self` when it is.
    let loading: Promise<unknown> = Promise.resolve();
    type Listener = ((event: { data: unknown }) => void) | null;
    vi.stubGlobal(
      'Worker',
      class {
        onmessage: Listener = null;
        private ended = false;
        private readonly scope: { onmessage: Listener; postMessage: (m: ParseResponse, t?: Transferable[]) => void };
        private readonly ready: Promise<unknown>;
        constructor() {
          const instance = ++workerLife.started;
          this.scope = {
            onmessage: null,
            postMessage: (message, transfer = []) => {
              if (this.ended) return;
              if (refuse(message)) throw new DOMException('could not be cloned', 'DataCloneError');
              // What the page receives: the sender's moved buffers are empty afterwards.
              const data = structuredClone(message, { transfer });
              posted.push(data);
              this.onmessage?.({ data });
            },
          };
          const scope = this.scope;
          loading = loading.then(async () => {
            vi.stubGlobal('self', scope);
            await import(/* @vite-ignore */ `${WORKER_MODULE}?instance=${instance}`);
          });
          this.ready = loading;
        }
        postMessage(request: unknown, transfer: Transferable[] = []) {
          const data = structuredClone(request, { transfer });
          void this.ready.then(() => {
            if (!this.ended) this.scope.onmessage?.({ data });
          });
        }
        terminate() {
          this.ended = true;
          workerLife.ended++;
        }
      },
    );
    return posted;
  }

  async function throughWorker(fileName: string, text: string, refuse?: (message: ParseResponse) => boolean) {
    const posted = await inThreadWorker(refuse);
    const { parseInWorker } = await import('../../../src/loading/parse-client.ts');
    const outcome = await parseInWorker(fileName, utf8(text).buffer as ArrayBuffer);
    return { posted, outcome };
  }

  it('gives the page every trace of a many-trace file, in one message, as read in-thread', async () => {
    const text = readCorpusText('otlp/otel-tui__test_data.json');
    const { posted, outcome } = await throughWorker('many.json', text);
    const expected = loadTraceText('many.json', text);
    if (!outcome.ok || !expected.ok) throw new Error('expected both to load');
    expect(posted.filter((m) => m.type === 'result')).toHaveLength(1);
    expect(outcome.file.traces.length).toBeGreaterThan(100);
    expect({ ...outcome.file, traces: outcome.file.traces.map(plainTrace) }).toEqual({
      ...expected.file,
      traces: expected.file.traces.map(plainTrace),
    });
  });

  it('hands the search text of a large file to a fresh worker, ends both once it is sent, and has a warm one for the next file', async () => {
    const { RETIRE_AFTER_SPANS } = await import('../../../src/loading/parse-client.ts');
    const text = generateTraceText('zipkin-v2', RETIRE_AFTER_SPANS, 6);
    const { posted, outcome } = await throughWorker('large.json', text);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(workerLife).toEqual({ started: 1, ended: 0 });
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'search')).toBe(true), { timeout: 30_000 });
    // The reader handed off and ended; the fresh worker sent the text and ended; a third waits.
    await vi.waitFor(() => expect(workerLife).toEqual({ started: 3, ended: 2 }));
    expect(posted.filter((m) => m.type === 'handed-off')).toHaveLength(1);
    // The page finds what an in-thread search finds.
    const { searchSpans } = await import('../../../src/analysis/search.ts');
    const expected = loadTraceText('large.json', text);
    if (!expected.ok) throw new Error(expected.error.message);
    for (const query of ['get', 'frontend', 'http.route=/api/cart']) {
      expect(Array.from(searchSpans(outcome.file.traces[0], query))).toEqual(
        Array.from(searchSpans(expected.file.traces[0], query)),
      );
    }
    const { parseInWorker } = await import('../../../src/loading/parse-client.ts');
    const next = await parseInWorker('small.json', utf8(generateTraceText('zipkin-v2', 10, 7)).buffer as ArrayBuffer);
    expect(next.ok).toBe(true);
    expect(workerLife).toEqual({ started: 3, ended: 2 });
  });

  it('keeps the worker that read a smaller file', async () => {
    const { RETIRE_AFTER_SPANS } = await import('../../../src/loading/parse-client.ts');
    const { posted, outcome } = await throughWorker(
      'medium.json',
      generateTraceText('zipkin-v2', RETIRE_AFTER_SPANS - 1, 6),
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'search')).toBe(true), { timeout: 30_000 });
    expect(workerLife).toEqual({ started: 1, ended: 0 });
  });

  it('gives the page a 40,000-span trace whole', async () => {
    const text = generateTraceText('zipkin-v2', 40_000, 5);
    const { outcome } = await throughWorker('big.json', text);
    const expected = loadTraceText('big.json', text);
    if (!outcome.ok || !expected.ok) throw new Error('expected both to load');
    expect(outcome.file.traces.map(plainTrace)).toEqual(expected.file.traces.map(plainTrace));
  });

  it('hands the page the analysis of a large trace, the one its spans give, and leaves small ones to the page', async () => {
    const { ANALYSED_IN_WORKER_FROM_SPANS } = await import('../../../src/worker/pack-for-page.ts');
    const large = JSON.parse(generateTraceText('otlp', ANALYSED_IN_WORKER_FROM_SPANS, 3)) as {
      resourceSpans: unknown[];
    };
    const small = JSON.parse(generateTraceText('otlp', ANALYSED_IN_WORKER_FROM_SPANS - 1, 4)) as {
      resourceSpans: unknown[];
    };
    const text = JSON.stringify({ resourceSpans: [...large.resourceSpans, ...small.resourceSpans] });
    const { posted, outcome } = await throughWorker('two.json', text);
    const expected = loadTraceText('two.json', text);
    if (!outcome.ok || !expected.ok) throw new Error('expected both to load');
    const result = posted.find((m) => m.type === 'result');
    if (result?.type !== 'result' || !result.outcome.ok) throw new Error('expected a result with traces');
    // The same module instances as the page's, which the worker test loaded afresh.
    const { analyzeTrace } = await import('../../../src/state/analysis-cache.ts');
    const { descendantErrors } = await import('../../../src/analysis/subtree-errors.ts');
    const { computeTraceAnalysis } = await import('../../../src/analysis/trace-analysis.ts');
    expect(outcome.file.traces.map((t) => t.spans.length).sort()).toEqual([
      ANALYSED_IN_WORKER_FROM_SPANS - 1,
      ANALYSED_IN_WORKER_FROM_SPANS,
    ]);
    outcome.file.traces.forEach((trace, t) => {
      const sent = result.outcome.ok ? result.outcome.file.traces[t].analysis : undefined;
      const analysis = analyzeTrace(trace);
      if (trace.spans.length >= ANALYSED_IN_WORKER_FROM_SPANS) {
        if (sent === undefined) throw new Error('the large trace came without its analysis');
        expect(analysis.selfNs).toBe(sent.selfNs);
        expect(descendantErrors(trace)).toBe(sent.descendantErrors);
      } else expect(sent).toBeUndefined();
      expect(analysis).toEqual(computeTraceAnalysis(expected.file.traces[t]));
    });
  });

  it('passes a file that cannot be read on as an error naming it', async () => {
    const { outcome } = await throughWorker('broken.json', '{"resourceSpans": [');
    if (outcome.ok) throw new Error('expected an error');
    expect(outcome.error.message).toMatch(/^broken\.json: /);
  });

  it('answers with an error naming the file when the traces cannot be posted, rather than leave the page waiting', async () => {
    const text = readCorpusText('otlp/otel-tui__test_data.json');
    const refuseTraces = (m: ParseResponse) => m.type === 'result' && m.outcome.ok;
    const { outcome } = await throughWorker('unpostable.json', text, refuseTraces);
    if (outcome.ok) throw new Error('expected an error');
    expect(outcome.error.message).toMatch(/^unpostable\.json: .*could not be cloned/);
  });

  it('sends the search text of each trace afterwards, which finds what an in-thread search finds', async () => {
    const text = readCorpusText('otlp/otel-tui__test_data.json');
    const { posted, outcome } = await throughWorker('many.json', text);
    const expected = loadTraceText('many.json', text);
    if (!outcome.ok || !expected.ok) throw new Error('expected both to load');
    const traceCount = outcome.file.traces.length;
    await vi.waitFor(() => expect(posted.filter((m) => m.type === 'search')).toHaveLength(traceCount), {
      timeout: 10_000,
    });
    for (const message of posted) {
      if (message.type !== 'search') continue;
      const spans = message.text.chunks.reduce((n, c) => n + c.fieldStarts.length - 1, 0);
      expect(spans).toBe(outcome.file.traces[message.traceIndex].spans.length);
    }
    for (const query of ['http', 'get', 'status', 'service.name=frontend'])
      for (const [t, trace] of outcome.file.traces.entries()) {
        expect(Array.from(searchSpans(trace, query))).toEqual(Array.from(searchSpans(expected.file.traces[t], query)));
      }
  });
});

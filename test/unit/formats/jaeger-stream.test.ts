// @vitest-environment node
// A large Jaeger file's spans are read while it streams in (jaeger-stream.ts) and placed in their
// traces afterwards: the traces and warnings must be those of the file read whole, whatever the
// order of a trace's keys, and spans that only Jaeger's reader should take are taken by nothing else.
import { describe, expect, it } from 'vitest';
import { generateTraceText } from '../../../bench/generate.ts';
import { JaegerStreamReading, looksLikeJaegerStart } from '../../../src/formats/jaeger-stream.ts';
import { JsonStream } from '../../../src/formats/json-stream.ts';
import { loadTraceDocument, loadTraceText, type LoadOutcome } from '../../../src/formats/load.ts';
import { readTraceBlob } from '../../../src/worker/read-blob.ts';
import { readTraceFile } from '../../../src/worker/read-file.ts';
import { corpusEntries, readCorpusText } from '../../helpers/corpus.ts';
import { plainTrace } from '../../helpers/plain-trace.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

function streamed(
  text: string,
  maxPieceBytes: number,
  fileName = 't.json',
): { outcome: LoadOutcome; spansRead: number } {
  const jaeger = new JaegerStreamReading();
  const stream = new JsonStream({ maxPieceBytes, onElements: jaeger.onElements });
  const bytes = utf8(text);
  // Cut anywhere: the pieces' edges must not matter.
  for (let at = 0; at < bytes.length; at += 333) stream.feed(bytes.subarray(at, at + 333));
  const parsed = stream.end();
  if (parsed.kind !== 'document') throw new Error('expected one document');
  return { outcome: loadTraceDocument(fileName, parsed.doc), spansRead: jaeger.count };
}

function plain(outcome: LoadOutcome) {
  if (!outcome.ok) return outcome;
  return { ...outcome.file, traces: outcome.file.traces.map(plainTrace) };
}

const A = '0af7651916cd43dd8448eb211c80319c';
const B = '1bf7651916cd43dd8448eb211c80319d';

/** A trace whose spans come before its id and processes, with spans that need their trace to be read. */
function trace(traceID: string, spanCount: number) {
  const spans = Array.from({ length: spanCount }, (_, i) => {
    const span: Record<string, unknown> = {
      traceID,
      spanID: (0x1000 + i).toString(16).padStart(16, '0'),
      operationName: `op ${i % 7}`,
      references:
        i === 0
          ? []
          : [
              {
                refType: 'CHILD_OF',
                traceID,
                spanID: (0x1000 + Math.floor((i - 1) / 3)).toString(16).padStart(16, '0'),
              },
            ],
      startTime: 1_700_000_000_000_000 + i * 10,
      duration: 5 + i,
      tags: [
        { key: 'span.kind', type: 'string', value: i % 2 ? 'client' : 'server' },
        { key: 'n', type: 'int64', value: i },
      ],
      logs: [{ fields: [{ key: 'event', type: 'string', value: 'no timestamp' }] }],
      processID: i % 5 === 3 ? 'p9' : `p${i % 2}`,
    };
    if (i % 11 === 4) delete span.traceID;
    if (i % 13 === 6) span.startTime = 0;
    if (i % 17 === 8) delete span.startTime;
    if (i % 19 === 9) span.process = { serviceName: 'inline', tags: [{ key: 'host', type: 'string', value: 'h' }] };
    if (i % 23 === 10) span.warnings = ['clock skew adjusted'];
    if (i % 29 === 11) span.operationName = 42;
    return span;
  });
  return {
    spans,
    traceID,
    processes: { p0: { serviceName: 'front', tags: [] }, p1: { serviceName: 'back', tags: [] } },
    warnings: null,
  };
}

describe('Jaeger spans read as the file streams in', () => {
  it('gives the traces and warnings of the whole file when processes and trace ids come after the spans', () => {
    const text = JSON.stringify({ data: [trace(A, 120), trace(B, 90)], total: 0, limit: 0, offset: 0, errors: null });
    const { outcome, spansRead } = streamed(text, 600);
    expect(spansRead).toBeGreaterThan(150);
    const whole = loadTraceText('t.json', text);
    expect(whole.ok && whole.file.warnings.length + whole.file.traces[0].warnings.length).toBeGreaterThan(10);
    expect(plain(outcome)).toEqual(plain(whole));
  });

  it('reads a trace at the top level and a generated file alike', () => {
    for (const text of [JSON.stringify(trace(A, 60)), generateTraceText('jaeger', 300, 4)]) {
      const { outcome, spansRead } = streamed(text, 2048);
      expect(spansRead).toBeGreaterThan(0);
      expect(plain(outcome)).toEqual(plain(loadTraceText('t.json', text)));
    }
  });

  const jaegerFiles = corpusEntries().filter((e) => e.format === 'jaeger' && e.expect !== 'error');
  it.each(jaegerFiles.map((e) => e.file))('%s: the same as read whole', (file) => {
    const text = readCorpusText(file);
    expect(plain(streamed(text, 16_384, file).outcome)).toEqual(plain(loadTraceText(file, text)));
  });

  it('is tried only on files that start as Jaeger JSON', () => {
    expect(looksLikeJaegerStart(utf8(generateTraceText('jaeger', 3, 1)))).toBe(true);
    for (const format of ['otlp', 'zipkin-v2'] as const)
      expect(looksLikeJaegerStart(utf8(generateTraceText(format, 3, 1)))).toBe(false);
  });

  it('reads a file again as it is when the spans read while streaming leave it unrecognised', async () => {
    // jaeger-ui's model of a trace: no traceID or processes beside the spans, which alone say Jaeger.
    const text = JSON.stringify({ data: { spans: trace(A, 40).spans } });
    const whole = await readTraceFile('t.json', utf8(text));
    expect(whole.ok && whole.file.format).toBe('jaeger');
    expect(await readTraceBlob('t.json', new Blob([text]), undefined, { maxTextBytes: 2048, sliceBytes: 100 })).toEqual(
      whole,
    );
  });
});

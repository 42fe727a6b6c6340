// One RAG trace written as OTLP, Jaeger and Zipkin (whose tags are all strings) gives the same
// model calls and token totals: the GenAI reading does not depend on how values were typed.
import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../../src/analysis/critical-path.ts';
import { genAiSummary } from '../../../src/analysis/genai.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import { RAG_TOKENS, ragJaeger, ragOtlp, ragZipkin } from '../../helpers/rag-formats.ts';

function totals(name: string, text: string) {
  const outcome = loadTraceText(name, text);
  if (!outcome.ok) throw new Error(`${name} did not load`);
  const trace = outcome.file.traces[0];
  const summary = genAiSummary(trace, criticalPath(trace, trace.tree.roots[0]))!;
  return {
    format: outcome.file.format,
    calls: summary.calls,
    input: summary.inputTokens,
    output: summary.outputTokens,
  };
}

describe('one RAG trace in three formats', () => {
  it('gives the same model calls and token totals from OTLP, Jaeger and Zipkin', () => {
    const results = [
      totals('rag.otlp.json', ragOtlp()),
      totals('rag.jaeger.json', ragJaeger()),
      totals('rag.zipkin.json', ragZipkin()),
    ];
    expect(results.map((r) => r.format)).toEqual(['otlp', 'jaeger', 'zipkin-v2']);
    for (const r of results) expect({ calls: r.calls, input: r.input, output: r.output }).toEqual(RAG_TOKENS);
  });
});

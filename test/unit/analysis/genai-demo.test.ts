// The bundled demo (what `npm start` opens) shows the GenAI views on its RAG trace.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../../src/analysis/critical-path.ts';
import { genAiSummary } from '../../../src/analysis/genai.ts';
import { readGenAiSpan } from '../../../src/analysis/genai-span.ts';
import { loadTraceText } from '../../../src/formats/load.ts';

function demoTrace() {
  const outcome = loadTraceText(
    'demo-trace.json',
    readFileSync(path.resolve(process.cwd(), 'public/demo-trace.json'), 'utf8'),
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.file.traces[0];
}

describe('the demo trace', () => {
  it("carries its LLM call's conversation, cost, time to first token and session, and the ranked documents it was given", () => {
    const trace = demoTrace();
    const chat = trace.spans.find((s) => s.name.startsWith('chat ') && s.serviceName === 'rag-orchestrator')!;
    const genai = readGenAiSpan(chat)!;
    expect(genai.kind).toBe('llm');
    expect(genai.input.map((m) => m.role)).toEqual(['system', 'user']);
    expect(genai.input[1].content).toContain('Question: How do I rotate our SSO signing keys');
    expect(genai.output[0].content).toContain('Publish the new key next to the old one');
    expect(genai.tokens).toMatchObject({ input: 6187, output: 264 });
    expect(genai.cost?.total).toBeCloseTo(0.001086);
    expect(genai.timeToFirstTokenNs).toBeGreaterThan(0);
    expect(genai.sessionId).toBe('sess-7c1e9a40-acme');

    const retrieveSpan = trace.spans.find((s) => s.name === 'retrieve_documents')!;
    const retrieve = readGenAiSpan(retrieveSpan)!;
    expect(retrieve.kind).toBe('retriever');
    expect(retrieve.documents.map((d) => d.id)).toEqual(['kb-4417', 'kb-0932', 'kb-2761', 'kb-3308']);
  });

  it('totals 6,204 input and 264 output tokens over its model calls (two embedding attempts and the chat), and says the embedding was retried', () => {
    const trace = demoTrace();
    const summary = genAiSummary(trace, criticalPath(trace, trace.tree.roots[0]))!;
    expect(summary).toMatchObject({ calls: 3, inputTokens: 6204, outputTokens: 264 });
    expect(summary.cost).toBeCloseTo(0.001086);
    expect(summary.firstTokenCriticalNs).toBeGreaterThan(0);
    expect(summary.failures.map((f) => f.text)).toEqual(['a request was retried']);
  });
});

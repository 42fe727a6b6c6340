import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTraceChunks, generateTraceText, type BenchFormat } from '../../bench/generate.ts';
import type { Attribute } from '../../src/model/trace.ts';
import { asArray, isObject, type JsonObject } from '../../src/formats/json.ts';
import { loadTraceText } from '../../src/formats/load.ts';

const FORMATS: readonly BenchFormat[] = ['otlp', 'jaeger', 'zipkin-v2'];
const SPANS = 1000;

function objects(value: unknown): JsonObject[] {
  return (asArray(value) ?? []).filter(isObject);
}

/** The span records of a document, found the way each format nests them. */
function spanRecords(format: BenchFormat, doc: unknown): JsonObject[] {
  if (format === 'zipkin-v2') return objects(doc);
  if (!isObject(doc)) return [];
  if (format === 'jaeger') return objects(doc.data).flatMap((trace) => objects(trace.spans));
  return objects(doc.resourceSpans).flatMap((rs) => objects(rs.scopeSpans).flatMap((ss) => objects(ss.spans)));
}

function otlpDocument(seed: number): { doc: JsonObject; spans: JsonObject[] } {
  const doc: unknown = JSON.parse(generateTraceText('otlp', SPANS, seed));
  if (!isObject(doc)) throw new Error('OTLP document is not an object');
  return { doc, spans: spanRecords('otlp', doc) };
}

describe('generateTraceText', () => {
  it.each(FORMATS)('writes valid %s JSON with exactly the requested number of span records', (format) => {
    const doc: unknown = JSON.parse(generateTraceText(format, SPANS, 7));
    expect(spanRecords(format, doc)).toHaveLength(SPANS);
  });

  it.each(FORMATS)('gives the same %s text for the same seed and a different one for another seed', (format) => {
    const text = generateTraceText(format, SPANS, 11);
    expect(generateTraceText(format, SPANS, 11)).toBe(text);
    expect(generateTraceText(format, SPANS, 12)).not.toBe(text);
  });

  it.each(FORMATS)('streams %s chunks that join to the same text', (format) => {
    const chunks = [...generateTraceChunks(format, 5000, 3)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(generateTraceText(format, 5000, 3));
  });

  it('rejects a span count that is not a positive integer', () => {
    expect(() => generateTraceText('otlp', 0)).toThrow(RangeError);
    expect(() => generateTraceText('otlp', 2.5)).toThrow(RangeError);
  });
});

describe('the generated trace', () => {
  const { doc, spans } = otlpDocument(5);

  it('spreads over 18 services, one resourceSpans each', () => {
    const names = objects(doc.resourceSpans).map((rs) => {
      const resource = isObject(rs.resource) ? rs.resource : {};
      const serviceName = objects(resource.attributes).find((a) => a.key === 'service.name');
      return isObject(serviceName?.value) ? serviceName.value.stringValue : undefined;
    });
    expect(new Set(names).size).toBe(18);
    expect(names).toHaveLength(18);
  });

  it('is one complete tree of depth up to 12, with both wide fan-outs and deep chains', () => {
    const parentOf = new Map<unknown, unknown>(spans.map((s) => [s.spanId, s.parentSpanId]));
    const roots = spans.filter((s) => s.parentSpanId === undefined);
    expect(roots).toHaveLength(1);
    for (const s of spans) if (s.parentSpanId !== undefined) expect(parentOf.has(s.parentSpanId)).toBe(true);

    let maxDepth = 0;
    for (const s of spans) {
      let depth = 0;
      for (let id = s.parentSpanId; id !== undefined; id = parentOf.get(id)) depth++;
      maxDepth = Math.max(maxDepth, depth);
    }
    expect(maxDepth).toBeGreaterThanOrEqual(10);
    expect(maxDepth).toBeLessThanOrEqual(12);

    const children = new Map<unknown, number>();
    for (const s of spans) children.set(s.parentSpanId, (children.get(s.parentSpanId) ?? 0) + 1);
    children.delete(undefined);
    expect(Math.max(...children.values())).toBeGreaterThanOrEqual(20);
  });

  it('gives every span 5 to 10 attributes of mixed types, some int64 beyond 2^53', () => {
    const types = new Set<string>();
    let bigInts = 0;
    for (const s of spans) {
      const attributes = objects(s.attributes);
      expect(attributes.length).toBeGreaterThanOrEqual(5);
      expect(attributes.length).toBeLessThanOrEqual(10);
      for (const a of attributes) {
        if (!isObject(a.value)) continue;
        for (const key of Object.keys(a.value)) types.add(key);
        const int = a.value.intValue;
        if (typeof int === 'string' && int.length > 16 && !Number.isSafeInteger(Number(int))) bigInts++;
      }
    }
    expect([...types].sort()).toEqual(['arrayValue', 'boolValue', 'doubleValue', 'intValue', 'stringValue']);
    expect(bigInts).toBeGreaterThan(0);
  });

  it('has events on about a fifth of the spans, and some links and errors', () => {
    const withEvents = spans.filter((s) => objects(s.events).length > 0).length;
    const withLinks = spans.filter((s) => objects(s.links).length > 0).length;
    const errors = spans.filter((s) => isObject(s.status) && s.status.code === 2).length;
    expect(withEvents / SPANS).toBeGreaterThan(0.12);
    expect(withEvents / SPANS).toBeLessThan(0.3);
    expect(withLinks).toBeGreaterThan(0);
    expect(withLinks / SPANS).toBeLessThan(0.05);
    expect(errors).toBeGreaterThan(0);
    expect(errors / SPANS).toBeLessThan(0.03);
  });

  it('writes some Zipkin client/server pairs as shared spans with one id', () => {
    const records = spanRecords('zipkin-v2', JSON.parse(generateTraceText('zipkin-v2', SPANS, 5)));
    const shared = records.filter((s) => s.shared === true);
    expect(shared.length).toBeGreaterThan(0);
    for (const server of shared) {
      expect(server.kind).toBe('SERVER');
      const client = records.find((s) => s.id === server.id && s.kind === 'CLIENT');
      expect(client?.parentId).toBe(server.parentId);
    }
  });

  it('writes Jaeger links as FOLLOWS_FROM references next to the CHILD_OF parent', () => {
    const records = spanRecords('jaeger', JSON.parse(generateTraceText('jaeger', SPANS, 5)));
    const refTypes = records.flatMap((s) => objects(s.references).map((r) => r.refType));
    expect(refTypes.filter((t) => t === 'CHILD_OF')).toHaveLength(SPANS - 1);
    expect(refTypes).toContain('FOLLOWS_FROM');
  });
});

describe('loading the bundled demo and generated traces', () => {
  it('loads the demo trace: one RAG request whose LLM call takes about 70% of it, with ns-precise spans', () => {
    const text = readFileSync(path.resolve(process.cwd(), 'public/demo-trace.json'), 'utf8');
    const outcome = loadTraceText('demo-trace.json', text);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const [trace] = outcome.file.traces;
    expect(outcome.file.traces).toHaveLength(1);
    expect(trace.spans).toHaveLength(67);
    expect(trace.services).toHaveLength(8);
    expect(trace.errorCount).toBe(1);
    expect(trace.warnings).toEqual([]);

    const isChat = (a: Attribute): boolean =>
      a.key === 'gen_ai.operation.name' && a.value.type === 'string' && a.value.value === 'chat';
    const llm = trace.spans.find((s) => s.serviceName === 'rag-orchestrator' && s.attributes.some(isChat));
    expect(llm).toBeDefined();
    expect(llm!.durationNs / trace.durationNs).toBeGreaterThan(0.65);
    expect(llm!.durationNs / trace.durationNs).toBeLessThan(0.75);
    expect(trace.spans.find((s) => s.name === 'jwks.cache_lookup')?.durationNs).toBe(750);
  });

  it.each(FORMATS)('loads a generated %s trace with every span', (format) => {
    const outcome = loadTraceText(`bench.${format}.json`, generateTraceText(format, SPANS, 42));
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.file.format).toBe(format);
    expect(outcome.file.traces).toHaveLength(1);
    expect(outcome.file.traces[0].spans).toHaveLength(SPANS);
    expect(outcome.file.traces[0].services).toHaveLength(18);
  });
});

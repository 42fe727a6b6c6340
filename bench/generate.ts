// Deterministic synthetic traces for the benchmarks: one trace of a chosen size, written as
// OTLP/JSON, Jaeger JSON or Zipkin v2 JSON. The structure (18 services, depth up to 12, wide
// fan-outs and deep chains) comes from shape.ts; the text is produced in chunks so that even
// a million-span trace never needs its whole document as objects in memory.
import { jaegerChunks } from './generate/jaeger-writer.ts';
import { otlpChunks } from './generate/otlp-writer.ts';
import { buildShape } from './generate/shape.ts';
import { zipkinV2Chunks } from './generate/zipkin-writer.ts';

export type BenchFormat = 'otlp' | 'jaeger' | 'zipkin-v2';

const DEFAULT_SEED = 1;

/**
 * The text of a trace of exactly `spanCount` span records, in pieces whose concatenation is
 * generateTraceText's result. Use this for sizes whose text would not fit in one string (V8
 * strings stop at about 512 MiB; a million OTLP spans come close).
 */
export function generateTraceChunks(
  format: BenchFormat,
  spanCount: number,
  seed: number = DEFAULT_SEED,
): Iterable<string> {
  const shape = buildShape(spanCount, seed);
  switch (format) {
    case 'otlp':
      return otlpChunks(shape);
    case 'jaeger':
      return jaegerChunks(shape);
    case 'zipkin-v2':
      return zipkinV2Chunks(shape);
  }
}

/** A deterministic trace of `spanCount` span records as JSON text in the given format (seeded PRNG, no Math.random). */
export function generateTraceText(format: BenchFormat, spanCount: number, seed: number = DEFAULT_SEED): string {
  const chunks: string[] = [];
  for (const chunk of generateTraceChunks(format, spanCount, seed)) chunks.push(chunk);
  return chunks.join('');
}

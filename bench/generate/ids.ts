// Trace and span ids and timestamps of a generated trace, as every writer spells them.
import { hex8, mix32, scramble32 } from './prng.ts';

/** 2026-11-20T10:00:00Z in epoch microseconds; Jaeger and Zipkin write times in µs. */
export const TRACE_EPOCH_US = Date.UTC(2026, 10, 20, 10, 0, 0) * 1000;

export function traceIdHex(seed: number): string {
  return hex8(mix32(seed, 1)) + hex8(mix32(seed, 2)) + hex8(mix32(seed, 3)) + hex8(mix32(seed, 4));
}

/** 16 hex digits; the low half is a bijection of the index, so ids never collide. */
export function spanIdHex(seed: number, index: number): string {
  return hex8(mix32(seed ^ 0x3c6ef372, index)) + hex8(scramble32((index ^ seed) >>> 0));
}

/**
 * Epoch nanoseconds for OTLP, which carries more precision than the µs the shape is kept in.
 * The sub-µs part grows with depth at the start and shrinks with depth at the end, so that a
 * child stays inside its parent at nanosecond resolution too.
 */
export function otlpNanos(us: number, depth: number, atEnd: boolean): string {
  const extra = atEnd ? 999 - depth * 37 : depth * 37;
  return String(TRACE_EPOCH_US + us) + String(extra).padStart(3, '0');
}

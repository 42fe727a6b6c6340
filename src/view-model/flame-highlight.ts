// What each flamegraph box is marked with: critical path, slowest by self time, error, search
// match, and whether it is dimmed because a search or filter leaves it out. Computed once per
// change of search or filters, never per frame.
import type { Trace } from '../model/trace.ts';
import type { FlameAggregate } from './flame-aggregate.ts';
import { genAiKindOf } from '../analysis/genai-kind.ts';
import type { RowFilterCriteria } from './row-filter.ts';

export const FLAG_DIM = 1;
export const FLAG_CRITICAL = 2;
export const FLAG_SLOWEST = 4;
export const FLAG_ERROR = 8;
export const FLAG_MATCH = 16;

/** The waterfall's filter criteria; the flamegraph shows them as dimming (it never hides boxes). */
export type DimFilters = RowFilterCriteria;

export interface SpanHighlightInput {
  readonly onCriticalPath: Uint8Array;
  readonly isSlowest: Uint8Array;
  /** Span indexes matching the search; null when there is no search. */
  readonly matches: Int32Array | null;
  readonly filters: DimFilters;
}

/** Flags per span index. */
export function spanFlags(trace: Trace, input: SpanHighlightInput): Uint8Array {
  const { spans } = trace;
  const n = spans.length;
  const { filters, matches } = input;
  const flags = new Uint8Array(n);
  let matched: Uint8Array | null = null;
  if (matches !== null) {
    matched = new Uint8Array(n);
    for (let k = 0; k < matches.length; k++) matched[matches[k]] = 1;
  }
  let inSet: Uint8Array | null = null;
  if (filters.spanSet !== null) {
    inSet = new Uint8Array(n);
    for (const i of filters.spanSet.indexes) if (i >= 0 && i < n) inSet[i] = 1;
  }
  const services = filters.services.length > 0 ? new Set(filters.services) : null;
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    let f = 0;
    if (input.onCriticalPath[i] === 1) f |= FLAG_CRITICAL;
    if (input.isSlowest[i] === 1) f |= FLAG_SLOWEST;
    const error = span.status.code === 'error';
    if (error) f |= FLAG_ERROR;
    if (matched !== null && matched[i] === 1) f |= FLAG_MATCH;
    const shown =
      (matched === null || matched[i] === 1) &&
      (inSet === null || inSet[i] === 1) &&
      (!filters.errorsOnly || error) &&
      (services === null || services.has(span.serviceName)) &&
      Math.max(0, span.durationNs) >= filters.minDurationNs &&
      (!filters.criticalOnly || input.onCriticalPath[i] === 1) &&
      (!filters.aiOnly || genAiKindOf(span.attributes) !== undefined);
    if (!shown) f |= FLAG_DIM;
    flags[i] = f;
  }
  return flags;
}

/**
 * Flags per aggregated node: a mark when any member span has it, dimmed only when every member
 * is (so a single matching call inside a big group still lights the group up).
 */
export function nodeFlags(agg: FlameAggregate, perSpan: Uint8Array): Uint8Array {
  const flags = new Uint8Array(agg.nodeCount);
  for (let m = 0; m < agg.nodeCount; m++) {
    let any = 0;
    let allDim = FLAG_DIM;
    for (let k = agg.memberStart[m]; k < agg.memberStart[m + 1]; k++) {
      const f = perSpan[agg.members[k]];
      any |= f;
      allDim &= f;
    }
    flags[m] = (any & ~FLAG_DIM) | allDim;
  }
  return flags;
}

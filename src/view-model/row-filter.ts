// The waterfall's quick filters as masks over spans.
//
// A span passes when it meets every active criterion (errors only, one of the chosen services,
// at least the minimum duration, on the main critical path, in the span set picked elsewhere,
// and, with "show only matches", matching the search). The waterfall keeps the passing spans
// and their ancestors, so the tree still reads; ancestors that do not pass themselves are
// shown as context (dimmed).
import { genAiKindOf } from '../analysis/genai-kind.ts';
import type { Trace } from '../model/trace.ts';

export interface RowFilterCriteria {
  readonly errorsOnly: boolean;
  /** Empty means every service. */
  readonly services: readonly string[];
  readonly minDurationNs: number;
  readonly criticalOnly: boolean;
  /** Only GenAI steps (model calls, tools, agents, retrievers...), as the GenAI classifier names them. */
  readonly aiOnly?: boolean;
  readonly spanSet: { readonly indexes: readonly number[] } | null;
}

export interface RowFilter {
  /** 1 for spans meeting every criterion. */
  readonly pass: Uint8Array;
  /** 1 for passing spans and their ancestors. */
  readonly keep: Uint8Array;
  readonly passCount: number;
}

export function filterIsActive(criteria: RowFilterCriteria, onlyMatches: Int32Array | null): boolean {
  return (
    criteria.errorsOnly ||
    criteria.services.length > 0 ||
    criteria.minDurationNs > 0 ||
    criteria.criticalOnly ||
    criteria.aiOnly === true ||
    criteria.spanSet !== null ||
    onlyMatches !== null
  );
}

/**
 * Null when no criterion is active. `onCriticalPath` marks spans on the main critical path;
 * `onlyMatches` (search matches) restricts to matches when "show only matches" is on.
 */
export function rowFilter(
  trace: Trace,
  criteria: RowFilterCriteria,
  onCriticalPath: Uint8Array,
  onlyMatches: Int32Array | null,
): RowFilter | null {
  if (!filterIsActive(criteria, onlyMatches)) return null;
  const { spans, tree } = trace;
  const n = spans.length;
  let inSet: Uint8Array | null = null;
  if (criteria.spanSet) {
    inSet = new Uint8Array(n);
    for (const i of criteria.spanSet.indexes) if (i >= 0 && i < n) inSet[i] = 1;
  }
  let matched: Uint8Array | null = null;
  if (onlyMatches) {
    matched = new Uint8Array(n);
    for (let k = 0; k < onlyMatches.length; k++) matched[onlyMatches[k]] = 1;
  }
  const services = criteria.services.length > 0 ? new Set(criteria.services) : null;

  const pass = new Uint8Array(n);
  const keep = new Uint8Array(n);
  let passCount = 0;
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    if (criteria.errorsOnly && span.status.code !== 'error') continue;
    if (services && !services.has(span.serviceName)) continue;
    if (span.durationNs < criteria.minDurationNs) continue;
    if (criteria.criticalOnly && onCriticalPath[i] === 0) continue;
    if (inSet && inSet[i] === 0) continue;
    if (matched && matched[i] === 0) continue;
    if (criteria.aiOnly && genAiKindOf(span.attributes) === undefined) continue;
    pass[i] = 1;
    passCount++;
    // Stops at the first ancestor already kept: every span is marked once, so this is O(n).
    for (let a = i; a !== -1 && keep[a] === 0; a = tree.parent[a]) keep[a] = 1;
  }
  return { pass, keep, passCount };
}

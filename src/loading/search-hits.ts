// A whole trace of a search answer as the results list shows it.
import { mainRootIndex } from '../analysis/critical-path.ts';
import { normalizeHitId, type SearchHit, type ServiceSpans } from '../io/search/search-hit.ts';
import type { Trace } from '../model/trace.ts';

export function traceHit(trace: Trace): SearchHit {
  const root = trace.spans[mainRootIndex(trace)];
  const byService = new Map<string, { spanCount: number; errorCount: number }>();
  for (const span of trace.spans) {
    let entry = byService.get(span.serviceName);
    if (entry === undefined) {
      entry = { spanCount: 0, errorCount: 0 };
      byService.set(span.serviceName, entry);
    }
    entry.spanCount++;
    if (span.status.code === 'error') entry.errorCount++;
  }
  const services: ServiceSpans[] = [...byService]
    .map(([name, c]) => ({ name, ...c }))
    .sort((a, b) => b.spanCount - a.spanCount);
  return {
    traceId: normalizeHitId(trace.traceId),
    rootService: root?.serviceName ?? '',
    rootName: root?.name ?? '',
    startEpochNs: trace.startEpochNs,
    durationNs: trace.durationNs,
    spanCount: trace.spans.length,
    errorCount: trace.errorCount,
    matchedSpans: null,
    services,
  };
}

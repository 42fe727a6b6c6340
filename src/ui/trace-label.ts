import type { Trace } from '../model/trace.ts';

/** The span that names the trace: the longest root, as Jaeger UI titles a trace by its root. */
export function mainRootIndex(trace: Trace): number {
  let best = -1;
  for (const r of trace.tree.roots) {
    if (best === -1 || trace.spans[r].durationNs > trace.spans[best].durationNs) best = r;
  }
  return best;
}

export function traceTitle(trace: Trace): { service: string; operation: string } {
  const root = trace.spans[mainRootIndex(trace)];
  return root ? { service: root.serviceName, operation: root.name } : { service: '', operation: '' };
}

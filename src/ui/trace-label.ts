import { mainRootIndex } from '../analysis/critical-path.ts';
import type { Trace } from '../model/trace.ts';

/** A trace is titled by its main root (the longest), as Jaeger UI titles a trace by its root. */
export function traceTitle(trace: Trace): { service: string; operation: string } {
  const root = trace.spans[mainRootIndex(trace)];
  return root ? { service: root.serviceName, operation: root.name } : { service: '', operation: '' };
}

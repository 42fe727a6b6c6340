// The critical path told as services rather than spans: consecutive steps in one service merge
// into one hop, so "api-gateway 5 ms → model-server 1.7 s → api-gateway 2 ms" reads at a glance
// where a path of dozens of spans would not.
import type { Trace } from '../model/trace.ts';
import type { CriticalPathEntry } from './critical-path.ts';

export interface ServiceHop {
  readonly serviceName: string;
  /** Time on the critical path spent in this service during this hop. */
  readonly ns: number;
  /** The hop's step with the most time on the path: the span to show for it. */
  readonly spanIndex: number;
  readonly steps: number;
}

export function serviceHops(trace: Trace, entries: readonly CriticalPathEntry[]): ServiceHop[] {
  const hops: ServiceHop[] = [];
  let current: { serviceName: string; ns: number; spanIndex: number; bestNs: number; steps: number } | null = null;
  for (const entry of entries) {
    const serviceName = trace.spans[entry.spanIndex].serviceName;
    if (current === null || current.serviceName !== serviceName) {
      if (current)
        hops.push({
          serviceName: current.serviceName,
          ns: current.ns,
          spanIndex: current.spanIndex,
          steps: current.steps,
        });
      current = { serviceName, ns: 0, spanIndex: entry.spanIndex, bestNs: -1, steps: 0 };
    }
    current.ns += entry.selfOnPathNs;
    current.steps++;
    if (entry.selfOnPathNs > current.bestNs) {
      current.bestNs = entry.selfOnPathNs;
      current.spanIndex = entry.spanIndex;
    }
  }
  if (current)
    hops.push({ serviceName: current.serviceName, ns: current.ns, spanIndex: current.spanIndex, steps: current.steps });
  return hops;
}

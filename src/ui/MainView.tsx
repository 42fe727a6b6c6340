import type { Trace } from '../model/trace.ts';
import { formatDuration } from './format/duration.ts';

/** Placeholder list until the waterfall lands. */
export function MainView({ trace }: { trace: Trace }) {
  const rows = Array.from(trace.tree.preorder.slice(0, 200));
  return (
    <ol className="span-list">
      {rows.map((i) => {
        const s = trace.spans[i];
        return (
          <li key={i} data-testid="span-row" data-span-id={s.spanId} style={{ paddingLeft: `${trace.tree.depth[i]}em` }}>
            {s.serviceName}: {s.name} ({formatDuration(s.durationNs)})
          </li>
        );
      })}
    </ol>
  );
}

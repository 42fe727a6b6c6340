import type { Trace } from '../model/trace.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { useViewStore, type ViewName } from '../state/view-store.ts';
import { TimePanel } from './analysis/TimePanel.tsx';
import { StatisticsView } from './analysis/StatisticsView.tsx';
import { SidePanel } from './detail/SidePanel.tsx';
import { SpanDetail } from './detail/SpanDetail.tsx';
import { Flamegraph } from './flamegraph/Flamegraph.tsx';
import { Waterfall } from './waterfall/Waterfall.tsx';

const VIEWS: readonly { name: ViewName; label: string }[] = [
  { name: 'waterfall', label: 'Waterfall' },
  { name: 'flamegraph', label: 'Flamegraph' },
  { name: 'stats', label: 'Statistics' },
];

/** The trace's views: the "where the time went" summary, then the waterfall or statistics with span details beside. */
export function MainView({ trace }: { trace: Trace }) {
  const view = useViewStore((s) => s.view);
  const setView = useViewStore((s) => s.setView);
  const selected = useTraceStore((s) => s.selectedSpan);
  return (
    <div className="main-view">
      <TimePanel trace={trace} />
      <div className="view-tabs" role="tablist" aria-label="Views">
        {VIEWS.map((v) => (
          <button
            key={v.name}
            type="button"
            role="tab"
            aria-selected={view === v.name}
            data-view={v.name}
            onClick={() => setView(v.name)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div className="main-split">
        <div className="main-content" role="tabpanel">
          {view === 'stats' ? (
            <StatisticsView trace={trace} />
          ) : view === 'flamegraph' ? (
            <Flamegraph trace={trace} />
          ) : (
            <Waterfall trace={trace} />
          )}
        </div>
        {selected !== null && selected < trace.spans.length && (
          <SidePanel>
            <SpanDetail trace={trace} spanIndex={selected} />
          </SidePanel>
        )}
      </div>
    </div>
  );
}

import type { ComponentType } from 'react';
import type { Trace } from '../model/trace.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { useViewStore } from '../state/view-store.ts';
import { VIEW_NAMES, VIEWS, type ViewName } from '../view-model/views.ts';
import { TimePanel } from './analysis/TimePanel.tsx';
import { StatisticsView } from './analysis/StatisticsView.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { SidePanel } from './detail/SidePanel.tsx';
import { SpanDetail } from './detail/SpanDetail.tsx';
import { Flamegraph } from './flamegraph/Flamegraph.tsx';
import { Waterfall } from './waterfall/Waterfall.tsx';

// Every view of the registry needs a component here: a missing one does not compile.
const VIEW_COMPONENTS: { readonly [V in ViewName]: ComponentType<{ trace: Trace }> } = {
  waterfall: Waterfall,
  flamegraph: Flamegraph,
  stats: StatisticsView,
};

/** The trace's views: the "where the time went" summary, then the waterfall or statistics with span details beside. */
export function MainView({ trace }: { trace: Trace }) {
  const view = useViewStore((s) => s.view);
  const setView = useViewStore((s) => s.setView);
  const selected = useTraceStore((s) => s.selectedSpan);
  const ViewComponent = VIEW_COMPONENTS[view];
  return (
    <div className="main-view">
      <ErrorBoundary what="The time summary">
        <TimePanel trace={trace} />
      </ErrorBoundary>
      <div className="view-tabs" role="tablist" aria-label="Views">
        {VIEW_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={view === name}
            data-view={name}
            onClick={() => setView(name)}
          >
            {VIEWS[name].label}
          </button>
        ))}
      </div>
      <div className="main-split">
        <div className="main-content" role="tabpanel">
          <ErrorBoundary what={`The ${VIEWS[view].label.toLowerCase()} view`} resetKey={view}>
            <ViewComponent trace={trace} />
          </ErrorBoundary>
        </div>
        {selected !== null && selected < trace.spans.length && (
          <SidePanel>
            <ErrorBoundary what="The span detail" resetKey={selected}>
              <SpanDetail trace={trace} spanIndex={selected} />
            </ErrorBoundary>
          </SidePanel>
        )}
      </div>
    </div>
  );
}

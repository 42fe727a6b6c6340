// The flamegraph view: a time-ordered flame chart or an aggregated flamegraph of the trace, with
// the search and filters every view shares.
import { useMemo, useState } from 'react';
import type { Trace } from '../../model/trace.ts';
import { analyzeTrace } from '../../state/analysis-cache.ts';
import { useViewStore } from '../../state/view-store.ts';
import { formatCount } from '../../view-model/duration.ts';
import { rowFilter } from '../../view-model/row-filter.ts';
import { FilterControls } from '../waterfall/FilterControls.tsx';
import { AggregateFlame } from './AggregateFlame.tsx';
import { FlameSearch } from './FlameSearch.tsx';
import './flamegraph.css';
import { TimeFlame } from './TimeFlame.tsx';

export type FlameMode = 'time' | 'aggregate';

const MODES: readonly { mode: FlameMode; label: string; title: string }[] = [
  { mode: 'time', label: 'Time order', title: 'Every span where and when it ran' },
  { mode: 'aggregate', label: 'Aggregated', title: 'Spans merged by service:operation path, heaviest first' },
];

// The mode outlives the component, so coming back from the waterfall (after clicking an
// aggregated box) shows the same mode again.
let lastMode: FlameMode = 'time';

/** How many spans the filters keep lit; shown only while a filter is on. */
function FilteredCount({ trace }: { trace: Trace }) {
  const filters = useViewStore((s) => s.filters);
  const filter = useMemo(() => rowFilter(trace, filters, analyzeTrace(trace).onCriticalPath, null), [trace, filters]);
  if (filter === null) return null;
  return (
    <span className="wf-shown" data-testid="flame-filtered" data-pass-count={filter.passCount}>
      {formatCount(filter.passCount)} of {formatCount(trace.spans.length)} spans pass the filters; the rest are dimmed
    </span>
  );
}

export function Flamegraph({ trace }: { trace: Trace }) {
  const [mode, setModeState] = useState<FlameMode>(lastMode);
  const setMode = (m: FlameMode) => {
    lastMode = m;
    setModeState(m);
  };
  return (
    <section className="flamegraph" aria-label="Flamegraph">
      <div className="flame-toolbar">
        <div className="flame-modes" role="group" aria-label="Flamegraph mode">
          {MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              aria-pressed={mode === m.mode}
              title={m.title}
              onClick={() => setMode(m.mode)}
            >
              {m.label}
            </button>
          ))}
        </div>
        <FlameSearch trace={trace} />
        {/* The waterfall's filters, on the same view state: here they dim what they leave out,
            so the chart keeps its layout (as search matches light up in place). */}
        <FilterControls trace={trace} />
        <FilteredCount trace={trace} />
        <ul className="flame-legend" aria-label="Marks">
          <li>
            <span className="flame-key flame-key--critical" aria-hidden="true" />
            critical path
          </li>
          <li>
            <span className="flame-key flame-key--slowest" aria-hidden="true" />
            slowest self time
          </li>
          <li>
            <span className="flame-key flame-key--error" aria-hidden="true" />
            error
          </li>
          <li>
            <span className="flame-key flame-key--match" aria-hidden="true" />
            search match
          </li>
          {mode === 'aggregate' && (
            <li title="Calls below it add up to more than its own total: they ran concurrently or outlived it">
              <span className="flame-key flame-key--beyond" aria-hidden="true" />
              wider than own total
            </li>
          )}
        </ul>
      </div>
      {mode === 'time' ? <TimeFlame trace={trace} /> : <AggregateFlame trace={trace} />}
    </section>
  );
}

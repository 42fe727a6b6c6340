// Quick filters: errors only, services, minimum duration, critical path only, AI spans only, and the chip for
// a span set picked in another view.
import { useState } from 'react';
import { mayHaveGenAi } from '../../analysis/genai.ts';
import { parseDurationInput } from '../../view-model/duration-input.ts';
import type { Trace } from '../../model/trace.ts';
import { useViewStore } from '../../state/view-store.ts';
import { serviceColorIn } from '../../view-model/service-colors.ts';
import { formatDuration } from '../../view-model/duration.ts';
import { TraceText } from '../TraceText.tsx';

function ServicePicker({ services }: { services: readonly string[] }) {
  const chosen = useViewStore((s) => s.filters.services);
  const setFilters = useViewStore((s) => s.setFilters);
  const toggle = (service: string, on: boolean) =>
    setFilters({ services: on ? [...chosen, service] : chosen.filter((s) => s !== service) });
  return (
    <details className="wf-services" data-testid="service-filter">
      <summary>{chosen.length === 0 ? 'Services: all' : `Services: ${chosen.length} of ${services.length}`}</summary>
      <fieldset className="wf-services__list">
        <legend className="visually-hidden">Show spans of these services</legend>
        {services.map((service) => (
          <label key={service} className="wf-check">
            <input
              type="checkbox"
              checked={chosen.includes(service)}
              onChange={(e) => toggle(service, e.target.checked)}
            />
            <span className="wf-swatch" style={{ background: serviceColorIn(services, service) }} aria-hidden="true" />
            <TraceText value={service} />
          </label>
        ))}
        <button type="button" onClick={() => setFilters({ services: [] })} disabled={chosen.length === 0}>
          All services
        </button>
      </fieldset>
    </details>
  );
}

function MinDuration() {
  const minDurationNs = useViewStore((s) => s.filters.minDurationNs);
  const setFilters = useViewStore((s) => s.setFilters);
  const [text, setText] = useState(() => (minDurationNs > 0 ? formatDuration(minDurationNs) : ''));
  const parsed = parseDurationInput(text);
  return (
    <label className="wf-min-duration">
      Min duration
      <input
        type="text"
        inputMode="decimal"
        size={7}
        placeholder="e.g. 10ms"
        value={text}
        aria-invalid={parsed === undefined}
        title={
          parsed === undefined
            ? 'Not a duration: write e.g. 10ms, 1.5s, 500us or 200ns'
            : 'Hide spans shorter than this'
        }
        onChange={(e) => {
          setText(e.target.value);
          const ns = parseDurationInput(e.target.value);
          if (ns !== undefined) setFilters({ minDurationNs: ns });
        }}
        data-testid="min-duration"
      />
    </label>
  );
}

/** Offered only when the trace may have GenAI spans. */
function AiOnlyFilter({ trace }: { trace: Trace }) {
  const aiOnly = useViewStore((s) => s.filters.aiOnly === true);
  const setFilters = useViewStore((s) => s.setFilters);
  if (!mayHaveGenAi(trace) && !aiOnly) return null;
  return (
    <label className="wf-check">
      <input
        type="checkbox"
        checked={aiOnly}
        onChange={(e) => setFilters({ aiOnly: e.target.checked })}
        data-testid="ai-only-filter"
      />
      AI spans only
    </label>
  );
}

function ColorByKind({ trace }: { trace: Trace }) {
  const on = useViewStore((s) => s.colorByKind);
  const setColorByKind = useViewStore((s) => s.setColorByKind);
  if (!mayHaveGenAi(trace) && !on) return null;
  return (
    <label className="wf-check" title="Colour bars by GenAI step kind (LLM, tool, retriever...) instead of service">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => setColorByKind(e.target.checked)}
        data-testid="color-by-kind"
      />
      Colour by kind
    </label>
  );
}

export function FilterControls({ trace }: { trace: Trace }) {
  const filters = useViewStore((s) => s.filters);
  const setFilters = useViewStore((s) => s.setFilters);
  return (
    <div className="wf-filters" role="group" aria-label="Filters">
      <label className="wf-check">
        <input
          type="checkbox"
          checked={filters.errorsOnly}
          onChange={(e) => setFilters({ errorsOnly: e.target.checked })}
        />
        Errors only
      </label>
      <ServicePicker services={trace.services} />
      <MinDuration />
      <label className="wf-check">
        <input
          type="checkbox"
          checked={filters.criticalOnly}
          onChange={(e) => setFilters({ criticalOnly: e.target.checked })}
        />
        Critical path only
      </label>
      <AiOnlyFilter trace={trace} />
      <ColorByKind trace={trace} />
      {filters.spanSet && (
        <button
          type="button"
          className="wf-chip"
          onClick={() => setFilters({ spanSet: null })}
          aria-label={`Clear filter: ${filters.spanSet.label}`}
          title="Show all spans again"
          data-testid="span-set-chip"
        >
          Filtered: {filters.spanSet.label} <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}

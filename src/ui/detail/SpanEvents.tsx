import { TraceText } from '../TraceText.tsx';
import { useMemo, useState } from 'react';
import type { Span } from '../../model/trace.ts';
import { formatDuration, formatExactNs } from '../../view-model/duration.ts';
import { AttributeTable } from './AttributeTable.tsx';

const SHOWN_EVENTS = 50;

function offsetText(ns: number): string {
  return `${ns < 0 ? '' : '+'}${formatDuration(ns)}`;
}

/** The span's events in time order, each at its offset from the span start. */
export function SpanEvents({ span }: { span: Span }) {
  const [showAll, setShowAll] = useState(false);
  // Sorted by time, keeping input order for equal times: producers do not always emit in order.
  const events = useMemo(
    () => span.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.timeNs - b.e.timeNs || a.i - b.i),
    [span],
  );
  if (events.length === 0) return null;
  const shown = showAll ? events : events.slice(0, SHOWN_EVENTS);
  return (
    <details className="detail-section" open data-testid="span-events">
      <summary>Events ({events.length})</summary>
      <ol className="event-list">
        {shown.map(({ e, i }) => {
          const offsetNs = e.timeNs - span.startNs;
          return (
            <li key={i} className="event" data-offset-ns={Math.round(offsetNs)}>
              <div className="event__head">
                <span className="event__offset" title={`${formatExactNs(offsetNs)} after the span start`}>
                  {offsetText(offsetNs)}
                </span>
                <TraceText className="event__name" value={e.name} />
              </div>
              {e.attributes.length > 0 && <AttributeTable attributes={e.attributes} />}
            </li>
          );
        })}
      </ol>
      {events.length > shown.length && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {events.length} events
        </button>
      )}
    </details>
  );
}

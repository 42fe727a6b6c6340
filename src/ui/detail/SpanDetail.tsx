import { useEffect, useMemo, useRef, useState } from 'react';
import { filterAttributes } from '../../analysis/attribute-text.ts';
import type { Span, Trace } from '../../model/trace.ts';
import { analyzeTrace } from '../../state/analysis-cache.ts';
import { serviceColorIn } from '../../view-model/service-colors.ts';
import { formatDuration, formatExactNs } from '../../view-model/duration.ts';
import { type ClockSkew, clockSkewOf } from '../../view-model/clock-skew.ts';
import { AttributeTable } from './AttributeTable.tsx';
import { GenAiDetail } from './GenAiDetail.tsx';
import { SpanEvents } from './SpanEvents.tsx';
import { SpanIds } from './SpanIds.tsx';
import { SpanLinks } from './SpanLinks.tsx';
import './detail.css';
import { boundedLabel, TEXT_MAX } from '../../view-model/bounded-text.ts';
import { TraceText } from '../TraceText.tsx';

function Timing({
  span,
  selfNs,
  onCriticalPath,
  skew,
}: {
  span: Span;
  selfNs: number;
  onCriticalPath: boolean;
  skew: ClockSkew | undefined;
}) {
  return (
    <dl className="detail-facts">
      <div>
        <dt>Start</dt>
        <dd title={`${formatExactNs(span.startNs)} after the trace start`}>+{formatDuration(span.startNs)}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd title={formatExactNs(span.durationNs)}>{formatDuration(span.durationNs)}</dd>
      </div>
      <div>
        <dt>Self time</dt>
        <dd title={`${formatExactNs(selfNs)}: time when none of its children was running`} data-testid="self-time">
          {formatDuration(selfNs)}
        </dd>
      </div>
      {skew && (
        <div>
          <dt>Clock skew</dt>
          <dd
            className="detail-skew"
            title="Outside its parent's time: a clock that drifted, or work that outlived its caller"
            data-testid="detail-clock-skew"
            data-clock-skew={skew.text}
          >
            {skew.text}
          </dd>
        </div>
      )}
      {onCriticalPath && (
        <div>
          <dt className="visually-hidden">Critical path</dt>
          <dd className="detail-critical">on the critical path</dd>
        </div>
      )}
    </dl>
  );
}

function FilteredAttributes({
  title,
  attributes,
  filter,
  testId,
}: {
  title: string;
  attributes: Span['attributes'];
  filter: string;
  testId: string;
}) {
  const shown = filterAttributes(attributes, filter);
  const counted =
    shown.length === attributes.length ? `${attributes.length}` : `${shown.length} of ${attributes.length}`;
  return (
    <details className="detail-section" open data-testid={testId}>
      <summary>
        {title} ({counted})
      </summary>
      {attributes.length === 0 ? (
        <p className="muted">None</p>
      ) : shown.length === 0 ? (
        <p className="muted">None match the filter</p>
      ) : (
        <AttributeTable attributes={shown} />
      )}
    </details>
  );
}

/** Everything known about one span; every value from the trace is shown as text. */
export function SpanDetail({ trace, spanIndex }: { trace: Trace; spanIndex: number }) {
  const span = trace.spans[spanIndex];
  const analysis = analyzeTrace(trace);
  const [filter, setFilter] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const warnings = useMemo(() => trace.warnings.filter((w) => w.spanIndex === spanIndex), [trace, spanIndex]);

  // Another span starts reading from its top, not wherever the previous one was scrolled to.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the span changes
  useEffect(() => {
    const scroller = root.current?.closest('.side-panel__body');
    if (scroller) scroller.scrollTop = 0;
  }, [spanIndex]);

  const scope = span.scope;
  const status = span.status;
  return (
    <div className="span-detail" data-testid="span-detail" data-span-id={span.spanId} ref={root} key={spanIndex}>
      <h2 className="span-detail__name">
        {span.name ? <TraceText value={span.name} copyLabel="span name" /> : <span className="muted">(no name)</span>}
      </h2>
      <p className="span-detail__summary">
        <span className="span-detail__service">
          <span
            className="swatch"
            style={{ background: serviceColorIn(trace.services, span.serviceName) }}
            aria-hidden="true"
          />
          <TraceText value={span.serviceName} copyLabel="service name" />
        </span>
        <span className="span-detail__kind" title="Span kind">
          {span.kind}
        </span>
        <span className={`span-detail__status span-detail__status--${status.code}`} data-testid="span-status">
          {status.code === 'error' ? 'Error' : status.code === 'ok' ? 'OK' : 'Status unset'}
        </span>
      </p>
      {status.message && (
        <p className="span-detail__status-message">
          <TraceText value={status.message} max={TEXT_MAX} copyLabel="status message" />
        </p>
      )}

      <Timing
        span={span}
        selfNs={analysis.selfNs[spanIndex]}
        onCriticalPath={analysis.onCriticalPath[spanIndex] === 1}
        skew={clockSkewOf(trace, spanIndex)}
      />
      <SpanIds trace={trace} span={span} />

      {warnings.length > 0 && (
        <section className="detail-section detail-warnings" data-testid="span-warnings">
          <h3>Warnings ({warnings.length})</h3>
          <ul>
            {warnings.map((w, i) => (
              <li key={i} data-warning-code={w.code}>
                {w.message}
              </li>
            ))}
          </ul>
        </section>
      )}

      <GenAiDetail trace={trace} spanIndex={spanIndex} />

      <label className="attr-filter">
        <span className="visually-hidden">Filter attributes</span>
        <input
          type="search"
          value={filter}
          placeholder="Filter attributes by key or value"
          onChange={(e) => setFilter(e.target.value)}
          data-testid="attribute-filter"
        />
      </label>
      <FilteredAttributes title="Attributes" attributes={span.attributes} filter={filter} testId="span-attributes" />
      <FilteredAttributes
        title={`Resource: ${boundedLabel(span.resource.serviceName)}`}
        attributes={span.resource.attributes}
        filter={filter}
        testId="resource-attributes"
      />
      {scope && (
        <details className="detail-section" open data-testid="span-scope">
          <summary>
            Scope: {scope.name || <span className="muted">(no name)</span>}
            {scope.version && <span className="muted"> {scope.version}</span>}
          </summary>
          {scope.attributes.length > 0 && <AttributeTable attributes={filterAttributes(scope.attributes, filter)} />}
        </details>
      )}
      <SpanEvents span={span} />
      <SpanLinks trace={trace} span={span} />
    </div>
  );
}

import { useId, useMemo, useState } from 'react';
import { serviceHops, type ServiceHop } from '../../analysis/critical-hops.ts';
import {
  bottleneckSpan,
  criticalTimeBy,
  type BottleneckSpan,
  type RootCriticalPath,
} from '../../analysis/critical-path.ts';
import type { Trace } from '../../model/trace.ts';
import { analyzeTrace } from '../../state/analysis-cache.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { serviceColorIn } from '../../view-model/service-colors.ts';
import { boundedLabel } from '../../view-model/bounded-text.ts';
import { formatDuration, formatExactNs } from '../../view-model/duration.ts';
import { CriticalPathList } from './CriticalPathList.tsx';
import { GenAiUsage } from './GenAiUsage.tsx';
import { TraceText } from '../TraceText.tsx';
import { useStoredFlag } from './use-stored-flag.ts';
import './analysis.css';

const OPEN_KEY = 'trace-viewer.time-panel.open';
const SHOWN_SERVICES = 8;
const SHOWN_OTHER_ROOTS = 5;
/** Traces with thousands of orphan subtrees reveal them in pages of this size. */
const MORE_OTHER_ROOTS = 50;

function percent(share: number): string {
  if (share > 0 && share < 0.005) return '<1%';
  return `${Math.round(share * 100)}%`;
}

function pathTotalNs(path: RootCriticalPath): number {
  let total = 0;
  for (const e of path.entries) total += e.selfOnPathNs;
  return total;
}

function otherRootLabel(trace: Trace, rootIndex: number): string {
  const span = trace.spans[rootIndex];
  if (trace.tree.missingParent[rootIndex] === 1 && span.parentSpanId !== undefined) {
    return `Separate subtree (parent span ${span.parentSpanId} missing)`;
  }
  return 'Separate subtree (another root span)';
}

function ServiceBars({
  services,
  rows,
  totalNs,
}: {
  services: readonly string[];
  rows: readonly { key: string; label: string; ns: number }[];
  totalNs: number;
}) {
  const shown = rows.slice(0, SHOWN_SERVICES);
  const restNs = rows.slice(SHOWN_SERVICES).reduce((sum, r) => sum + r.ns, 0);
  return (
    <div className="tp-block">
      <h3>Critical path time by service</h3>
      <ul className="tp-bars" data-testid="critical-by-service">
        {shown.map((r) => {
          const share = totalNs > 0 ? r.ns / totalNs : 0;
          return (
            <li
              key={r.key}
              data-service={r.label}
              data-ns={Math.round(r.ns)}
              title={`${r.label}: ${formatExactNs(r.ns)}`}
            >
              <span className="tp-bars__label">
                <span className="swatch" style={{ background: serviceColorIn(services, r.label) }} aria-hidden="true" />
                {r.label}
              </span>
              <span className="tp-bars__track" aria-hidden="true">
                <span
                  className="tp-bars__bar"
                  style={{ width: `${share * 100}%`, background: serviceColorIn(services, r.label) }}
                />
              </span>
              <span className="tp-bars__value">
                {formatDuration(r.ns)} · {percent(share)}
              </span>
            </li>
          );
        })}
        {restNs > 0 && (
          <li className="muted" title={formatExactNs(restNs)}>
            {rows.length - SHOWN_SERVICES} more services: {formatDuration(restNs)}
          </li>
        )}
      </ul>
    </div>
  );
}

/** Hops shown before "…": the summary must stay one or two lines. */
const SHOWN_HOPS = 10;
/**
 * A path that changes service more often than this (a large trace going back and forth) is
 * not summed up in one line: ten hops of hundreds say nothing; the steps and bars below do.
 */
const MAX_SUMMED_HOPS = 30;

/** The path in one line of services: "api-gateway 5 ms → inference-server 1.68 s → …". */
function ServiceHops({ trace, hops }: { trace: Trace; hops: readonly ServiceHop[] }) {
  const shown = hops.slice(0, SHOWN_HOPS);
  return (
    <p className="tp-hops" data-testid="critical-path-services">
      <span className="muted">In short: </span>
      {shown.map((hop, k) => (
        <span key={k} className="tp-hop" data-service={hop.serviceName} data-ns={Math.round(hop.ns)}>
          {k > 0 && ' → '}
          <button
            type="button"
            className="link-button"
            title={`${boundedLabel(hop.serviceName)}: ${formatExactNs(hop.ns)} on the critical path in ${hop.steps} step${hop.steps === 1 ? '' : 's'}; shows ${boundedLabel(trace.spans[hop.spanIndex].name)}`}
            onClick={() => useTraceStore.getState().selectSpan(hop.spanIndex)}
          >
            <TraceText value={hop.serviceName} />
          </button>{' '}
          {formatDuration(hop.ns)}
        </span>
      ))}
      {hops.length > shown.length && <span className="muted"> → … {hops.length - shown.length} more</span>}
    </p>
  );
}

function SlowestSpans({ trace }: { trace: Trace }) {
  const slowest = analyzeTrace(trace).slowestBySelf;
  const selected = useTraceStore((s) => s.selectedSpan);
  return (
    <div className="tp-block">
      <h3>Slowest spans by self time</h3>
      <ol className="tp-slowest" data-testid="slowest-spans">
        {slowest.map((s) => {
          const span = trace.spans[s.spanIndex];
          return (
            <li key={s.spanIndex} data-span-id={span.spanId} data-self-ns={Math.round(s.valueNs)}>
              <button
                type="button"
                className="tp-slowest__span"
                aria-current={selected === s.spanIndex ? 'true' : undefined}
                title={`${boundedLabel(span.serviceName)}: ${boundedLabel(span.name)}\n${formatExactNs(s.valueNs)} self time`}
                onClick={() => useTraceStore.getState().selectSpan(s.spanIndex)}
              >
                <span
                  className="swatch"
                  style={{ background: serviceColorIn(trace.services, span.serviceName) }}
                  aria-hidden="true"
                />
                <TraceText className="tp-slowest__service" value={span.serviceName} />{' '}
                <TraceText className="tp-slowest__operation" value={span.name} />
              </button>
              <span className="tp-slowest__value">
                {formatDuration(s.valueNs)} · {percent(s.share)}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** Below this share of the trace's duration the path is said to cover only part of it (async work, other roots). */
const FULL_COVERAGE = 0.99;

/**
 * "Bottleneck: llm-inference in rag-orchestrator: 1.88 s of 2.46 s, 76% of the critical path":
 * the one span whose own work holds the most of the path, which selects it. When the path
 * (the main root's duration) is much shorter than the trace, it says how much it covers, so
 * "100%" of a 1 ms path in a 2 min trace does not read as the whole story.
 */
function BottleneckLine({ trace, neck, pathNs }: { trace: Trace; neck: BottleneckSpan; pathNs: number }) {
  const span = trace.spans[neck.spanIndex];
  const coverage = trace.durationNs > 0 ? pathNs / trace.durationNs : 1;
  return (
    // The whole line selects the span, as a row with the same data-span-id does; its button is
    // the keyboard's way to it.
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the button inside takes the keys
    <span
      className="time-panel__bottleneck"
      onClick={() => useTraceStore.getState().selectSpan(neck.spanIndex)}
      data-testid="bottleneck"
      data-span-id={span.spanId}
      data-service={span.serviceName}
      data-ns={Math.round(neck.ns)}
      title={`${boundedLabel(span.serviceName)}: ${boundedLabel(span.name)}\n${formatExactNs(neck.ns)} of its own work on the ${formatExactNs(pathNs)} critical path`}
    >
      Bottleneck:{' '}
      <button
        type="button"
        className="link-button time-panel__neck-span"
        onClick={() => useTraceStore.getState().selectSpan(neck.spanIndex)}
      >
        <strong>
          <TraceText value={span.name} />
        </strong>
      </button>{' '}
      in{' '}
      <span
        className="swatch"
        style={{ background: serviceColorIn(trace.services, span.serviceName) }}
        aria-hidden="true"
      />
      <strong className="time-panel__neck-service">
        <TraceText value={span.serviceName} />
      </strong>
      :{' '}
      <strong>
        {formatDuration(neck.ns)} of {formatDuration(pathNs)}, {percent(neck.share)}
      </strong>{' '}
      of the critical path
      {coverage < FULL_COVERAGE && (
        <span
          className="time-panel__coverage"
          data-testid="path-coverage"
          title="The rest of the trace did not hold up its main root: asynchronous work, or separate subtrees"
        >
          {' '}
          · the path covers {formatDuration(pathNs)} of this {formatDuration(trace.durationNs)} trace (
          {percent(coverage)})
        </span>
      )}
    </span>
  );
}

/** "Where the time went": the critical path in words, its bottleneck, time per service on it, and the slowest spans. */
export function TimePanel({ trace }: { trace: Trace }) {
  // Folded by default: the first screen belongs to the trace, and the bottleneck line says
  // what the panel would; a reader who opens it keeps it open.
  const [open, setOpen] = useStoredFlag(OPEN_KEY, false);
  const [othersLimit, setOthersLimit] = useState(SHOWN_OTHER_ROOTS);
  const bodyId = useId();
  const summary = useMemo(() => {
    if (trace.spans.length === 0) return undefined;
    const { paths } = analyzeTrace(trace);
    return {
      paths,
      totalNs: pathTotalNs(paths.main),
      bottleneck: bottleneckSpan(paths.main.entries),
      byService: criticalTimeBy(trace, paths.main.sections, 'service'),
      hops: serviceHops(trace, paths.main.entries),
    };
  }, [trace]);
  if (!summary) return null;

  const { paths, totalNs } = summary;
  const neck = summary.bottleneck;
  const others = paths.others.slice(0, othersLimit);

  return (
    <section className="time-panel" data-testid="time-panel" aria-label="Where the time went">
      <div className="time-panel__head">
        <button
          type="button"
          className="time-panel__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
          data-testid="time-panel-toggle"
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Where the time went
        </button>
        {neck && <BottleneckLine trace={trace} neck={neck} pathNs={totalNs} />}
      </div>
      {open && (
        <div className="time-panel__body" id={bodyId}>
          <div className="tp-block tp-block--wide">
            <h3>Critical path</h3>
            {summary.hops.length <= MAX_SUMMED_HOPS && <ServiceHops trace={trace} hops={summary.hops} />}
            <CriticalPathList
              trace={trace}
              entries={paths.main.entries}
              testId="critical-path"
              label="Critical path, in order"
            />
            {others.map((other) => {
              const label = otherRootLabel(trace, other.rootIndex);
              return (
                <div className="tp-other" key={other.rootIndex}>
                  <h4>
                    {label}{' '}
                    <span className="muted" title={formatExactNs(pathTotalNs(other))}>
                      {formatDuration(pathTotalNs(other))}
                    </span>
                  </h4>
                  <CriticalPathList trace={trace} entries={other.entries} testId="critical-path-other" label={label} />
                </div>
              );
            })}
            {paths.others.length > others.length && (
              <button
                type="button"
                className="link-button"
                onClick={() => setOthersLimit(othersLimit + MORE_OTHER_ROOTS)}
              >
                Show more separate subtrees ({(paths.others.length - others.length).toLocaleString('en-US')} not shown)
              </button>
            )}
          </div>
          <GenAiUsage trace={trace} sections={paths.main.sections} criticalTotalNs={totalNs} />
          <ServiceBars services={trace.services} rows={summary.byService} totalNs={totalNs} />
          <SlowestSpans trace={trace} />
        </div>
      )}
    </section>
  );
}

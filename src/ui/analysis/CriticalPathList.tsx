import { useMemo, useState, type CSSProperties } from 'react';
import type { CriticalPathEntry } from '../../analysis/critical-path.ts';
import type { Trace } from '../../model/trace.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { serviceColorIn } from '../../view-model/service-colors.ts';
import { formatDuration, formatExactNs } from '../../view-model/duration.ts';
import { boundedLabel } from '../../view-model/bounded-text.ts';
import { TraceText } from '../TraceText.tsx';

/** Long paths show their largest steps and a "show all" button, so the panel stays a summary. */
export const SHOWN_PATH_ENTRIES = 12;
/** Paths of deep traces can hold tens of thousands of steps; those grow by this many per click. */
const MORE_STEP = 1000;

/** A step holding at least this share of the path is drawn heavier than the rest. */
const MAJOR_STEP_SHARE = 0.2;

/**
 * The first step (where the path starts) and the largest others, `limit` in all, in path
 * order: a 1.88 s step must not hide behind a dozen 1 ms ones.
 */
function largestSteps(entries: readonly CriticalPathEntry[], limit: number): CriticalPathEntry[] {
  const order = entries.map((_, k) => k).slice(1);
  order.sort((a, b) => entries[b].selfOnPathNs - entries[a].selfOnPathNs || a - b);
  const kept = [0, ...order.slice(0, Math.max(0, limit - 1))].sort((a, b) => a - b);
  return kept.map((k) => entries[k]);
}

/**
 * A critical path as a sentence of steps, "service operation time → …"; each step selects its
 * span. "self" marks a span that also waited for children: only its own part is counted here.
 */
export function CriticalPathList({
  trace,
  entries,
  testId,
  label,
}: {
  trace: Trace;
  entries: readonly CriticalPathEntry[];
  testId: string;
  label: string;
}) {
  const [limit, setLimit] = useState(SHOWN_PATH_ENTRIES);
  const positions = useMemo(() => new Map(entries.map((e, k) => [e, k])), [entries]);
  const selected = useTraceStore((s) => s.selectedSpan);
  const shown = entries.length > limit ? largestSteps(entries, limit) : entries;
  const hidden = entries.length - shown.length;
  let pathTotal = 0;
  for (const e of entries) pathTotal += e.selfOnPathNs;
  let previous = -1;
  return (
    <div className="cp-path">
      <ol className="cp-list" data-testid={testId} aria-label={label}>
        {shown.map((entry, k) => {
          const span = trace.spans[entry.spanIndex];
          const partial = entry.selfOnPathNs < span.durationNs;
          const position = positions.get(entry) ?? k;
          const skipped = position - previous - 1;
          previous = position;
          const share = pathTotal > 0 ? entry.selfOnPathNs / pathTotal : 0;
          return (
            <li
              key={entry.spanIndex}
              data-span-id={span.spanId}
              data-self-ns={Math.round(entry.selfOnPathNs)}
              className={share >= MAJOR_STEP_SHARE ? 'cp-item cp-item--major' : 'cp-item'}
              style={{ '--cp-share': share } as CSSProperties}
            >
              {k > 0 && (
                <span className="cp-arrow" aria-hidden="true">
                  {skipped > 0 ? ` → … ${skipped} smaller → ` : ' → '}
                </span>
              )}
              <button
                type="button"
                className="cp-step"
                aria-current={selected === entry.spanIndex ? 'true' : undefined}
                title={`${boundedLabel(span.serviceName)}: ${boundedLabel(span.name)}\n${formatExactNs(entry.selfOnPathNs)} on the critical path${
                  partial ? ` (own work; the span lasted ${formatDuration(span.durationNs)})` : ''
                }`}
                onClick={() => useTraceStore.getState().selectSpan(entry.spanIndex)}
              >
                <span
                  className="swatch"
                  style={{ background: serviceColorIn(trace.services, span.serviceName) }}
                  aria-hidden="true"
                />
                <TraceText className="cp-step__service" value={span.serviceName} />{' '}
                <TraceText className="cp-step__operation" value={span.name} />{' '}
                <span className="cp-step__time">
                  {formatDuration(entry.selfOnPathNs)}
                  {partial ? ' self' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {hidden > 0 && (
        <button
          type="button"
          className="link-button cp-more"
          onClick={() => setLimit(limit + (hidden <= MORE_STEP * 2 ? hidden : MORE_STEP))}
        >
          {hidden <= MORE_STEP * 2
            ? `Show all ${entries.length.toLocaleString('en-US')} steps`
            : `Show ${MORE_STEP.toLocaleString('en-US')} more steps (${hidden.toLocaleString('en-US')} hidden)`}
        </button>
      )}
      {hidden === 0 && entries.length > SHOWN_PATH_ENTRIES && (
        <button type="button" className="link-button cp-more" onClick={() => setLimit(SHOWN_PATH_ENTRIES)}>
          Show fewer steps
        </button>
      )}
    </div>
  );
}

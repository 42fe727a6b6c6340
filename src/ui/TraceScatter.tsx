import { useMemo, useRef } from 'react';
import type { TraceRef } from '../state/trace-store.ts';
import { epochNsToDate, formatDuration, formatExactNs, plural } from '../view-model/duration.ts';
import { scatterLayout, type ScatterPoint, type ScatterRow } from './trace-scatter-layout.ts';
import { useElementWidth } from './waterfall/use-element-width.ts';
import { boundedLabel } from '../view-model/bounded-text.ts';

const HEIGHT = 150;
/** One formatter for every row: Date#toLocaleString builds a new one per call, which a list of 1,500 traces feels. */
const startFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

function isRef(row: ScatterRow, ref: TraceRef | null): boolean {
  return ref !== null && row.ref.file === ref.file && row.ref.trace === ref.trace;
}

function tooltip({ row }: ScatterPoint): string {
  const { trace } = row;
  return (
    `${boundedLabel(row.operation || trace.traceId)} · ${boundedLabel(row.service)}\n` +
    `${formatDuration(trace.durationNs)} (${formatExactNs(trace.durationNs)}) · ${trace.spans.length} spans · ${plural(trace.errorCount, 'error')}\n` +
    `started ${startFormat.format(epochNsToDate(trace.startEpochNs))}`
  );
}

/**
 * The listed traces as dots, duration against start time; a click opens one. The table below
 * lists the same traces, and is the way there by keyboard.
 */
export function TraceScatter<R extends ScatterRow>({
  rows,
  current,
  onPick,
  idAttribute = 'data-trace-id',
}: {
  rows: readonly R[];
  /**
   * Where each dot names its trace: a list that owns data-trace-id (the search results) gives
   * its dots another attribute, so that one element per trace carries it.
   */
  idAttribute?: 'data-trace-id' | 'data-dot-trace-id';
  current: TraceRef | null;
  onPick: (ref: TraceRef) => void;
}) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(wrapRef);
  const layout = useMemo(() => (width > 0 ? scatterLayout(rows, width, HEIGHT) : undefined), [rows, width]);
  // The open trace is drawn last, so that no other dot hides its ring.
  const points = useMemo(() => {
    if (!layout) return [];
    const others = layout.points.filter((p) => !isRef(p.row, current));
    return others.length === layout.points.length
      ? others
      : [...others, ...layout.points.filter((p) => isRef(p.row, current))];
  }, [layout, current]);
  return (
    <div ref={wrapRef} className="trace-scatter" data-testid="trace-scatter">
      {layout && (
        <svg
          width={width}
          height={HEIGHT}
          role="img"
          aria-label={`Duration of each of the ${rows.length} traces listed, by start time`}
        >
          <g className="trace-scatter__axis">
            {layout.yTicks.map((t) => (
              <g key={`y${t.label}`}>
                <line x1={layout.plot.left} x2={layout.plot.right} y1={t.at} y2={t.at} />
                <text x={layout.plot.left - 6} y={t.at} textAnchor="end" dominantBaseline="middle">
                  {t.label}
                </text>
              </g>
            ))}
            {layout.xTicks.map((t) => (
              <text key={`x${t.at}`} x={t.at} y={HEIGHT - 6} textAnchor="middle">
                {t.label}
              </text>
            ))}
          </g>
          {points.map((p) => {
            const { ref, trace } = p.row;
            const className = [
              'trace-scatter__dot',
              trace.errorCount > 0 && 'has-errors',
              isRef(p.row, current) && 'is-current',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: the table below lists the same traces and is the keyboard route
              <circle
                key={`${ref.file}:${ref.trace}`}
                className={className}
                cx={p.x}
                cy={p.y}
                r={p.r}
                {...{ [idAttribute]: trace.traceId }}
                onClick={() => onPick(ref)}
              >
                <title>{tooltip(p)}</title>
              </circle>
            );
          })}
        </svg>
      )}
    </div>
  );
}

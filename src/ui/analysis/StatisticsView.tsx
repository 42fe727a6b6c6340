import { useDeferredValue, useId, useMemo, useState } from 'react';
import { attributeKeys } from '../../analysis/attribute-keys.ts';
import {
  groupStatistics,
  sortStatistics,
  type StatColumn,
  type StatGroupBy,
  type StatRow,
} from '../../analysis/statistics.ts';
import type { Trace } from '../../model/trace.ts';
import { analyzeTrace } from '../../state/analysis-cache.ts';
import { formatCount, formatDuration, formatExactNs } from '../../view-model/duration.ts';
import { useStatsSettings, type StatGroupMode } from './stats-settings.ts';
import { showSpanSet } from '../show-span-set.ts';
import './analysis.css';
import { TraceText } from '../TraceText.tsx';

const PAGE_ROWS = 200;
const MAX_KEY_SUGGESTIONS = 1000;

interface Column {
  readonly column: StatColumn;
  readonly title: string;
  readonly kind: 'text' | 'count' | 'duration' | 'share';
}

const COLUMNS: readonly Column[] = [
  { column: 'label', title: 'Group', kind: 'text' },
  { column: 'count', title: 'Count', kind: 'count' },
  { column: 'totalNs', title: 'Total', kind: 'duration' },
  { column: 'selfTotalNs', title: 'Self total', kind: 'duration' },
  { column: 'avgNs', title: 'Average', kind: 'duration' },
  { column: 'p50Ns', title: 'p50', kind: 'duration' },
  { column: 'p95Ns', title: 'p95', kind: 'duration' },
  { column: 'maxNs', title: 'Max', kind: 'duration' },
  { column: 'errorCount', title: 'Errors', kind: 'count' },
  { column: 'share', title: 'Share of trace', kind: 'share' },
];

const MODES: readonly { mode: StatGroupMode; label: string }[] = [
  { mode: 'service', label: 'Service' },
  { mode: 'operation', label: 'Service + operation' },
  { mode: 'attribute', label: 'Attribute' },
];

function showSpans(row: StatRow): void {
  showSpanSet(row.label, row.spanIndexes);
}

function Cell({ row, column }: { row: StatRow; column: Column }) {
  switch (column.kind) {
    case 'text':
      return (
        <th scope="row" className="stats__label">
          <button
            type="button"
            className="link-button"
            title={`Show these ${formatCount(row.count)} spans in the waterfall`}
            onClick={(e) => {
              // The row's own click handler does the same; one filter change is enough.
              e.stopPropagation();
              showSpans(row);
            }}
          >
            <TraceText value={row.label} />
          </button>
        </th>
      );
    case 'count': {
      const n = row[column.column] as number;
      return (
        <td className={column.column === 'errorCount' && n > 0 ? 'stats__num has-errors' : 'stats__num'}>
          {formatCount(n)}
        </td>
      );
    }
    case 'duration': {
      const ns = row[column.column] as number;
      return (
        <td className="stats__num" title={formatExactNs(ns)}>
          {formatDuration(ns)}
        </td>
      );
    }
    case 'share':
      return (
        <td
          className="stats__num stats__share"
          title={`${(row.share * 100).toFixed(2)}% of the trace duration is this group's own work`}
        >
          <span className="stats__share-bar" style={{ width: `${Math.min(1, row.share) * 100}%` }} aria-hidden="true" />
          <span className="stats__share-text">{`${(row.share * 100).toFixed(1)}%`}</span>
        </td>
      );
  }
}

/** The table itself; remounted per grouping so that paging starts over. */
function StatsTable({ rows, mode }: { rows: readonly StatRow[]; mode: StatGroupMode }) {
  const { column, direction, sortBy } = useStatsSettings();
  const [limit, setLimit] = useState(PAGE_ROWS);
  const shown = rows.slice(0, limit);
  return (
    <div className="stats-view__scroll">
      <table className="stats" data-testid="statistics" data-group-by={mode}>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const sorted = c.column === column;
              return (
                <th
                  key={c.column}
                  scope="col"
                  aria-sort={sorted ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  className={c.kind === 'text' ? undefined : 'stats__num'}
                  data-column={c.column}
                >
                  <button type="button" className="stats__sort" onClick={() => sortBy(c.column)}>
                    {c.title}
                    <span className="stats__sort-mark" aria-hidden="true">
                      {sorted ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr
              key={row.key}
              data-key={row.key}
              data-label={row.label}
              // Keyboard users reach the same action through the button in the label cell.
              onClick={() => showSpans(row)}
            >
              {COLUMNS.map((c) => (
                <Cell key={c.column} row={row} column={c} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length && (
        <button type="button" className="stats-view__more" onClick={() => setLimit(limit + PAGE_ROWS)}>
          Show {Math.min(PAGE_ROWS, rows.length - shown.length)} more of {formatCount(rows.length - shown.length)}{' '}
          remaining groups
        </button>
      )}
    </div>
  );
}

/** Span statistics per group, sortable; a row click shows that group's spans in the waterfall. */
export function StatisticsView({ trace }: { trace: Trace }) {
  const { mode, attributeKey, column, direction, setMode, setAttributeKey } = useStatsSettings();
  const keysId = useId();
  // Listing the keys reads every span's attributes: only worth it once grouping by one is chosen.
  const keys = useMemo(() => (mode === 'attribute' ? attributeKeys(trace) : []), [trace, mode]);
  // Regrouping 100,000 spans on every keystroke would make typing lag; React catches up instead.
  const deferredKey = useDeferredValue(attributeKey.trim());

  const groupBy: StatGroupBy | null = useMemo(() => {
    if (mode !== 'attribute') return { kind: mode };
    return deferredKey === '' ? null : { kind: 'attribute', key: deferredKey };
  }, [mode, deferredKey]);
  const grouped = useMemo(
    () => (groupBy ? groupStatistics(trace, analyzeTrace(trace).selfNs, groupBy) : []),
    [trace, groupBy],
  );
  const rows = useMemo(() => sortStatistics(grouped, column, direction), [grouped, column, direction]);

  return (
    <div className="stats-view">
      <div className="stats-view__controls">
        <label>
          Group by{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as StatGroupMode)} data-testid="stats-group-by">
            {MODES.map((m) => (
              <option key={m.mode} value={m.mode}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        {mode === 'attribute' && (
          <label>
            Attribute key{' '}
            <input
              type="text"
              list={keysId}
              value={attributeKey}
              onChange={(e) => setAttributeKey(e.target.value)}
              placeholder="e.g. http.method"
              data-testid="stats-attribute-key"
              autoFocus
            />
            <datalist id={keysId}>
              {keys.slice(0, MAX_KEY_SUGGESTIONS).map((k) => (
                <option key={k} value={k} />
              ))}
            </datalist>
          </label>
        )}
        {groupBy && (
          <span className="muted" data-testid="stats-summary">
            {formatCount(rows.length)} {rows.length === 1 ? 'group' : 'groups'} · {formatCount(trace.spans.length)}{' '}
            spans · click a row to show its spans in the waterfall
          </span>
        )}
      </div>
      {groupBy === null ? (
        <p className="stats-view__hint">Type or pick an attribute key to group the spans by its values.</p>
      ) : (
        <StatsTable key={mode === 'attribute' ? `attribute:${deferredKey}` : mode} rows={rows} mode={mode} />
      )}
    </div>
  );
}

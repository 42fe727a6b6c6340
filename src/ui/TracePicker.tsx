import { useMemo, useState } from 'react';
import { allTraces, useTraceStore } from '../state/trace-store.ts';
import { epochNsToDate, formatDuration } from '../view-model/duration.ts';
import { isTraceOrder, shownTraces, TRACE_ORDERS, traceListRows, type TraceOrder } from './trace-list.ts';
import { TraceScatter } from './TraceScatter.tsx';
import { boundedLabel } from '../view-model/bounded-text.ts';
import { TraceText } from './TraceText.tsx';

/** A list this long opens folded, and gets a filter and a choice of order. */
const LONG_LIST = 12;
/** Rows drawn at most: thousands of table rows would hold the page up for a list nobody scrolls through. */
export const MAX_PICKER_ROWS = 1_000;

const countFormat = new Intl.NumberFormat('en');

/** Lists the traces when the loaded files hold more than one. */
export function TracePicker() {
  const files = useTraceStore((s) => s.files);
  const current = useTraceStore((s) => s.current);
  const selectTrace = useTraceStore((s) => s.selectTrace);
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<TraceOrder>('loaded');
  // A filter typed for other files would hide the new ones; the chosen order is kept.
  const [filteredFiles, setFilteredFiles] = useState(files);
  if (filteredFiles !== files) {
    setFilteredFiles(files);
    setFilter('');
  }
  const rows = useMemo(() => traceListRows(allTraces(files)), [files]);
  const shown = useMemo(() => shownTraces(rows, filter, order), [rows, filter, order]);
  const drawn = useMemo(() => shown.slice(0, MAX_PICKER_ROWS), [shown]);
  if (rows.length < 2) return null;
  const long = rows.length > LONG_LIST;
  return (
    <details className="trace-picker" open={!long}>
      <summary>{countFormat.format(rows.length)} traces loaded: pick one</summary>
      {long && (
        <div className="trace-picker__controls">
          <input
            type="search"
            aria-label="Filter traces"
            placeholder="Filter by root operation, service or trace id"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <label>
            Order{' '}
            <select value={order} onChange={(e) => isTraceOrder(e.target.value) && setOrder(e.target.value)}>
              {Object.entries(TRACE_ORDERS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <span className="trace-picker__count" data-testid="trace-picker-count">
            {shown.length === rows.length
              ? `${countFormat.format(rows.length)} traces`
              : `${countFormat.format(shown.length)} of ${countFormat.format(rows.length)} traces match`}
          </span>
        </div>
      )}
      {long && drawn.length > 0 && <TraceScatter rows={drawn} current={current} onPick={selectTrace} />}
      <table data-testid="trace-picker">
        <thead>
          <tr>
            <th scope="col">Root</th>
            <th scope="col">Service</th>
            <th scope="col">Start</th>
            <th scope="col">Duration</th>
            <th scope="col">Spans</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {drawn.map(({ ref, trace, fileName, operation, service }) => {
            const active = current?.file === ref.file && current.trace === ref.trace;
            return (
              <tr key={`${ref.file}:${ref.trace}`} aria-selected={active} data-trace-id={trace.traceId}>
                <td>
                  <button
                    type="button"
                    onClick={() => selectTrace(ref)}
                    title={`${boundedLabel(trace.traceId)} (${boundedLabel(fileName)})`}
                  >
                    <TraceText value={operation || trace.traceId} />
                  </button>
                </td>
                <td>
                  <TraceText value={service} />
                </td>
                <td>{epochNsToDate(trace.startEpochNs).toLocaleString()}</td>
                <td>{formatDuration(trace.durationNs)}</td>
                <td>{trace.spans.length}</td>
                <td>{trace.errorCount}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length > MAX_PICKER_ROWS && (
        <p className="trace-picker__more">
          The first {countFormat.format(MAX_PICKER_ROWS)} of {countFormat.format(shown.length)} are shown: filter or
          change the order to reach the others.
        </p>
      )}
      {shown.length === 0 && <p className="trace-picker__more">No trace matches “{filter.trim()}”.</p>}
    </details>
  );
}

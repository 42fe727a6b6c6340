import { useMemo, useState } from 'react';
import { allTraces, useTraceStore, type TraceRef } from '../state/trace-store.ts';
import { epochNsToDate, formatDuration } from '../view-model/duration.ts';
import { genAiOverview } from '../analysis/genai-overview.ts';
import { compactCount } from '../view-model/genai-labels.ts';
import {
  groupBySession,
  shownTraces,
  TRACE_ORDERS,
  traceListRows,
  type TraceListRow,
  type TraceOrder,
} from './trace-list.ts';
import { TraceListControls } from './TraceListControls.tsx';
import { TraceScatter } from './TraceScatter.tsx';
import { boundedLabel } from '../view-model/bounded-text.ts';
import { TraceText } from './TraceText.tsx';

/** A list this long gets a filter, a choice of order and a plot. */
const LONG_LIST = 12;
/** Rows drawn at most: thousands of table rows would hold the page up for a list nobody scrolls through. */
export const MAX_PICKER_ROWS = 1_000;
/** Trace ids are shown this long; the whole id is in the title and the filter matches all of it. */
const TRACE_ID_CHARS = 16;

const countFormat = new Intl.NumberFormat('en');

/** Lists the traces when the loaded files hold more than one. */
export function TracePicker() {
  const files = useTraceStore((s) => s.files);
  const current = useTraceStore((s) => s.current);
  const selectTrace = useTraceStore((s) => s.selectTrace);
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<TraceOrder>('loaded');
  // New files open on the list (a file of many traces has no one trace to start on); a pick
  // folds it so the trace takes the screen.
  const [open, setOpen] = useState(true);
  // A filter typed for other files would hide the new ones; the chosen order is kept.
  const [filteredFiles, setFilteredFiles] = useState(files);
  if (filteredFiles !== files) {
    setFilteredFiles(files);
    setFilter('');
    setOpen(true);
  }
  const pick = (ref: TraceRef) => {
    selectTrace(ref);
    setOpen(false);
  };
  const rows = useMemo(() => traceListRows(allTraces(files)), [files]);
  const shown = useMemo(() => shownTraces(rows, filter, order), [rows, filter, order]);
  const drawn = useMemo(() => shown.slice(0, MAX_PICKER_ROWS), [shown]);
  // AI traces get their model, tokens and first input, and are grouped by the session they name.
  const overviews = useMemo(() => new Map(drawn.map((r) => [r, genAiOverview(r.trace)])), [drawn]);
  const groups = useMemo(() => groupBySession(drawn, (r) => overviews.get(r)?.sessionId), [drawn, overviews]);
  const hasGenAi = useMemo(
    () =>
      [...overviews.values()].some(
        (o) => o !== undefined && (o.model !== undefined || o.inputTokens + o.outputTokens > 0),
      ),
    [overviews],
  );
  const grouped = groups.length > 1 || groups[0]?.sessionId !== undefined;
  if (rows.length < 2) return null;
  const long = rows.length > LONG_LIST;
  return (
    <details className="trace-picker" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {countFormat.format(rows.length)} traces loaded: {open ? 'pick one' : 'show the list'}
      </summary>
      {long && (
        <TraceListControls
          filter={filter}
          onFilter={setFilter}
          order={order}
          orders={Object.entries(TRACE_ORDERS)}
          onOrder={setOrder}
        >
          <span className="trace-picker__count" data-testid="trace-picker-count">
            {shown.length === rows.length
              ? `${countFormat.format(rows.length)} traces`
              : `${countFormat.format(shown.length)} of ${countFormat.format(rows.length)} traces match`}
          </span>
        </TraceListControls>
      )}
      {long && drawn.length > 0 && <TraceScatter rows={drawn} current={current} onPick={pick} />}
      <table data-testid="trace-picker">
        <thead>
          <tr>
            <th scope="col">Root</th>
            <th scope="col">Service</th>
            <th scope="col">Trace id</th>
            <th scope="col">Start</th>
            <th scope="col">Duration</th>
            <th scope="col">Spans</th>
            <th scope="col">Errors</th>
            {hasGenAi && (
              <>
                <th scope="col">Model</th>
                <th scope="col">Tokens</th>
                <th scope="col">First input</th>
              </>
            )}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.sessionId ?? ''} data-session-id={group.sessionId}>
            {grouped && (
              <tr className="trace-picker__session">
                <th scope="rowgroup" colSpan={hasGenAi ? 10 : 7}>
                  {group.sessionId === undefined ? (
                    'No session'
                  ) : (
                    <>
                      Session <code>{group.sessionId}</code>
                    </>
                  )}{' '}
                  <span className="muted">({group.rows.length === 1 ? '1 trace' : `${group.rows.length} traces`})</span>
                </th>
              </tr>
            )}
            {group.rows.map((row) => (
              <TraceRow
                key={`${row.ref.file}:${row.ref.trace}`}
                row={row}
                active={current?.file === row.ref.file && current.trace === row.ref.trace}
                onPick={pick}
                genai={hasGenAi ? (overviews.get(row) ?? null) : undefined}
              />
            ))}
          </tbody>
        ))}
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

function TraceRow({
  row: { ref, trace, fileName, operation, service },
  active,
  onPick,
  genai,
}: {
  row: TraceListRow;
  active: boolean;
  onPick: (ref: TraceListRow['ref']) => void;
  /** undefined: the list shows no GenAI columns; null: this trace has nothing for them. */
  genai: ReturnType<typeof genAiOverview> | null | undefined;
}) {
  return (
    // The whole row is a mouse target; its button is the keyboard's.
    <tr aria-selected={active} data-trace-id={trace.traceId} className="trace-picker__row" onClick={() => onPick(ref)}>
      <td>
        <button
          type="button"
          onClick={(e) => {
            e.stopPropagation();
            onPick(ref);
          }}
          title={`${boundedLabel(trace.traceId)} (${boundedLabel(fileName)})`}
        >
          <TraceText value={operation || trace.traceId} />
        </button>
      </td>
      <td>
        <TraceText value={service} />
      </td>
      <td>
        <code title={trace.traceId}>
          {trace.traceId.length > TRACE_ID_CHARS ? `${trace.traceId.slice(0, TRACE_ID_CHARS)}…` : trace.traceId}
        </code>
      </td>
      <td>{epochNsToDate(trace.startEpochNs).toLocaleString()}</td>
      <td>{formatDuration(trace.durationNs)}</td>
      <td>{trace.spans.length}</td>
      <td>{trace.errorCount}</td>
      {genai !== undefined && (
        <>
          <td>{genai?.model}</td>
          <td data-input-tokens={genai?.inputTokens} data-output-tokens={genai?.outputTokens}>
            {genai && genai.inputTokens + genai.outputTokens > 0
              ? `${compactCount(genai.inputTokens)} → ${compactCount(genai.outputTokens)}`
              : ''}
          </td>
          <td className="trace-picker__preview" title={genai?.preview}>
            {genai?.preview}
          </td>
        </>
      )}
    </tr>
  );
}

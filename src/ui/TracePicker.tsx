import { allTraces, useTraceStore } from '../state/trace-store.ts';
import { epochNsToDate, formatDuration } from './format/duration.ts';
import { traceTitle } from './trace-label.ts';

/** Lists the traces when the loaded files hold more than one. */
export function TracePicker() {
  const files = useTraceStore((s) => s.files);
  const current = useTraceStore((s) => s.current);
  const selectTrace = useTraceStore((s) => s.selectTrace);
  const entries = allTraces(files);
  if (entries.length < 2) return null;
  return (
    <details className="trace-picker" open={entries.length <= 12}>
      <summary>{entries.length} traces loaded: pick one</summary>
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
          {entries.map(({ ref, trace, fileName }) => {
            const title = traceTitle(trace);
            const active = current?.file === ref.file && current.trace === ref.trace;
            return (
              <tr key={`${ref.file}:${ref.trace}`} aria-selected={active} data-trace-id={trace.traceId}>
                <td>
                  <button type="button" onClick={() => selectTrace(ref)} title={`${trace.traceId} (${fileName})`}>
                    {title.operation || trace.traceId}
                  </button>
                </td>
                <td>{title.service}</td>
                <td>{epochNsToDate(trace.startEpochNs).toLocaleString()}</td>
                <td>{formatDuration(trace.durationNs)}</td>
                <td>{trace.spans.length}</td>
                <td>{trace.errorCount}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}

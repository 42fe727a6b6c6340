import type { Trace } from '../model/trace.ts';
import { serviceColors } from '../view-model/service-colors.ts';
import { CopyButton } from './CopyButton.tsx';
import { epochNsToDate, formatDuration, formatExactNs, plural } from '../view-model/duration.ts';
import { traceTitle } from './trace-label.ts';
import { GenAiHeaderFacts } from './GenAiHeaderFacts.tsx';
import { headerGenAiSummary } from './genai-trace-summary.ts';
import { TraceText } from './TraceText.tsx';

export function TraceHeader({ trace }: { trace: Trace }) {
  const title = traceTitle(trace);
  const start = epochNsToDate(trace.startEpochNs);
  const genai = headerGenAiSummary(trace);
  return (
    <header
      className="trace-header"
      data-testid="trace-summary"
      data-trace-id={trace.traceId}
      data-span-count={trace.spans.length}
      data-service-count={trace.services.length}
      data-duration-ns={trace.durationNs}
      // Counted once per model call, as "Where the time went" counts them.
      data-input-tokens={genai && genai.calls > 0 ? genai.inputTokens : undefined}
      data-output-tokens={genai && genai.calls > 0 ? genai.outputTokens : undefined}
    >
      <h1 className="trace-header__title">
        <TraceText className="trace-header__service" value={title.service} />:{' '}
        <TraceText value={title.operation} copyLabel="trace name" />
        {trace.incomplete && (
          <span className="badge badge--warn" title="Some spans name a parent that is not in the trace">
            incomplete
          </span>
        )}
      </h1>
      <dl className="trace-header__facts">
        <div>
          <dt>Trace</dt>
          <dd>
            <code>
              <TraceText value={trace.traceId} />
            </code>{' '}
            <CopyButton text={trace.traceId} label="trace id" />
          </dd>
        </div>
        <div>
          <dt>Start</dt>
          <dd title={`UTC ${start.toISOString()}`}>{start.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd title={formatExactNs(trace.durationNs)}>{formatDuration(trace.durationNs)}</dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd>{trace.services.length}</dd>
        </div>
        <div>
          <dt>Depth</dt>
          <dd>{trace.tree.maxDepth + 1}</dd>
        </div>
        <div>
          <dt>Spans</dt>
          <dd>{trace.spans.length.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={trace.errorCount > 0 ? 'has-errors' : undefined}>{trace.errorCount}</dd>
        </div>
      </dl>
      {genai && <GenAiHeaderFacts trace={trace} summary={genai} />}
      <ul className="service-legend" aria-label="Services" data-testid="service-legend">
        {[...serviceColors(trace.services)].map(([service, color]) => (
          <li key={service} data-service={service} data-color={color}>
            <span className="swatch" style={{ background: color }} aria-hidden="true" />
            <TraceText value={service} />
          </li>
        ))}
      </ul>
      <p className="visually-hidden">{plural(trace.warnings.length, 'warning')}</p>
    </header>
  );
}

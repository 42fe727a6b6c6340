import { useMemo, useState } from 'react';
import { BACKEND_LABEL } from '../../io/backend-api.ts';
import { formatBytes } from '../../io/fetch-error.ts';
import type { SearchHit } from '../../io/search/search-hit.ts';
import { MAX_LIMIT } from '../../io/search/search-query.ts';
import { emptyAnswerText, openHit, runSearch } from '../../loading/run-search.ts';
import { useSearchStore, type SearchAnswer } from '../../loading/search-store.ts';
import { epochNsToDate, formatDuration } from '../../view-model/duration.ts';
import { shownTraces, TRACE_ORDERS, type TraceOrder } from '../trace-list.ts';
import type { ScatterRow } from '../trace-scatter-layout.ts';
import { TraceListControls } from '../TraceListControls.tsx';
import { TraceScatter } from '../TraceScatter.tsx';
import { useProgressiveCount } from './use-progressive-count.ts';

const countFormat = new Intl.NumberFormat('en');
/** One formatter for every row: Date#toLocaleString builds a new one per call, which a list of 1,500 traces feels. */
const startFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
/** The orders that mean something for an answer (it has no file order worth keeping). */
const ORDERS = Object.entries(TRACE_ORDERS).filter(([o]) => o !== 'loaded' && o !== 'least-spans');

interface HitRow extends ScatterRow {
  readonly hit: SearchHit;
}

function hitRows(hits: readonly SearchHit[]): HitRow[] {
  return hits.map((hit, i) => ({
    hit,
    ref: { file: 0, trace: i },
    service: hit.rootService,
    operation: hit.rootName,
    trace: {
      traceId: hit.traceId,
      startEpochNs: hit.startEpochNs,
      durationNs: hit.durationNs,
      errorCount: hit.errorCount ?? 0,
      // A summary counts spans without holding them; the plot and the orders only need the count.
      spans: { length: hit.spanCount ?? 0 },
    },
  }));
}

function ServicesCell({ hit }: { hit: SearchHit }) {
  return (
    <ul className="search-results__services">
      {hit.services.slice(0, 6).map((s) => (
        <li key={s.name}>
          {s.name} <span className="search-results__n">{countFormat.format(s.spanCount)}</span>
        </li>
      ))}
      {hit.services.length > 6 && <li>and {hit.services.length - 6} more</li>}
    </ul>
  );
}

/** How many matched, whether the limit cut the answer short, and the way to ask for more. */
function AnswerCount({ answer }: { answer: SearchAnswer }) {
  const { hits, query } = answer;
  const cut = hits.length >= query.limit;
  const next = Math.min(MAX_LIMIT, query.limit * 5);
  return (
    <p className="search-results__count" data-testid="search-count">
      {countFormat.format(hits.length)} {hits.length === 1 ? 'trace' : 'traces'} found
      {cut && (
        <>
          {' '}
          — the limit of {countFormat.format(query.limit)} may have cut the answer short.{' '}
          {query.limit < MAX_LIMIT && (
            <button type="button" onClick={() => void runSearch({ ...query, limit: next })}>
              Ask for up to {countFormat.format(next)}
            </button>
          )}
        </>
      )}
    </p>
  );
}

export function SearchResults() {
  const answer = useSearchStore((s) => s.answer);
  const status = useSearchStore((s) => s.status);
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<TraceOrder>('recent');
  const rows = useMemo(() => hitRows(answer?.hits ?? []), [answer]);
  const shown = useMemo(() => shownTraces(rows, filter, order), [rows, filter, order]);
  const drawn = useProgressiveCount(shown.length);

  if (status.kind === 'running')
    return (
      <p className="search-status" role="status" data-testid="search-progress">
        {status.stage === 'parsing'
          ? `Reading ${formatBytes(status.receivedBytes)} of traces…`
          : status.receivedBytes > 0
            ? `Receiving the answer: ${formatBytes(status.receivedBytes)}…`
            : 'Searching…'}
      </p>
    );
  if (status.kind === 'failed' && Object.keys(useSearchStore.getState().fieldErrors).length === 0)
    return (
      <p className="search-status search-status--error" role="alert" data-testid="search-error">
        {status.message}
      </p>
    );
  if (status.kind === 'cancelled')
    return (
      <p className="search-status" role="status" data-testid="search-cancelled">
        Search cancelled.
      </p>
    );
  if (status.kind !== 'done' || answer === null) return null;
  if (answer.hits.length === 0)
    return (
      <div>
        <p className="search-status" role="status" data-testid="search-empty">
          {emptyAnswerText(answer.query)}
        </p>
        <div data-testid="search-results" data-result-count={0} />
      </div>
    );
  const label = BACKEND_LABEL[answer.query.api];
  return (
    <section className="search-results" aria-label="Search results">
      <AnswerCount answer={answer} />
      <TraceListControls filter={filter} onFilter={setFilter} order={order} orders={ORDERS} onOrder={setOrder}>
        {shown.length !== rows.length && (
          <span className="trace-picker__count">
            {countFormat.format(shown.length)} of {countFormat.format(rows.length)} match
          </span>
        )}
      </TraceListControls>
      {shown.length > 0 && (
        <TraceScatter
          rows={shown}
          current={null}
          idAttribute="data-dot-trace-id"
          onPick={(ref) => void openHit(rows[ref.trace].hit)}
        />
      )}
      {/* A list of grid rows rather than a table: rows off screen skip layout (content-visibility),
          which a 1,500-row table cannot, while every result stays in the page for find and tests. */}
      <div className="search-results__head" aria-hidden="true">
        <span>Root</span>
        <span>Start</span>
        <span>Duration</span>
        <span>Spans</span>
        <span>Errors</span>
        <span>Services (spans)</span>
      </div>
      {/* The count is given once every row is in the page, so that it always matches the rows. */}
      <ol
        data-testid="search-results"
        data-result-count={drawn === shown.length ? shown.length : undefined}
        aria-busy={drawn < shown.length}
        className="search-results__list"
      >
        {shown.slice(0, drawn).map(({ hit }) => (
          // The row is the click target; its button is the keyboard's way to the same action.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the button in the row takes the keys, and its click bubbles here
          <li key={hit.traceId} data-trace-id={hit.traceId} onClick={() => void openHit(hit)}>
            <span>
              <button type="button" title={`Open trace ${hit.traceId} (${label})`}>
                <span className="search-results__service">{hit.rootService || '(unknown service)'}</span>{' '}
                {hit.rootName || hit.traceId}
              </button>
              <span className="search-results__id">{hit.traceId}</span>
            </span>
            <span>{startFormat.format(epochNsToDate(hit.startEpochNs))}</span>
            <span>{formatDuration(hit.durationNs)}</span>
            <span>
              {hit.spanCount === null ? '' : `${countFormat.format(hit.spanCount)} spans`}
              {hit.matchedSpans !== null && ` (${countFormat.format(hit.matchedSpans)} matched)`}
            </span>
            <span className={hit.errorCount ? 'search-results__errors' : undefined}>
              {hit.errorCount === null ? '' : `${countFormat.format(hit.errorCount)} errors`}
            </span>
            <ServicesCell hit={hit} />
          </li>
        ))}
      </ol>
      {shown.length === 0 && <p className="trace-picker__more">No trace matches “{filter.trim()}”.</p>}
      <p className="search-results__notes">{answer.notes.join('; ')}</p>
    </section>
  );
}

import type { Span, Trace } from '../../model/trace.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { CopyButton } from '../CopyButton.tsx';

/** Trace, span and parent ids, each copyable; a parent in the trace can be selected. */
export function SpanIds({ trace, span }: { trace: Trace; span: Span }) {
  const parent = trace.tree.parent[span.index];
  return (
    <dl className="detail-facts detail-ids">
      <div>
        <dt>Trace id</dt>
        <dd>
          <code>{span.traceId}</code> <CopyButton text={span.traceId} label="trace id" />
        </dd>
      </div>
      <div>
        <dt>Span id</dt>
        <dd>
          <code>{span.spanId}</code> <CopyButton text={span.spanId} label="span id" />
        </dd>
      </div>
      <div>
        <dt>Parent id</dt>
        <dd>
          {span.parentSpanId === undefined ? (
            <span className="muted">none (root span)</span>
          ) : (
            <>
              <code>{span.parentSpanId}</code> <CopyButton text={span.parentSpanId} label="parent id" />{' '}
              {parent !== -1 ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => useTraceStore.getState().selectSpan(parent)}
                >
                  select parent
                </button>
              ) : (
                <span className="muted">(not in the trace)</span>
              )}
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}

import { findSpanIndex } from '../../analysis/span-lookup.ts';
import type { LinkRelation, Span, Trace } from '../../model/trace.ts';
import { findLoadedSpan, useTraceStore } from '../../state/trace-store.ts';
import { AttributeTable } from './AttributeTable.tsx';
import { TraceText } from '../TraceText.tsx';

const RELATION_LABELS: Record<LinkRelation, string> = {
  link: 'Link',
  follows_from: 'Follows from',
  child_of: 'Child of',
};

/**
 * Links to other spans: one in this trace can be selected, one in another loaded trace opened
 * there; any other is named by its ids.
 */
export function SpanLinks({ trace, span }: { trace: Trace; span: Span }) {
  const files = useTraceStore((s) => s.files);
  if (span.links.length === 0) return null;
  return (
    <details className="detail-section" open data-testid="span-links">
      <summary>Links ({span.links.length})</summary>
      <ul className="link-list">
        {span.links.map((link, i) => {
          const here = findSpanIndex(trace, link.traceId, link.spanId);
          const elsewhere = here === -1 ? findLoadedSpan(files, link.traceId, link.spanId) : undefined;
          const target =
            here !== -1
              ? {
                  span: trace.spans[here],
                  title: `Select span ${link.spanId}`,
                  follow: () => useTraceStore.getState().selectSpan(here),
                }
              : elsewhere && {
                  span: elsewhere.trace.spans[elsewhere.index],
                  title: `Open trace ${elsewhere.trace.traceId} at span ${link.spanId}`,
                  follow: () => useTraceStore.getState().openSpan(elsewhere.ref, elsewhere.index),
                };
          return (
            <li key={i} className="span-link" data-link-span-id={link.spanId} data-in-trace={here !== -1}>
              <span className="span-link__relation">{RELATION_LABELS[link.relation]}</span>{' '}
              {target ? (
                <button type="button" className="link-button" onClick={target.follow} title={target.title}>
                  <TraceText value={target.span.serviceName} />: <TraceText value={target.span.name} />
                </button>
              ) : (
                <span className="span-link__outside">(not in the loaded trace)</span>
              )}
              {elsewhere && <span className="span-link__outside"> (in another loaded trace)</span>}
              <div className="span-link__ids">
                trace <code>{link.traceId}</code> span <code>{link.spanId}</code>
              </div>
              {link.attributes.length > 0 && <AttributeTable attributes={link.attributes} />}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

// One waterfall row: the name column (indent guides, toggle, service, name, marks, badges)
// and the timeline column. Memoized on plain values so that scrolling re-renders only rows
// that enter the screen.
import { memo, type MouseEvent } from 'react';
import { genAiRowFacts } from '../../view-model/genai-labels.ts';
import { spanBadges } from '../../view-model/span-badges.ts';
import { GenAiRowBadges } from './GenAiRowBadges.tsx';
import { showsService } from '../../view-model/name-column.ts';
import { serviceColorIn } from '../../view-model/service-colors.ts';
import { boundedLabel } from '../../view-model/bounded-text.ts';
import { TraceText } from '../TraceText.tsx';
import { formatCount, formatDuration } from '../../view-model/duration.ts';
import { MAX_INDENT_LEVELS, WATERFALL_ROW_HEIGHT, rowId, type RowContext } from './row-context.ts';
import { SpanBar } from './SpanBar.tsx';
import { clockSkewOf } from '../../view-model/clock-skew.ts';

export interface WaterfallRowProps {
  readonly ctx: RowContext;
  readonly span: number;
  readonly top: number;
  readonly selected: boolean;
  readonly match: boolean;
  /** Shown only as an ancestor of spans a filter keeps. */
  readonly context: boolean;
  readonly collapsed: boolean;
  /** Children the filter keeps. */
  readonly childCount: number;
  /** Some descendant has an error and the row is collapsed. */
  readonly hiddenError: boolean;
}

function WaterfallRowView({
  ctx,
  span,
  top,
  selected,
  match,
  context,
  collapsed,
  childCount,
  hiddenError,
}: WaterfallRowProps) {
  const s = ctx.trace.spans[span];
  const depth = ctx.trace.tree.depth[span];
  const isError = s.status.code === 'error';
  const allBadges = spanBadges(s.attributes);
  const genai = genAiRowFacts(s);
  // A GenAI step's kind and model go before the name, where a narrow column still shows them.
  const modelBadge = genai ? allBadges.find((b) => b.kind === 'genai') : undefined;
  const badges = modelBadge ? allBadges.filter((b) => b !== modelBadge) : allBadges;
  const slowest = ctx.isSlowest[span] === 1;
  const hasChildren = childCount > 0;
  const color = serviceColorIn(ctx.trace.services, s.serviceName);
  const skew = clockSkewOf(ctx.trace, span);

  const onToggle = (e: MouseEvent) => {
    // The row's own click selects; the toggle only expands or collapses.
    e.stopPropagation();
    ctx.onToggle(span, e.altKey || e.shiftKey);
  };

  let className = 'wf-row';
  if (context) className += ' wf-row--context';
  if (isError) className += ' wf-row--error';

  return (
    // biome-ignore lint/a11y/useFocusableInteractive lint/a11y/useKeyWithClickEvents: rows are items of a focusable tree that moves through them with aria-activedescendant and handles the keys
    <div
      id={rowId(ctx.idPrefix, span)}
      className={className}
      role="treeitem"
      aria-level={depth + 1}
      aria-selected={selected}
      aria-expanded={hasChildren ? !collapsed : undefined}
      aria-label={`${boundedLabel(s.serviceName)}: ${boundedLabel(s.name)}, ${formatDuration(s.durationNs)}${isError ? ', error' : ''}${skew ? `, ${skew.text}` : ''}`}
      data-testid="span-row"
      data-span-id={s.spanId}
      data-service={s.serviceName}
      data-depth={depth}
      data-match={match ? 'true' : undefined}
      style={{ transform: `translateY(${top}px)`, height: WATERFALL_ROW_HEIGHT }}
      onClick={() => ctx.onSelect(span)}
    >
      <div className="wf-name" title={`${boundedLabel(s.serviceName)}: ${boundedLabel(s.name)} (depth ${depth})`}>
        <span
          className="wf-indent"
          style={{ width: Math.min(depth, MAX_INDENT_LEVELS) * ctx.indentStep }}
          aria-hidden="true"
        />
        {hasChildren ? (
          <span
            className="wf-toggle"
            onClick={onToggle}
            aria-hidden="true"
            title={`${collapsed ? 'Expand' : 'Collapse'} (${formatCount(childCount)} children). Alt+click or Shift+click: the whole subtree`}
            data-testid="span-toggle"
          >
            <span className="wf-toggle__icon">{collapsed ? '▸' : '▾'}</span>
            <span className="wf-toggle__count">{formatCount(childCount)}</span>
          </span>
        ) : (
          <span className="wf-toggle wf-toggle--leaf" aria-hidden="true" />
        )}
        <span className="wf-swatch" style={{ background: color }} data-color={color} aria-hidden="true" />
        {/* The service is named where it changes; below that it stays in the text for search and screen readers. */}
        <TraceText
          className={showsService(ctx.trace, span) ? 'wf-service' : 'wf-service wf-service--repeat'}
          value={s.serviceName}
        />
        {genai && <GenAiRowBadges facts={genai} modelBadge={modelBadge} />}
        <TraceText className="wf-op" value={s.name} />
        {isError && (
          <span
            className="wf-mark wf-mark--error"
            title={s.status.message ? `Error: ${s.status.message}` : 'Error'}
            data-testid="error-mark"
          >
            !
          </span>
        )}
        {hiddenError && (
          <span
            className="wf-mark wf-mark--hidden-error"
            title="Errors in collapsed descendants"
            data-testid="hidden-error-mark"
          >
            !
          </span>
        )}
        {skew && (
          <span
            className="wf-mark wf-mark--skew"
            role="img"
            aria-label={`Clock skew: ${skew.text}`}
            title={`Clock skew or asynchronous work: ${skew.text}`}
            data-testid="clock-skew-mark"
            data-clock-skew={skew.text}
          >
            {skew.beforeNs > 0 ? '⇤' : '⇥'}
          </span>
        )}
        {slowest && (
          <span
            className="wf-mark wf-mark--slow"
            title={`One of the slowest spans by self time (${formatDuration(ctx.selfNs[span])} self)`}
            data-testid="slow-mark"
          >
            slow
          </span>
        )}
        {badges.map((b) => (
          <span
            key={b.kind}
            className={b.tone ? `wf-badge wf-badge--${b.kind} wf-badge--${b.tone}` : `wf-badge wf-badge--${b.kind}`}
            title={b.title}
            data-badge={b.kind}
          >
            {b.text}
          </span>
        ))}
      </div>
      <SpanBar ctx={ctx} span={span} genai={genai} />
    </div>
  );
}

export const WaterfallRow = memo(WaterfallRowView);

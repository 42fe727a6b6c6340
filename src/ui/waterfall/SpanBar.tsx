// The timeline cell of one row: the span's bar, lighter where children ran (so the solid part
// is self time), critical-path segments, event marks and the duration label.
import { childCoverage } from '../../view-model/child-coverage.ts';
import { spanEndNs } from '../../analysis/self-time.ts';
import { serviceColorIn } from '../../view-model/service-colors.ts';
import { formatDuration, formatExactNs } from '../../view-model/duration.ts';
import { GENAI_KIND_COLORS, type GenAiRowFacts, NOT_GENAI_COLOR, tokensText } from '../../view-model/genai-labels.ts';
import type { RowContext } from './row-context.ts';

/** Pieces closer than this (percent of the timeline) are drawn as one, bounding the DOM per row. */
const MERGE_GAP_PCT = 0.15;
const EVENT_BUCKET_PCT = 0.5;
const MAX_EVENT_NAMES_IN_TITLE = 5;

function clampPct(value: number): number {
  return value < -1 ? -1 : value > 101 ? 101 : value;
}

interface Piece {
  left: number;
  right: number;
}

/** Runs [s0, e0, s1, e1, ...] in ns to on-screen pieces, merged where they would touch. */
function pieces(runs: ArrayLike<number>, toPct: (ns: number) => number): Piece[] {
  const out: Piece[] = [];
  for (let k = 0; k + 1 < runs.length; k += 2) {
    const left = clampPct(toPct(runs[k]));
    const right = clampPct(toPct(runs[k + 1]));
    if (right <= 0 || left >= 100) continue;
    const last = out[out.length - 1];
    if (last && left - last.right < MERGE_GAP_PCT) last.right = Math.max(last.right, right);
    else out.push({ left, right });
  }
  return out;
}

/** The parts of [left, right] that no piece covers: where the span worked itself. */
function uncovered(left: number, right: number, covered: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  let at = Math.max(left, 0);
  const end = Math.min(right, 100);
  for (const p of covered) {
    if (p.left > at) out.push({ left: at, right: Math.min(p.left, end) });
    at = Math.max(at, p.right);
    if (at >= end) break;
  }
  if (at < end) out.push({ left: at, right: end });
  return out.filter((p) => p.right > p.left);
}

function eventMarks(ctx: RowContext, span: number): { left: number; title: string }[] {
  const { startNs, events } = ctx.trace.spans[span];
  const buckets = new Map<number, { left: number; names: string[]; count: number }>();
  for (const event of events) {
    const left = ctx.scale(event.timeNs);
    if (left < 0 || left > 100) continue;
    const key = Math.round(left / EVENT_BUCKET_PCT);
    const label = `${event.name} at +${formatDuration(event.timeNs - startNs)}`;
    const bucket = buckets.get(key);
    if (!bucket) buckets.set(key, { left, names: [label], count: 1 });
    else {
      bucket.count++;
      if (bucket.names.length < MAX_EVENT_NAMES_IN_TITLE) bucket.names.push(label);
    }
  }
  return [...buckets.values()].map((b) => ({
    left: b.left,
    title: `Event${b.count > 1 ? 's' : ''}: ${b.names.join('; ')}${b.count > b.names.length ? `; and ${b.count - b.names.length} more` : ''}`,
  }));
}

export function SpanBar({ ctx, span, genai }: { ctx: RowContext; span: number; genai?: GenAiRowFacts | undefined }) {
  const s = ctx.trace.spans[span];
  const endNs = spanEndNs(s.startNs, s.durationNs);
  const left = clampPct(ctx.scale(s.startNs));
  const right = clampPct(ctx.scale(endNs));
  const slowest = ctx.isSlowest[span] === 1;
  const covered = ctx.trace.tree.childCount[span] > 0 ? pieces(childCoverage(ctx.trace, span), ctx.scale) : [];
  const sections = ctx.criticalBySpan.get(span);
  const critical = sections
    ? pieces(
        sections.flatMap((c) => [c.startNs, c.endNs]),
        ctx.scale,
      )
    : [];
  const marks = s.events.length > 0 ? eventMarks(ctx, span) : [];
  const onScreen = right > 0 && left < 100;

  // The label goes after the bar when there is room, else before it, else inside it. A span
  // outside the zoomed range gets its label at the edge it lies beyond, with an arrow.
  // A model call's tokens follow its duration: what it cost beside how long it took.
  const tokens =
    genai && (genai.kind === 'llm' || genai.kind === 'embedding')
      ? tokensText(genai.inputTokens, genai.outputTokens)
      : undefined;
  const duration = tokens ? `${formatDuration(s.durationNs)} · ${tokens}` : formatDuration(s.durationNs);
  // Waiting for the first token, then streaming: the waiting part of the bar is hatched.
  const firstToken = genai?.firstTokenAtNs;
  const waitRight = firstToken === undefined ? undefined : clampPct(ctx.scale(firstToken));
  const before = right <= 0;
  const after = left >= 100;
  const label = before ? `◂ ${duration}` : after ? `${duration} ▸` : duration;
  // A label with tokens is about twice as long: it needs more room before the bar.
  const roomBefore = tokens ? 35 : 15;
  const labelStyle =
    right <= 85
      ? { left: `calc(${Math.max(right, 0)}% + 4px)` }
      : left >= roomBefore
        ? { right: `calc(${100 - Math.min(left, 100)}% + 4px)` }
        : { left: `calc(${Math.max(left, 0)}% + 4px)` };
  const labelClass =
    before || after
      ? 'wf-duration wf-duration--offscreen'
      : right > 85 && left < roomBefore
        ? 'wf-duration wf-duration--inside'
        : 'wf-duration';

  return (
    // The span index leads the list's one tooltip (BarTooltip) to the span under the pointer.
    <div className="wf-timeline" data-span-index={span}>
      {onScreen && (
        <div
          className="wf-bar"
          style={{
            left: `${left}%`,
            width: `${right - left}%`,
            background: ctx.colorByKind
              ? genai
                ? GENAI_KIND_COLORS[genai.kind]
                : NOT_GENAI_COLOR
              : serviceColorIn(ctx.trace.services, s.serviceName),
          }}
          data-genai-kind={genai?.kind}
          data-testid="span-bar"
        />
      )}
      {onScreen && waitRight !== undefined && waitRight > left && (
        <div
          className="wf-first-token-wait"
          style={{ left: `${left}%`, width: `${Math.min(waitRight, right) - left}%` }}
          data-testid="first-token-wait"
        />
      )}
      {covered.map((p) => (
        <div key={p.left} className="wf-children" style={{ left: `${p.left}%`, width: `${p.right - p.left}%` }} />
      ))}
      {/* A slow span is marked where it worked itself, not around the children it waited for. */}
      {slowest &&
        onScreen &&
        uncovered(left, right, covered).map((p) => (
          <div
            key={`slow${p.left}`}
            className="wf-slow-self"
            style={{ left: `${p.left}%`, width: `${p.right - p.left}%` }}
            data-testid="slow-self"
          />
        ))}
      {critical.map((p) => (
        <div key={p.left} className="wf-critical" style={{ left: `${p.left}%`, width: `${p.right - p.left}%` }} />
      ))}
      {marks.map((m) => (
        <span
          key={m.left}
          className="wf-event"
          style={{ left: `${m.left}%` }}
          title={m.title}
          data-testid="span-event"
        />
      ))}
      <span
        className={labelClass}
        style={labelStyle}
        title={`${formatExactNs(s.durationNs)}${before ? ', before the range shown' : after ? ', after the range shown' : ''}`}
      >
        {label}
      </span>
    </div>
  );
}

// The time-ordered flame chart's model: one box per span, described for tooltips and screen readers.
import type { FlameBoxes } from '../../view-model/flame-boxes.ts';
import type { Trace } from '../../model/trace.ts';
import { formatDuration, formatExactNs } from '../../view-model/duration.ts';
import { GENAI_KIND_LABELS, genAiLabel, genAiRowFacts, tokensText } from '../../view-model/genai-labels.ts';
import type { FlameModel, TooltipLine } from './model.ts';
import { KIND_PALETTE, type FlamePalette } from './palette.ts';
import { boundedLabel, TEXT_MAX } from '../../view-model/bounded-text.ts';

export function shareText(part: number, whole: number): string {
  if (!(whole > 0)) return '—';
  const pct = (part / whole) * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  return `${pct >= 10 || pct === 0 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

export function statusText(trace: Trace, i: number): string {
  const { status } = trace.spans[i];
  if (status.code !== 'error') return status.code === 'ok' ? 'OK' : 'unset';
  return status.message ? `error: ${status.message}` : 'error';
}

export interface TimeModelInput {
  readonly trace: Trace;
  readonly boxes: FlameBoxes;
  readonly palette: FlamePalette;
  readonly flags: Uint8Array;
  readonly selfNs: Float64Array;
  readonly onCriticalPath: Uint8Array;
  readonly isSlowest: Uint8Array;
}

export function spanBuckets(trace: Trace, palette: FlamePalette): Uint8Array {
  const buckets = new Uint8Array(trace.spans.length);
  for (let i = 0; i < buckets.length; i++) buckets[i] = palette.bucketOfService.get(trace.spans[i].serviceName) ?? 0;
  return buckets;
}

/** Each span's bucket in KIND_PALETTE. Reads every span's attributes: only when the user asks. */
export function kindBuckets(trace: Trace): Uint8Array {
  const buckets = new Uint8Array(trace.spans.length);
  for (let i = 0; i < buckets.length; i++) {
    const facts = genAiRowFacts(trace.spans[i]);
    buckets[i] = facts === undefined ? 0 : (KIND_PALETTE.bucketOfKind.get(facts.kind) ?? 0);
  }
  return buckets;
}

export function timeModel(input: TimeModelInput, bucketOf: Uint8Array): FlameModel {
  const { trace, selfNs } = input;
  const spans = trace.spans;
  const describe = (i: number): TooltipLine[] => {
    const s = spans[i];
    const lines: TooltipLine[] = [
      { label: 'Service', value: boundedLabel(s.serviceName) },
      { label: 'Name', value: boundedLabel(s.name) },
      { label: 'Duration', value: formatDuration(s.durationNs), exact: formatExactNs(s.durationNs) },
      { label: 'Self time', value: formatDuration(selfNs[i]), exact: formatExactNs(selfNs[i]) },
      { label: 'Share of trace', value: shareText(Math.max(0, s.durationNs), trace.durationNs) },
      { label: 'Starts at', value: `+${formatDuration(s.startNs)}`, exact: formatExactNs(s.startNs) },
      { label: 'Status', value: boundedLabel(statusText(trace, i), TEXT_MAX) },
    ];
    if (input.onCriticalPath[i] === 1) lines.push({ label: 'Critical path', value: 'yes' });
    if (input.isSlowest[i] === 1) lines.push({ label: 'Slowest', value: 'among the slowest by self time' });
    const genai = genAiRowFacts(s);
    if (genai !== undefined) {
      lines.push({ label: 'GenAI', value: GENAI_KIND_LABELS[genai.kind].name });
      if (genai.model !== undefined) lines.push({ label: 'Model', value: genai.model });
      const tokens = tokensText(genai.inputTokens, genai.outputTokens);
      if (tokens !== undefined) lines.push({ label: 'Tokens', value: tokens });
    }
    return lines;
  };
  return {
    boxes: input.boxes,
    bucketOf,
    flags: input.flags,
    palette: input.palette,
    nav: trace.tree,
    axis: 'time',
    // A GenAI step says its kind and model first, so a narrow box still shows them; model calls
    // add their tokens after the duration.
    name: (i) => genAiLabel(genAiRowFacts(spans[i]), spans[i].name),
    extra: (i) => {
      const genai = genAiRowFacts(spans[i]);
      const tokens =
        genai !== undefined && (genai.kind === 'llm' || genai.kind === 'embedding')
          ? tokensText(genai.inputTokens, genai.outputTokens)
          : undefined;
      const duration = formatDuration(spans[i].durationNs);
      return tokens === undefined ? duration : `${duration} · ${tokens}`;
    },
    describe,
    summary: (i) => {
      const s = spans[i];
      const marks = [
        input.onCriticalPath[i] === 1 ? 'on the critical path' : '',
        s.status.code === 'error' ? 'error' : '',
      ].filter((m) => m !== '');
      return (
        `${boundedLabel(s.serviceName)}: ${boundedLabel(s.name)}, ${formatDuration(s.durationNs)}, self ${formatDuration(selfNs[i])}, ` +
        `starts at +${formatDuration(s.startNs)}, depth ${trace.tree.depth[i]}` +
        (marks.length > 0 ? `, ${marks.join(', ')}` : '')
      );
    },
    spanIdOf: (i) => spans[i]?.spanId,
  };
}

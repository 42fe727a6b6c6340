// What a tooltip says about one span, the same in the flamegraph and on a waterfall bar: name,
// service, timing with exact values, share of the trace, status, the marks, GenAI facts.
import type { Trace } from '../model/trace.ts';
import { boundedLabel, TEXT_MAX } from './bounded-text.ts';
import { clockSkewOf } from './clock-skew.ts';
import { formatDuration, formatExactNs } from './duration.ts';
import { GENAI_KIND_LABELS, genAiRowFacts, tokensText } from './genai-labels.ts';

export interface TooltipLine {
  readonly label: string;
  readonly value: string;
  /** Exact value, shown on hover of the line. */
  readonly exact?: string;
}

/** Per-span facts of the trace's analysis that a tooltip names. */
export interface SpanTooltipFacts {
  readonly selfNs: Float64Array;
  readonly onCriticalPath: Uint8Array;
  readonly isSlowest: Uint8Array;
}

export function shareText(part: number, whole: number): string {
  if (!(whole > 0)) return '—';
  const pct = (part / whole) * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  return `${pct >= 10 || pct === 0 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

function statusText(trace: Trace, i: number): string {
  const { status } = trace.spans[i];
  if (status.code !== 'error') return status.code === 'ok' ? 'OK' : 'unset';
  return status.message ? `error: ${status.message}` : 'error';
}

export function spanTooltipLines(trace: Trace, i: number, facts: SpanTooltipFacts): TooltipLine[] {
  const s = trace.spans[i];
  const selfNs = facts.selfNs[i];
  const lines: TooltipLine[] = [
    { label: 'Service', value: boundedLabel(s.serviceName) },
    { label: 'Name', value: boundedLabel(s.name) },
    { label: 'Duration', value: formatDuration(s.durationNs), exact: formatExactNs(s.durationNs) },
    { label: 'Self time', value: formatDuration(selfNs), exact: formatExactNs(selfNs) },
    { label: 'Share of trace', value: shareText(Math.max(0, s.durationNs), trace.durationNs) },
    { label: 'Starts at', value: `+${formatDuration(s.startNs)}`, exact: formatExactNs(s.startNs) },
    { label: 'Status', value: boundedLabel(statusText(trace, i), TEXT_MAX) },
  ];
  if (facts.onCriticalPath[i] === 1) lines.push({ label: 'Critical path', value: 'yes' });
  if (facts.isSlowest[i] === 1) lines.push({ label: 'Slowest', value: 'among the slowest by self time' });
  const skew = clockSkewOf(trace, i);
  if (skew !== undefined) lines.push({ label: 'Clock skew', value: skew.text });
  const genai = genAiRowFacts(s);
  if (genai !== undefined) {
    lines.push({ label: 'GenAI', value: GENAI_KIND_LABELS[genai.kind].name });
    if (genai.model !== undefined) lines.push({ label: 'Model', value: genai.model });
    const tokens = tokensText(genai.inputTokens, genai.outputTokens);
    if (tokens !== undefined) lines.push({ label: 'Tokens', value: tokens });
    if (genai.firstTokenAtNs !== undefined) {
      const waitNs = genai.firstTokenAtNs - s.startNs;
      lines.push({ label: 'First token', value: `after ${formatDuration(waitNs)}`, exact: formatExactNs(waitNs) });
    }
  }
  return lines;
}

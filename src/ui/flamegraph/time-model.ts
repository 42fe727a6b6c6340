// The time-ordered flame chart's model: one box per span, described for tooltips and screen readers.
import type { FlameBoxes } from '../../view-model/flame-boxes.ts';
import type { Trace } from '../../model/trace.ts';
import { formatDuration } from '../../view-model/duration.ts';
import { genAiLabel, genAiRowFacts, tokensText } from '../../view-model/genai-labels.ts';
import { spanTooltipLines, type TooltipLine } from '../../view-model/span-tooltip.ts';
import type { FlameModel } from './model.ts';
import { FLAG_DIM } from '../../view-model/flame-highlight.ts';
import { KIND_PALETTE, type FlamePalette } from './palette.ts';
import { boundedLabel } from '../../view-model/bounded-text.ts';

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
  // A dimmed box says why it is dim: the search or the filters leave it out.
  const describe = (i: number): TooltipLine[] => {
    const lines = spanTooltipLines(trace, i, input);
    if ((input.flags[i] & FLAG_DIM) !== 0) lines.push({ label: 'Dimmed', value: 'left out by the search or filters' });
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

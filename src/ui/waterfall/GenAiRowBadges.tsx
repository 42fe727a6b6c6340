// The kind of a GenAI step and its model, shown before the span name on a waterfall row.
import type { GenAiRowFacts } from '../../view-model/genai-labels.ts';
import { GENAI_KIND_LABELS } from '../../view-model/genai-labels.ts';
import type { SpanBadge } from '../../view-model/span-badges.ts';

export function GenAiRowBadges({ facts, modelBadge }: { facts: GenAiRowFacts; modelBadge: SpanBadge | undefined }) {
  const label = GENAI_KIND_LABELS[facts.kind];
  return (
    <>
      <span
        className={`wf-kind wf-kind--${facts.kind}`}
        title={`GenAI step: ${label.name}`}
        data-genai-kind={facts.kind}
        data-testid="genai-kind-badge"
      >
        {label.badge}
      </span>
      {modelBadge && (
        <span className="wf-badge wf-badge--genai wf-badge--model" title={modelBadge.title} data-badge="genai">
          {modelBadge.text}
        </span>
      )}
    </>
  );
}

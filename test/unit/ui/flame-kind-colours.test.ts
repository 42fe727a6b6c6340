// "Colour by kind" in the flamegraph: each GenAI step takes its kind's colour, as the
// waterfall's bars do, and every other span the neutral one.
import { describe, expect, it } from 'vitest';
import { KIND_PALETTE } from '../../../src/ui/flamegraph/palette.ts';
import { kindBuckets } from '../../../src/ui/flamegraph/time-model.ts';
import { GENAI_KIND_COLORS, NOT_GENAI_COLOR } from '../../../src/view-model/genai-labels.ts';
import { makeTrace } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

describe('flamegraph colour by kind', () => {
  it('gives model calls and tool calls their kind colours and other spans the neutral colour', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 10 * MS, service: 'api', name: 'POST /answer' },
      {
        id: 'llm',
        parent: 'root',
        start: 1 * MS,
        dur: 5 * MS,
        service: 'api',
        name: 'chat gpt-4o',
        attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' },
      },
      {
        id: 'tool',
        parent: 'root',
        start: 6 * MS,
        dur: 1 * MS,
        service: 'api',
        name: 'execute_tool search',
        attrs: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search' },
      },
    ]);
    const colours = Array.from(kindBuckets(trace), (b) => KIND_PALETTE.palette.colors[b]);
    const byId = new Map(trace.spans.map((s, i) => [s.spanId, colours[i]]));
    expect(byId.get('root')).toBe(NOT_GENAI_COLOR);
    expect(byId.get('llm')).toBe(GENAI_KIND_COLORS.llm);
    expect(byId.get('tool')).toBe(GENAI_KIND_COLORS.tool);
  });
});

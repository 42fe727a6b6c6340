import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useViewStore } from '../../../src/state/view-store.ts';
import { makeTrace } from '../../helpers/make-trace.ts';
import { renderWaterfall, row, rowIds, stubLayout } from './waterfall-test-utils.tsx';

stubLayout();

const MS = 1_000_000;

const trace = makeTrace([
  { id: 'agent', start: 0, dur: 1_000 * MS, name: 'invoke_agent', attrs: { 'gen_ai.operation.name': 'invoke_agent' } },
  {
    id: 'llm',
    parent: 'agent',
    start: 0,
    dur: 800 * MS,
    name: 'chat',
    attrs: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'meta-llama/Llama-3.1-8B-Instruct',
      'gen_ai.usage.input_tokens': 6187,
      'gen_ai.usage.output_tokens': 264,
      'gen_ai.server.time_to_first_token': 0.2,
    },
  },
  {
    id: 'tool',
    parent: 'agent',
    start: 850 * MS,
    dur: 50 * MS,
    name: 'execute_tool',
    attrs: { 'gen_ai.tool.name': 'search' },
  },
  {
    id: 'docs',
    parent: 'agent',
    start: 900 * MS,
    dur: 50 * MS,
    name: 'retrieve',
    attrs: { 'openinference.span.kind': 'RETRIEVER' },
  },
  { id: 'plain', parent: 'agent', start: 950 * MS, dur: 10 * MS, name: 'GET /x' },
]);

describe('waterfall rows of GenAI steps', () => {
  it('show a kind badge and the model without its organisation before the name, and tokens beside the bar', () => {
    renderWaterfall(trace);
    const kinds = ['agent', 'llm', 'tool', 'docs'].map(
      (id) => within(row(id)).getByTestId('genai-kind-badge').textContent,
    );
    expect(kinds).toEqual(['agent', 'LLM', 'tool', 'retrieve']);
    expect(within(row('plain')).queryByTestId('genai-kind-badge')).toBeNull();
    const llm = row('llm');
    const model = llm.querySelector('[data-badge="genai"]')!;
    expect(model.textContent).toBe('Llama-3.1-8B-Instruct');
    expect(model.getAttribute('title')).toContain('meta-llama/Llama-3.1-8B-Instruct');
    // Kind and model come before the name, so a narrow name column cuts the name, not them.
    const name = llm.querySelector('.wf-op')!;
    expect(model.compareDocumentPosition(name) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(llm.querySelector('.wf-duration')!.textContent).toBe('800 ms · 6.2k → 264 tokens');
  });

  it("split a model call's bar at the first token: the wait is marked, the rest is streaming", () => {
    renderWaterfall(trace);
    const wait = within(row('llm')).getByTestId('first-token-wait');
    fireEvent.pointerMove(wait, { clientX: 400, clientY: 30 });
    const tip = screen.getByTestId('bar-tooltip');
    const first = [...tip.querySelectorAll('dt')].find((d) => d.textContent === 'First token');
    expect(first?.nextElementSibling?.textContent).toBe('after 200 ms');
    expect(within(row('tool')).queryByTestId('first-token-wait')).toBeNull();
  });

  it('"AI spans only" keeps the GenAI steps and drops the rest', () => {
    renderWaterfall(trace);
    fireEvent.click(screen.getByTestId('ai-only-filter'));
    expect(rowIds()).toEqual(['agent', 'llm', 'tool', 'docs']);
    fireEvent.click(screen.getByTestId('ai-only-filter'));
    expect(rowIds()).toContain('plain');
  });

  it('"Colour by kind" colours bars by GenAI step kind and greys the other spans', () => {
    useViewStore.getState().setColorByKind(false);
    renderWaterfall(trace);
    const bar = (id: string) => within(row(id)).getByTestId('span-bar');
    const serviceColour = bar('llm').style.background;
    expect(bar('tool').style.background).toBe(serviceColour);
    fireEvent.click(screen.getByTestId('color-by-kind'));
    const colours = ['llm', 'tool', 'docs', 'plain'].map((id) => bar(id).style.background);
    expect(new Set(colours).size).toBe(4);
    expect(colours[0]).not.toBe(serviceColour);
    useViewStore.getState().setColorByKind(false);
  });
});

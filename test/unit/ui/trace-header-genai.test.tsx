import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { TraceHeader } from '../../../src/ui/TraceHeader.tsx';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

afterEach(() => useTraceStore.setState({ selectedSpan: null }));

describe('TraceHeader of a GenAI trace', () => {
  it('totals input and output tokens once per model call, with the cost and the first-token wait on the critical path', () => {
    const trace = makeTrace([
      { id: 'root', start: 0, dur: 1_000 * MS, name: 'POST /answer' },
      {
        id: 'chat',
        parent: 'root',
        start: 0,
        dur: 1_000 * MS,
        attrs: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'llama',
          'gen_ai.server.time_to_first_token': 0.25,
          'llm.cost.total': 0.0125,
        },
      },
      // The inference server reports the same call's tokens: counted once.
      {
        id: 'server',
        parent: 'chat',
        start: 10 * MS,
        dur: 980 * MS,
        attrs: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.usage.input_tokens': 6000,
          'gen_ai.usage.output_tokens': 250,
        },
      },
    ]);
    render(<TraceHeader trace={trace} />);
    const header = screen.getByTestId('trace-summary');
    expect(header.dataset.inputTokens).toBe('6000');
    expect(header.dataset.outputTokens).toBe('250');
    expect(screen.getByTestId('trace-tokens').textContent).toBe('6,000 input and 250 output tokens');
    expect(screen.getByTestId('trace-cost').textContent).toBe(' · cost $0.0125');
    expect(screen.getByTestId('trace-first-token-share').textContent).toContain('250 ms of the critical path (25%)');
  });

  it('calls out an answer cut off at the token limit and selects its span on request', () => {
    const trace = makeTrace([
      {
        id: 'chat',
        start: 0,
        dur: 10 * MS,
        attrs: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.response.finish_reasons': 'length',
          'gen_ai.usage.output_tokens': 1024,
        },
      },
    ]);
    render(<TraceHeader trace={trace} />);
    const problem = within(screen.getByRole('list', { name: 'GenAI problems' })).getByRole('button');
    expect(problem.textContent).toBe('⚠ An answer was cut off at the token limit (finish reason "length")');
    fireEvent.click(problem);
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'chat'));
  });

  it('has no token attributes for a trace without model calls', () => {
    render(<TraceHeader trace={makeTrace([{ id: 'a', start: 0, dur: MS, attrs: { 'http.route': '/x' } }])} />);
    expect(screen.getByTestId('trace-summary').hasAttribute('data-input-tokens')).toBe(false);
    expect(screen.queryByTestId('trace-genai')).toBeNull();
  });
});

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTraceText } from '../../../src/formats/load.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { GenAiDetail } from '../../../src/ui/detail/GenAiDetail.tsx';
import { SpanDetail } from '../../../src/ui/detail/SpanDetail.tsx';
import { readCorpusText } from '../../helpers/corpus.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

function corpusTraces(file: string): Trace[] {
  const outcome = loadTraceText(file.split('/').pop()!, readCorpusText(file));
  if (!('file' in outcome)) throw new Error(`could not load ${file}`);
  return [...outcome.file.traces];
}

afterEach(() => useTraceStore.setState({ selectedSpan: null }));

describe('GenAiDetail on the jaeger-ui GenAI fixtures', () => {
  it('shows the chat span of the flamegraph fixture as a transcript with its token counts, above the raw attributes', () => {
    const trace = corpusTraces('jaeger/jaeger-ui__TraceFlamegraph__genaiTestTrace.json').find((t) =>
      t.spans.some((s) => s.name === 'chat'),
    )!;
    const chat = trace.spans.findIndex((s) => s.name === 'chat');
    render(<SpanDetail trace={trace} spanIndex={chat} />);
    const section = screen.getByTestId('genai-detail');
    expect(screen.getByTestId('genai-tokens').textContent).toBe('1,500 in · 450 out');
    expect(screen.getByTestId('genai-model').textContent).toBe('gpt-4o');
    const turns = within(section)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('genai-turn'));
    // Three input turns (the last an earlier answer), then the answer of this call.
    expect(turns.map((t) => t.dataset.role)).toEqual(['system', 'user', 'assistant', 'assistant']);
    expect(turns[0].textContent).toContain('You are an expert in distributed tracing');
    expect(turns[1].textContent).toContain('Can you explain how to set up an OpenTelemetry collector');
    expect(turns[3].textContent).toContain('Setting up OpenTelemetry with Jaeger involves');
    // The GenAI section comes before the attribute table.
    const attributes = screen.getByTestId('span-attributes');
    expect(section.compareDocumentPosition(attributes) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows a retrieval span of the fixture as a list of documents, and a tool span with its arguments', () => {
    const trace = corpusTraces('jaeger/jaeger-ui__TraceFlamegraph__genaiTestTrace.json').find((t) =>
      t.spans.some((s) => s.name === 'retrieval'),
    )!;
    const { unmount } = render(
      <GenAiDetail trace={trace} spanIndex={trace.spans.findIndex((s) => s.name === 'retrieval')} />,
    );
    expect(screen.getByTestId('genai-detail').dataset.genaiKind).toBe('retriever');
    expect(within(screen.getByTestId('genai-documents')).getAllByRole('listitem')[0].textContent).toContain(
      'Jaeger Docs - Architecture',
    );
    unmount();
    render(<GenAiDetail trace={trace} spanIndex={trace.spans.findIndex((s) => s.name === 'execute_tool')} />);
    expect(screen.getByTestId('genai-detail').textContent).toContain('"query": "OpenTelemetry Jaeger v2 configuration');
  });

  it('shows the prompt and completion of each chat call of the OTLP agent fixture, and its tool spans as tool calls', () => {
    const trace = corpusTraces('otlp/jaeger-ui__agent-trace.json')[0];
    const chats = trace.spans.filter((s) => s.name.startsWith('chat '));
    render(<GenAiDetail trace={trace} spanIndex={chats[0].index} />);
    expect(screen.getByTestId('genai-tokens').textContent).toBe('312 in · 128 out');
    expect(screen.getByTestId('genai-transcript').textContent).toContain('You are an SRE assistant');
    expect(screen.getByTestId('genai-transcript').textContent).toContain('Runaway goroutine');
  });
});

describe('GenAiDetail', () => {
  it('shows message content as text, never as markup, and folds a 5 MB prompt to a bounded prefix shown in steps', () => {
    const huge = `# Title\n<img src=x onerror="window.__pwned=1">${'y'.repeat(5 * 1024 * 1024)}`;
    const trace = makeTrace([
      {
        id: 'c',
        start: 0,
        dur: 10 * MS,
        attrs: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.input.messages': JSON.stringify([{ role: 'user', content: huge }]),
        },
      },
    ]);
    render(<GenAiDetail trace={trace} spanIndex={0} />);
    const transcript = screen.getByTestId('genai-transcript');
    expect(transcript.querySelector('img')).toBeNull();
    expect(transcript.textContent).toContain('<img src=x onerror=');
    expect(transcript.textContent!.length).toBeLessThan(5_000);
    fireEvent.click(within(transcript).getByRole('button', { name: /Show 20,000 more characters/ }));
    expect(transcript.textContent!.length).toBeGreaterThan(20_000);
    expect(transcript.textContent!.length).toBeLessThan(30_000);
    expect(within(transcript).getByRole('button', { name: 'Show less' })).toBeTruthy();
  });

  it("marks which turns of an agent's second model call are new since its first, and links a tool call to its span", () => {
    const system = { role: 'system', content: 'You are an agent.' };
    const user = { role: 'user', content: 'Scale the API.' };
    const call = {
      role: 'assistant',
      parts: [{ type: 'tool_call', id: 'call-1', name: 'scale', arguments: '{"replicas":6}' }],
    };
    const result = { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call-1', response: 'scaled' }] };
    const trace = makeTrace([
      { id: 'agent', start: 0, dur: 100 * MS, attrs: { 'gen_ai.operation.name': 'invoke_agent' } },
      {
        id: 'first',
        parent: 'agent',
        start: MS,
        dur: 10 * MS,
        attrs: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.input.messages': JSON.stringify([system, user]),
          'gen_ai.output.messages': JSON.stringify([call]),
        },
      },
      {
        id: 'tool',
        parent: 'agent',
        start: 20 * MS,
        dur: 10 * MS,
        attrs: { 'gen_ai.tool.name': 'scale', 'gen_ai.tool.call.id': 'call-1', 'gen_ai.tool.call.result': 'scaled' },
      },
      {
        id: 'second',
        parent: 'agent',
        start: 40 * MS,
        dur: 10 * MS,
        attrs: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.input.messages': JSON.stringify([system, user, call, result]),
        },
      },
    ]);
    render(<GenAiDetail trace={trace} spanIndex={indexOf(trace, 'second')} />);
    const turns = [...screen.getByTestId('genai-transcript').querySelectorAll<HTMLElement>('.genai-turn')];
    expect(turns.map((t) => [t.dataset.role, t.dataset.new])).toEqual([
      ['system', 'false'],
      ['user', 'false'],
      ['assistant', 'false'],
      ['tool', 'true'],
    ]);
    expect(screen.getByTestId('genai-new-turns').textContent).toContain('1 of 4 input turns are new');
    fireEvent.click(screen.getByTestId('genai-tool-span-link'));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'tool'));
    cleanup();
    // And back: the tool span names the model call whose answer asked for it.
    render(<GenAiDetail trace={trace} spanIndex={indexOf(trace, 'tool')} />);
    fireEvent.click(screen.getByTestId('genai-requested-by'));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'first'));
  });

  it('shows nothing for a span that is no GenAI step', () => {
    const trace = makeTrace([{ id: 'a', start: 0, dur: MS, attrs: { 'http.route': '/x' } }]);
    const { container } = render(<GenAiDetail trace={trace} spanIndex={0} />);
    expect(container.textContent).toBe('');
  });
});

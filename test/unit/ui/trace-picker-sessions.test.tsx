import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedFile, Trace } from '../../../src/model/trace.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { TracePicker } from '../../../src/ui/TracePicker.tsx';
import { type AttrInput, DEFAULT_EPOCH, makeTrace } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

/** Trace i: a root naming a session (in one of the ways producers do) and one chat call. */
function chatTrace(i: number, session: Record<string, AttrInput>, question: string, tokens: [number, number]): Trace {
  return makeTrace(
    [
      { id: 'root', start: 0, dur: 100 * MS, name: `turn ${i}`, attrs: session },
      {
        id: 'chat',
        parent: 'root',
        start: MS,
        dur: 90 * MS,
        attrs: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.usage.input_tokens': tokens[0],
          'gen_ai.usage.output_tokens': tokens[1],
          'gen_ai.input.messages': JSON.stringify([
            { role: 'system', content: 'Be helpful.' },
            { role: 'user', content: question },
          ]),
        },
      },
    ],
    { traceId: i.toString(16).padStart(32, '0'), epoch: { sec: DEFAULT_EPOCH.sec + i, nano: 0 } },
  );
}

afterEach(() => {
  act(() => useTraceStore.setState({ files: [], current: null }));
});

describe('TracePicker with AI traces', () => {
  it('groups traces by session id, conversation id or AI SDK session, with model, tokens and the first input', () => {
    const traces = [
      chatTrace(0, { 'session.id': 'alpha' }, 'First question?', [1200, 80]),
      chatTrace(1, { 'ai.telemetry.metadata.sessionId': 'beta' }, 'Other user', [10, 5]),
      chatTrace(2, { 'gen_ai.conversation.id': 'alpha' }, 'Follow-up question?', [2400, 120]),
      chatTrace(3, {}, 'No session here', [1, 1]),
    ];
    const file: LoadedFile = { fileName: 'chat.json', format: 'otlp', traces, warnings: [], notes: [] };
    act(() => useTraceStore.getState().finishLoad([file], []));
    render(<TracePicker />);
    const groups = [...screen.getByTestId('trace-picker').querySelectorAll('tbody')];
    expect(groups.map((g) => [g.dataset.sessionId, g.querySelector('th')!.textContent])).toEqual([
      ['alpha', 'Session alpha (2 traces)'],
      ['beta', 'Session beta (1 trace)'],
      [undefined, 'No session (1 trace)'],
    ]);
    const first = groups[0].querySelectorAll('tr[data-trace-id]');
    expect([...first].map((tr) => tr.querySelector('button')!.textContent)).toEqual(['turn 0', 'turn 2']);
    const cells = [...first[1].querySelectorAll('td')].map((td) => td.textContent);
    expect(cells.slice(7)).toEqual(['gpt-4o', '2.4k → 120', 'Follow-up question?']);
  });

  it('shows no session groups or AI columns for traces without them', () => {
    const plain = [0, 1].map((i) =>
      makeTrace([{ id: 'r', start: 0, dur: MS, name: `op ${i}` }], { traceId: `${i}`.padStart(32, '0') }),
    );
    const file: LoadedFile = { fileName: 'plain.json', format: 'otlp', traces: plain, warnings: [], notes: [] };
    act(() => useTraceStore.getState().finishLoad([file], []));
    render(<TracePicker />);
    const table = screen.getByTestId('trace-picker');
    expect(table.querySelector('.trace-picker__session')).toBeNull();
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Root',
      'Service',
      'Trace id',
      'Start',
      'Duration',
      'Spans',
      'Errors',
    ]);
  });
});

import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { traceCriticalPaths } from '../../../src/analysis/critical-path.ts';
import { provideTraceWords } from '../../../src/analysis/genai.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { GENAI_AT_OPEN_MAX_SPANS } from '../../../src/ui/analysis/GenAiUsage.tsx';
import { TimePanel } from '../../../src/ui/analysis/TimePanel.tsx';
import { indexOf, makeTrace, type SpanSpec } from '../../helpers/make-trace.ts';

const MS = 1_000_000;

// api-gateway 50 ms self → recommendation-model 200 ms → postgres 30 ms; the cache call runs in
// parallel with the model and is off the path.
const GATEWAY: SpanSpec[] = [
  { id: 'gw', start: 0, dur: 280 * MS, service: 'api-gateway', name: 'GET /home' },
  { id: 'cache', parent: 'gw', start: 25 * MS, dur: 10 * MS, service: 'redis', name: 'GET' },
  { id: 'rec', parent: 'gw', start: 20 * MS, dur: 200 * MS, service: 'recommendation-model', name: 'predict' },
  { id: 'db', parent: 'gw', start: 240 * MS, dur: 30 * MS, service: 'postgres', name: 'SELECT' },
];

function stepsOf(list: HTMLElement) {
  return within(list)
    .getAllByRole('listitem')
    .map((li) => ({ spanId: li.getAttribute('data-span-id'), selfNs: Number(li.getAttribute('data-self-ns')) }));
}

/** The panel starts folded to its bottleneck line; these tests read what is inside. */
function openPanel(): void {
  const toggle = screen.getByTestId('time-panel-toggle');
  if (toggle.getAttribute('aria-expanded') !== 'true') fireEvent.click(toggle);
}

beforeEach(() => {
  localStorage.clear();
  useTraceStore.setState({ selectedSpan: null });
});

describe('TimePanel', () => {
  it('lists the critical path in order with each step’s time on the path', () => {
    const trace = makeTrace(GATEWAY);
    render(<TimePanel trace={trace} />);
    openPanel();
    const expected = traceCriticalPaths(trace).main.entries.map((e) => ({
      spanId: trace.spans[e.spanIndex].spanId,
      selfNs: e.selfOnPathNs,
    }));
    expect(stepsOf(screen.getByTestId('critical-path'))).toEqual(expected);
    expect(expected.map((e) => e.spanId)).toEqual(['gw', 'rec', 'db']);
    const text = screen.getByTestId('critical-path').textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('api-gateway GET /home 50 ms self');
    expect(text).toContain('→ recommendation-model predict 200 ms');
    expect(text).toContain('→ postgres SELECT 30 ms');
  });

  it('sums the path up in one line of services, each selecting its main span', () => {
    const trace = makeTrace(GATEWAY);
    render(<TimePanel trace={trace} />);
    openPanel();
    const line = screen.getByTestId('critical-path-services');
    expect(line.textContent!.replace(/\s+/g, ' ')).toContain(
      'api-gateway 50 ms → recommendation-model 200 ms → postgres 30 ms',
    );
    fireEvent.click(within(line).getByRole('button', { name: 'recommendation-model' }));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'rec'));
  });

  it('leaves out the one-line summary when the path goes back and forth between services dozens of times', () => {
    const chain: SpanSpec[] = Array.from({ length: 40 }, (_, i) => ({
      id: `s${i}`,
      parent: i === 0 ? undefined : `s${i - 1}`,
      start: i * MS,
      dur: (100 - i * 2) * MS,
      service: i % 2 === 0 ? 'api' : 'db',
    }));
    render(<TimePanel trace={makeTrace(chain)} />);
    openPanel();
    expect(screen.queryByTestId('critical-path-services')).toBeNull();
    expect(screen.getByTestId('critical-path')).toBeTruthy();
  });

  it('names the bottleneck span, its service and its share of the path, and selects it', () => {
    const trace = makeTrace(GATEWAY);
    render(<TimePanel trace={trace} />);
    const neck = screen.getByTestId('bottleneck');
    expect(neck.getAttribute('data-span-id')).toBe('rec');
    expect(neck.textContent!.replace(/\s+/g, ' ')).toContain(
      'Bottleneck: predict in recommendation-model: 200 ms of 280 ms, 71% of the critical path',
    );
    // A path that spans the whole trace needs no coverage note.
    expect(screen.queryByTestId('path-coverage')).toBeNull();
    fireEvent.click(within(neck).getByRole('button', { name: 'predict' }));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'rec'));
  });

  it('names the span, not the service with the most path time, when the service is spread over many spans', () => {
    const trace = makeTrace([
      { id: 'orch', start: 0, dur: 200 * MS, service: 'rag-orchestrator', name: 'POST /answer' },
      { id: 'a', parent: 'orch', start: 10 * MS, dur: 30 * MS, service: 'rag-orchestrator', name: 'embed' },
      { id: 'b', parent: 'orch', start: 40 * MS, dur: 30 * MS, service: 'rag-orchestrator', name: 'retrieve' },
      { id: 'llm', parent: 'orch', start: 70 * MS, dur: 80 * MS, service: 'llm-gateway', name: 'llm-inference' },
      { id: 'c', parent: 'orch', start: 150 * MS, dur: 30 * MS, service: 'rag-orchestrator', name: 'rerank' },
    ]);
    render(<TimePanel trace={trace} />);
    const neck = screen.getByTestId('bottleneck');
    expect(neck.getAttribute('data-span-id')).toBe('llm');
    expect(neck.textContent!.replace(/\s+/g, ' ')).toContain('llm-inference in llm-gateway: 80 ms of 200 ms, 40%');
  });

  it('says how much of the trace the path covers when async work outlives the main root', () => {
    // The root returns after 2 ms; a consumer it triggered runs on for two minutes.
    const trace = makeTrace([
      { id: 'send', start: 0, dur: 2 * MS, service: 'datamgmt', name: 'publish', kind: 'producer' },
      {
        id: 'work',
        parent: 'send',
        start: MS,
        dur: 120_000 * MS,
        service: 'worker',
        name: 'process',
        kind: 'consumer',
      },
    ]);
    render(<TimePanel trace={trace} />);
    expect(screen.getByTestId('path-coverage').textContent!.replace(/\s+/g, ' ')).toContain(
      'the path covers 2 ms of this 2 min trace (<1%)',
    );
  });

  it('keeps the largest step of a long path in the short list, after the first', () => {
    // 20 steps of 1 ms, then one of 500 ms at the end: the short list must not stop before it.
    const chain: SpanSpec[] = Array.from({ length: 20 }, (_, i) => ({
      id: `s${i}`,
      parent: i === 0 ? undefined : `s${i - 1}`,
      start: i * MS,
      dur: (20 - i) * 2 * MS + (i === 0 ? 500 * MS : 0),
    }));
    chain.push({ id: 'big', parent: 's0', start: 40 * MS, dur: 500 * MS, service: 'model', name: 'generate' });
    const trace = makeTrace(chain);
    render(<TimePanel trace={trace} />);
    openPanel();
    const path = screen.getByTestId('critical-path');
    const ids = stepsOf(path).map((s) => s.spanId);
    expect(ids).toHaveLength(12);
    expect(ids[0]).toBe('s0');
    expect(ids).toContain('big');
    expect(path.querySelector('[data-span-id="big"]')!.className).toContain('cp-item--major');
    expect(path.textContent).toMatch(/… \d+ smaller/);
  });

  it('selects a span when its step or slowest-span entry is clicked', () => {
    const trace = makeTrace(GATEWAY);
    render(<TimePanel trace={trace} />);
    openPanel();
    const step = screen.getByTestId('critical-path').querySelector('[data-span-id="db"]')!;
    fireEvent.click(within(step as HTMLElement).getByRole('button'));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'db'));
    expect(
      within(step as HTMLElement)
        .getByRole('button')
        .getAttribute('aria-current'),
    ).toBe('true');
    const slow = screen.getByTestId('slowest-spans').querySelector('[data-span-id="cache"]')!;
    fireEvent.click(within(slow as HTMLElement).getByRole('button'));
    expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'cache'));
  });

  it('lists the slowest spans by self time, largest first', () => {
    render(<TimePanel trace={makeTrace(GATEWAY)} />);
    openPanel();
    expect(stepsOf(screen.getByTestId('slowest-spans'))).toEqual([
      { spanId: 'rec', selfNs: 200 * MS },
      { spanId: 'gw', selfNs: 50 * MS },
      { spanId: 'db', selfNs: 30 * MS },
      { spanId: 'cache', selfNs: 10 * MS },
    ]);
  });

  it('shows critical path time per service as bars', () => {
    render(<TimePanel trace={makeTrace(GATEWAY)} />);
    openPanel();
    const rows = within(screen.getByTestId('critical-by-service')).getAllByRole('listitem');
    expect(rows.map((r) => [r.getAttribute('data-service'), Number(r.getAttribute('data-ns'))])).toEqual([
      ['recommendation-model', 200 * MS],
      ['api-gateway', 50 * MS],
      ['postgres', 30 * MS],
    ]);
  });

  it('lists each orphan subtree’s path separately, never inside the main path', () => {
    const trace = makeTrace([
      ...GATEWAY,
      { id: 'orphan', parent: 'lost', start: 100 * MS, dur: 20 * MS, service: 'worker', name: 'job' },
      { id: 'orphan-child', parent: 'orphan', start: 105 * MS, dur: 5 * MS, service: 'worker', name: 'step' },
      { id: 'second-root', start: 150 * MS, dur: 1 * MS, service: 'cron', name: 'tick' },
    ]);
    render(<TimePanel trace={trace} />);
    openPanel();
    expect(stepsOf(screen.getByTestId('critical-path')).map((s) => s.spanId)).toEqual(['gw', 'rec', 'db']);
    const others = screen.getAllByTestId('critical-path-other');
    expect(others).toHaveLength(2);
    expect(stepsOf(others[0])).toEqual([
      { spanId: 'orphan', selfNs: 15 * MS },
      { spanId: 'orphan-child', selfNs: 5 * MS },
    ]);
    expect(others[0].closest('.tp-other')!.textContent).toContain('Separate subtree (parent span lost missing)');
    expect(stepsOf(others[1])).toEqual([{ spanId: 'second-root', selfNs: 1 * MS }]);
  });

  it('shows the first steps of a long path and all of them on request', () => {
    const chain: SpanSpec[] = Array.from({ length: 30 }, (_, i) => ({
      id: `s${i}`,
      parent: i === 0 ? undefined : `s${i - 1}`,
      start: i * MS,
      dur: (100 - i * 2) * MS,
      service: `svc-${i}`,
    }));
    render(<TimePanel trace={makeTrace(chain)} />);
    openPanel();
    const path = screen.getByTestId('critical-path');
    expect(stepsOf(path)).toHaveLength(12);
    expect(stepsOf(path)[0].spanId).toBe('s0');
    fireEvent.click(screen.getByRole('button', { name: 'Show all 30 steps' }));
    expect(stepsOf(path).map((s) => s.spanId)).toEqual(chain.map((c) => c.id));
  });

  it('collapses and remembers that it is collapsed', () => {
    const trace = makeTrace(GATEWAY);
    const { unmount } = render(<TimePanel trace={trace} />);
    const toggle = screen.getByTestId('time-panel-toggle');
    // Folded at first, so the trace is on the first screen.
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('critical-path')).toBeNull();
    fireEvent.click(toggle);
    expect(screen.getByTestId('critical-path')).toBeTruthy();
    // A reader who opened it finds it open next time.
    unmount();
    const second = render(<TimePanel trace={trace} />);
    expect(screen.getByTestId('time-panel-toggle').getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByTestId('time-panel-toggle'));
    expect(screen.queryByTestId('critical-path')).toBeNull();
    // The bottleneck stays visible as the one-line summary.
    expect(screen.getByTestId('bottleneck')).toBeTruthy();
    second.unmount();
    render(<TimePanel trace={trace} />);
    expect(screen.getByTestId('time-panel-toggle').getAttribute('aria-expanded')).toBe('false');
  });

  describe('model calls', () => {
    const chat = (tokensIn: number, tokensOut: number) => ({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'llama',
      'gen_ai.usage.input_tokens': tokensIn,
      'gen_ai.usage.output_tokens': tokensOut,
    });
    const PIPELINE: SpanSpec[] = [
      { id: 'api', start: 0, dur: 300 * MS, service: 'api', name: 'POST /answer' },
      {
        id: 'embed',
        parent: 'api',
        start: 0,
        dur: 20 * MS,
        service: 'rag',
        name: 'embeddings',
        attrs: { 'gen_ai.operation.name': 'embeddings', 'gen_ai.request.model': 'embed-small' },
      },
      {
        id: 'llm1',
        parent: 'api',
        start: 30 * MS,
        dur: 100 * MS,
        service: 'rag',
        name: 'chat llama',
        attrs: chat(1000, 50),
      },
      {
        id: 'llm2',
        parent: 'api',
        start: 140 * MS,
        dur: 150 * MS,
        service: 'rag',
        name: 'chat llama',
        attrs: chat(2000, 70),
      },
    ];

    it('sums up the model calls of an AI pipeline: per model, calls, time and tokens; a model selects its longest call', () => {
      const trace = makeTrace(PIPELINE);
      render(<TimePanel trace={trace} />);
      openPanel();
      const block = screen.getByTestId('genai-summary');
      expect(block.getAttribute('data-calls')).toBe('3');
      expect(block.textContent).toContain('3 model calls');
      const llama = block.querySelector<HTMLElement>('[data-model="llama"]')!;
      expect([
        llama.getAttribute('data-calls'),
        llama.getAttribute('data-input-tokens'),
        llama.getAttribute('data-output-tokens'),
      ]).toEqual(['2', '3000', '120']);
      expect(llama.textContent).toContain('2 calls · 250 ms · tokens 3,000 in / 120 out');
      expect(block.querySelector('[data-model="embed-small"]')!.textContent).toContain('no token counts');
      fireEvent.click(within(llama).getByRole('button', { name: 'llama' }));
      expect(useTraceStore.getState().selectedSpan).toBe(indexOf(trace, 'llm2'));
    });

    it('shows nothing for a trace without GenAI spans', () => {
      render(<TimePanel trace={makeTrace(GATEWAY)} />);
      expect(screen.queryByTestId('genai-summary')).toBeNull();
    });

    it('reads the spans of a very large trace only when asked', () => {
      const specs: SpanSpec[] = [...PIPELINE];
      for (let i = 0; i < GENAI_AT_OPEN_MAX_SPANS; i++)
        specs.push({ id: `leaf${i}`, parent: 'api', start: 0, dur: MS, service: 'rag', name: 'step' });
      const trace = makeTrace(specs);
      render(<TimePanel trace={trace} />);
      openPanel();
      const block = screen.getByTestId('genai-summary');
      expect(block.getAttribute('data-calls')).toBeNull();
      fireEvent.click(within(block).getByRole('button', { name: /Sum up model calls/ }));
      expect(screen.getByTestId('genai-summary').getAttribute('data-calls')).toBe('3');

      const plain = makeTrace(specs.filter((s) => s.attrs === undefined));
      provideTraceWords(plain, ['POST /answer', 'step', 'api', 'rag']);
      render(<TimePanel trace={plain} />);
      expect(screen.getAllByTestId('genai-summary')).toHaveLength(1);
    });
  });
});

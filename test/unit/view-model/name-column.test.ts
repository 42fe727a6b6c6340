import { describe, expect, it } from 'vitest';
import { fittingNameWidth, showsService } from '../../../src/view-model/name-column.ts';
import { indexOf, makeTrace } from '../../helpers/make-trace.ts';

const trace = makeTrace([
  { id: 'root', start: 0, dur: 100, service: 'rag-orchestrator', name: 'POST /answer' },
  { id: 'embed', parent: 'root', start: 1, dur: 10, service: 'rag-orchestrator', name: 'embed_query' },
  { id: 'llm', parent: 'root', start: 20, dur: 70, service: 'llm-gateway', name: 'llm-inference' },
  { id: 'call', parent: 'llm', start: 21, dur: 60, service: 'llm-gateway', name: 'chat gpt-4o' },
]);

describe('name column', () => {
  it('names the service on roots and where it changes, not where it repeats', () => {
    expect(showsService(trace, indexOf(trace, 'root'))).toBe(true);
    expect(showsService(trace, indexOf(trace, 'embed'))).toBe(false);
    expect(showsService(trace, indexOf(trace, 'llm'))).toBe(true);
    expect(showsService(trace, indexOf(trace, 'call'))).toBe(false);
  });

  it('is as wide as its longest row needs, within the bounds given', () => {
    const fitted = fittingNameWidth(trace, 12, 40, 100, 2000);
    const longer = makeTrace([
      { id: 'root', start: 0, dur: 100, service: 'rag-orchestrator', name: 'POST /answer' },
      { id: 'x', parent: 'root', start: 1, dur: 10, service: 'rag-orchestrator', name: 'x'.repeat(80) },
    ]);
    expect(fittingNameWidth(longer, 12, 40, 100, 2000)).toBeGreaterThan(fitted);
    expect(fittingNameWidth(longer, 12, 40, 100, 400)).toBe(400);
    expect(fittingNameWidth(makeTrace([{ id: 'a', start: 0, dur: 1, name: 'a' }]), 12, 40, 260, 560)).toBe(260);
  });
});

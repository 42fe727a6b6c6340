// Download and Copy link write the trace as OTLP JSON. A trace that cannot be written
// (attributes nested deeper than JSON.stringify goes) must say so rather than do nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { AttributeValue, LoadedFile, Trace } from '../../../src/model/trace.ts';
import { shareLink } from '../../../src/address/share-link.ts';
import { localSource } from '../../../src/loading/trace-source.ts';
import { useTraceStore } from '../../../src/state/trace-store.ts';
import { downloadTrace } from '../../../src/loading/download-trace.ts';
import { useSourceStore } from '../../../src/loading/source-store.ts';
import { makeTrace } from '../../helpers/make-trace.ts';

afterEach(() => useSourceStore.setState({ notices: [] }));

function unwritableTrace(): Trace {
  let deep: AttributeValue = { type: 'string', value: 'bottom' };
  for (let i = 0; i < 100_000; i++) deep = { type: 'array', value: [deep] };
  const base = makeTrace([{ id: 'a', start: 0, dur: 1 }]);
  return { ...base, spans: [{ ...base.spans[0], attributes: [{ key: 'deep', value: deep }] }] };
}

describe('writing a trace that cannot be written as JSON', () => {
  it('Download says why', () => {
    const trace = unwritableTrace();
    expect(() => downloadTrace(trace)).not.toThrow();
    const notices = useSourceStore.getState().notices.map((n) => n.text);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Download failed: the trace could not be written as JSON/);
  });

  it('Copy link says why', async () => {
    const trace = unwritableTrace();
    const file: LoadedFile = { fileName: 'deep.json', format: 'otlp', traces: [trace], warnings: [], notes: [] };
    useTraceStore.getState().finishLoad([file], []);
    useSourceStore.getState().shown(localSource(), [file]);
    const result = await shareLink();
    expect(result).toMatchObject({ ok: false, tooLarge: false });
    if (!result.ok) expect(result.message).toMatch(/^This trace could not be written into a link/);
  });
});

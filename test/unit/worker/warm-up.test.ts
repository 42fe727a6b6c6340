import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../../src/worker/read-file.ts';
import { WarmUp } from '../../../src/worker/warm-up.ts';
import { warmUpFiles } from '../../../src/worker/warm-up-traces.ts';

describe('warm-up traces', () => {
  // A made-up file the readers refuse or read with warnings would warm other code than real files take.
  it.each(warmUpFiles(400).map((f) => [f.fileName, f] as const))('%s reads as one clean trace', async (_, file) => {
    const outcome = await readTraceFile(file.fileName, file.bytes.slice());
    if (!outcome.ok) throw new Error(outcome.error.message);
    const [trace, ...others] = outcome.file.traces;
    expect(others).toHaveLength(0);
    expect(trace.spans).toHaveLength(400);
    expect(trace.warnings).toEqual([]);
    expect(trace.services.length).toBeGreaterThan(1);
    expect(trace.tree.roots).toHaveLength(1);
    expect(trace.errorCount).toBeGreaterThan(0);
    expect(trace.spans.some((s) => s.events.length > 0)).toBe(true);
  });

  it('stops between steps once a real file has come', async () => {
    let steps = 0;
    const warmUp = new WarmUp(async () => {
      steps++;
      if (steps === 2) warmUp.stop();
    });
    await warmUp.run();
    expect(steps).toBe(2);
  });
});

// Epoch nanoseconds written as bare JSON numbers keep every digit, whole-file and in the
// reader of files too large for one string.
import { describe, expect, it } from 'vitest';
import { quoteBareNanos } from '../../../src/formats/bare-nanos.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import { readTraceFile } from '../../../src/worker/read-file.ts';

const TRACE = '5b8efff798038103d269b633813fc60c';

/** Two spans as a browser SDK writes them: times as bare numbers, which JSON.parse would round. */
const BARE_TEXT = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"web"}}]},
"scopeSpans":[{"spans":[
{"traceId":"${TRACE}","spanId":"eee19b7ec3c1b174","name":"page load","startTimeUnixNano": 1736935200008000000,"endTimeUnixNano":1736935200022900000,
 "events":[{"timeUnixNano":1736935200008000001,"name":"first byte"}]},
{"traceId":"${TRACE}","spanId":"eee19b7ec3c1b173","parentSpanId":"eee19b7ec3c1b174","name":"fetch","start_time_unix_nano" : 1736935200018000000 ,"end_time_unix_nano":1736935200018000999}
]}]}]}`;

describe('bare-number nanoseconds', () => {
  it('are read to the nanosecond: a 14,900,000 ns span, a child at +10 ms, an event at +1 ns', () => {
    const outcome = loadTraceText('browser.json', BARE_TEXT);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const [trace] = outcome.file.traces;
    expect(trace.startEpochNs).toBe('1736935200008000000');
    const [root, child] = trace.spans;
    expect(root.durationNs).toBe(14_900_000);
    expect(root.events[0].timeNs).toBe(1);
    expect(child.startNs).toBe(10_000_000);
    expect(child.durationNs).toBe(999);
    expect(trace.warnings).toEqual([]);
  });

  it('are read to the nanosecond by the reader of files too large for one string', async () => {
    const bytes = new TextEncoder().encode(BARE_TEXT);
    const outcome = await readTraceFile('browser.json', bytes, () => {}, 200);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const [root, child] = outcome.file.traces[0].spans;
    expect(root.durationNs).toBe(14_900_000);
    expect(child.startNs).toBe(10_000_000);
  });

  it('are quoted only under time keys, never inside strings, and leave other numbers alone', () => {
    const text =
      '{"startTimeUnixNano":1736935200008000000,"note":"startTimeUnixNano\\": 1736935200008000000",' +
      '"intValue":1736935200008000000,"timeUnixNano":1.5e18,"endTimeUnixNano":"1736935200008000001"}';
    expect(quoteBareNanos(text)).toBe(
      '{"startTimeUnixNano":"1736935200008000000","note":"startTimeUnixNano\\": 1736935200008000000",' +
        '"intValue":1736935200008000000,"timeUnixNano":1.5e18,"endTimeUnixNano":"1736935200008000001"}',
    );
    const strings = '{"startTimeUnixNano":"1736935200008000000"}';
    expect(quoteBareNanos(strings)).toBe(strings);
  });

  it('still say where a syntax error is in the file as written', () => {
    const outcome = loadTraceText('bad.json', '{"startTimeUnixNano": 1736935200008000000, oops}');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/line 1, column 44/);
  });
});

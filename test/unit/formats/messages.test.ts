// What a bad file is told: the words must describe the input as written.
import { describe, expect, it } from 'vitest';
import { loadTraceText } from '../../../src/formats/load.ts';

describe('messages about bad input', () => {
  it.each([
    [
      'Zipkin',
      '[{"traceId":"a03ee8fff1dcd9b9","id":"0000000000000001","name":"op","timestamp":1e400,"duration":10,"localEndpoint":{"serviceName":"s"}}]',
    ],
    [
      'OTLP',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0123456789abcdef0123456789abcdef","spanId":"0123456789abcdef","name":"x","startTimeUnixNano":1e400,"endTimeUnixNano":"2"}]}]}]}',
    ],
    [
      'Jaeger',
      '{"data":[{"traceID":"abc","spans":[{"traceID":"abc","spanID":"1","operationName":"x","startTime":1e400,"duration":1,"processID":"p1"}],"processes":{"p1":{"serviceName":"s"}}}]}',
    ],
  ])('%s: names a time of 1e400 as a number too large, not "null"', (_format, text) => {
    const outcome = loadTraceText('times.json', text);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const messages = outcome.file.traces.flatMap((t) => t.warnings.map((w) => w.message));
    const aboutTime = messages.filter((m) => /^(timestamp|startTime)/.test(m));
    expect(aboutTime).toHaveLength(1);
    expect(aboutTime[0]).not.toMatch(/\bnull\b/);
    expect(aboutTime[0]).toContain('a number too large for a double');
  });

  it('calls an array of arrays an array of array values, not object values', () => {
    const outcome = loadTraceText('nested.json', '[[1],[2],[3]]');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.message).not.toContain('object values');
    }
  });
});

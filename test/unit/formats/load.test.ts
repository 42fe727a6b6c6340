import { describe, expect, it } from 'vitest';
import { loadTraceText } from '../../../src/formats/load.ts';

const otlpLine = (traceId: string, spanId: string) =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId,
                name: 'op',
                kind: 2,
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000000001000',
              },
            ],
          },
        ],
      },
    ],
  });

function errorOf(name: string, text: string): string {
  const outcome = loadTraceText(name, text);
  if (outcome.ok) throw new Error('expected an error');
  return outcome.error.message;
}

describe('loadTraceText: bad input', () => {
  it('names an empty file', () => {
    expect(errorOf('empty.json', '  \n')).toBe('empty.json: the file is empty');
  });

  it('gives the position of a JSON syntax error', () => {
    expect(errorOf('bad.json', '{"data": [\n  {"traceID": "a",}\n]}')).toMatch(
      /^bad\.json: not valid JSON at line 2, column 19/,
    );
  });

  it('says a truncated file ends too early', () => {
    expect(errorOf('cut.json', '{"data": [{"traceID": "a", "spans": [')).toMatch(/end of the file/);
  });

  it('lists the formats tried for valid JSON of no known shape', () => {
    const message = errorOf('other.json', '{"hello": "world"}');
    expect(message).toMatch(/Not a known trace format/);
    expect(message).toMatch(/keys hello/);
    for (const format of ['OTLP', 'Jaeger', 'Zipkin v1', 'Zipkin v2']) expect(message).toContain(format);
  });

  it('recognizes binary content', () => {
    expect(errorOf('image.png', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000')).toMatch(/binary file/);
  });

  it('says when a file holds no spans', () => {
    expect(errorOf('none.json', '{"resourceSpans": []}')).toMatch(/no spans/);
  });
});

describe('loadTraceText: JSON Lines', () => {
  it('merges lines of one trace and skips a broken line with a warning', () => {
    const text = [
      otlpLine('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331'),
      '{"resourceSpans": [',
      otlpLine('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203332'),
    ].join('\n');
    const outcome = loadTraceText('spans.jsonl', text);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.file.format).toBe('otlp-jsonl');
    expect(outcome.file.traces).toHaveLength(1);
    expect(outcome.file.traces[0].spans).toHaveLength(2);
    expect(outcome.file.warnings.some((w) => w.message.includes('Line 2'))).toBe(true);
  });

  it('splits spans of several traces by trace id, ordered by start', () => {
    const text = [otlpLine('1'.repeat(32), 'b7ad6b7169203331'), otlpLine('2'.repeat(32), 'b7ad6b7169203332')].join(
      '\n',
    );
    const outcome = loadTraceText('two.jsonl', text);
    expect(outcome.ok && outcome.file.traces.map((t) => t.traceId)).toEqual(['1'.repeat(32), '2'.repeat(32)]);
  });
});

// @vitest-environment node
// Files too long for one string are parsed from bytes in pieces. A tiny piece limit makes
// small inputs take that path, so it can be checked against JSON.parse and loadTraceText.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateTraceText, type BenchFormat } from '../../../bench/generate.ts';
import { LargeJsonError } from '../../../src/formats/json-stream.ts';
import { parseLargeJson } from '../../../src/formats/large-json.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import { readTraceFile } from '../../../src/worker/read-file.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

function parseDoc(text: string, limit: number): unknown {
  const parsed = parseLargeJson(utf8(text), limit);
  if (parsed.kind !== 'document') throw new Error(`expected a document, got ${parsed.kind}`);
  return parsed.doc;
}

/**
 * Bytes of the longest string, number or literal in `text`: a smaller piece limit would make
 * that scalar "too large", so the smallest useful limit splits every container but no scalar.
 */
function longestScalar(text: string): number {
  let longest = 1;
  for (const m of text.matchAll(/"(?:[^"\\]|\\.)*"|[-\w.+]+/g)) longest = Math.max(longest, utf8(m[0]).length);
  return longest;
}

function errorOf(text: string, limit: number): LargeJsonError {
  try {
    parseLargeJson(utf8(text), limit);
  } catch (e) {
    if (e instanceof LargeJsonError) return e;
    throw e;
  }
  throw new Error('expected a LargeJsonError');
}

describe('parseLargeJson: the same value as JSON.parse', () => {
  const cases: Record<string, string> = {
    'a top-level array': '[1, "two", {"three": 3}, [4, [5]], null, true, false, -6.5e3]',
    'an object with big arrays':
      '{"resourceSpans": [{"a": 1}, {"b": [2, 3]}], "note": "x", "batches": [], "data": [{}, {"c": {}}]}',
    'strings holding brackets, quotes and escapes':
      '{"s": ["]}[{", "\\"]\\"", "\\\\", "a\\\\\\"}", "\\u005d\\u007b", "{\\"k\\": [1]}"], "}": "{"}',
    'multi-byte text and surrogate pairs':
      '{"名前": ["héllo wörld", "日本語のテキスト", "emoji 😀🎉", "\\ud83d\\ude00"], "é": {"ü": "ß"}}',
    'pretty-printed text with CRLF': '{\r\n  "data" : [\r\n    { "a" : [ 1 , 2 ] } ,\r\n    "x"\r\n  ]\r\n}\r\n',
    'empty containers': '{"a": [], "b": {}, "c": [[], {}], "d": ""}',
    'duplicate keys (the last wins)': '{"a": 1, "a": [2, 3]}',
    'numbers at the end of containers': '{"a": [1,2,3],"b":-0.5,"c":1e10}',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`reads ${name} at every piece limit`, () => {
      const least = longestScalar(text);
      for (let limit = least; limit <= text.length + 1; limit++)
        expect(parseDoc(text, limit)).toEqual(JSON.parse(text));
    });
  }

  it('keeps "__proto__" an ordinary key, as JSON.parse does', () => {
    const doc = parseDoc('{"__proto__": {"polluted": true}, "x": 1}', 4);
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.keys(doc as object)).toEqual(['__proto__', 'x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('skips a byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('[1, 2]')]);
    expect(parseLargeJson(bytes, 1)).toEqual({ kind: 'document', doc: [1, 2] });
  });

  it('handles nesting far deeper than a call stack would allow', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}"deep"${']'.repeat(depth)}`;
    let value = parseDoc(text, 6);
    for (let i = 0; i < depth; i++) {
      expect(Array.isArray(value)).toBe(true);
      value = (value as unknown[])[0];
    }
    expect(value).toBe('deep');
  });

  it('agrees with JSON.parse on arbitrary JSON', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.integer({ min: 0, max: 64 }),
        fc.constantFrom(undefined, 2),
        (value, extra, indent) => {
          const text = JSON.stringify(value, null, indent);
          const container = `{"v": ${text}, "list": [${text}, ${text}]}`;
          expect(parseDoc(container, longestScalar(container) + extra)).toEqual(JSON.parse(container));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseLargeJson: errors say where', () => {
  it('gives the byte offset, line and element of a syntax error inside an element', () => {
    const text = '{"resourceSpans": [\n{"a": 1},\n{"a": tru}\n]}';
    const error = errorOf(text, 4);
    expect(error.offset).toBe(text.indexOf('tru'));
    expect(error.path).toBe('$.resourceSpans[1].a');
    expect(error.message).toBe(
      `not valid JSON at line 3, byte offset ${text.indexOf('tru')} (in $.resourceSpans[1].a): expected a value but found 't'`,
    );
  });

  it('counts bytes, not characters, before an error after multi-byte text', () => {
    const text = '[{"name": "日本語"}, {"name": "x",}]';
    const error = errorOf(text, 12);
    expect(error.offset).toBe(utf8(text.slice(0, text.indexOf(',}') + 1)).length);
    expect(error.path).toBe('$[1]');
  });

  it('reports an error found while parsing a whole element', () => {
    const text = '[{"a": 1}, {"a": [1 2]}]';
    const error = errorOf(text, 16);
    expect(error.offset).toBe(text.indexOf('2]'));
    expect(error.message).toMatch(/in \$\[1\]\): expected ',' or '\]' but found '2'/);
  });

  it('names the element of an error among small elements parsed together', () => {
    const elements = Array.from({ length: 12 }, (_, i) => (i === 7 ? '{"a": [7,]}' : `{"a": [${i}]}`));
    const text = `{"spans": [${elements.join(', ')}]}`;
    const error = errorOf(text, 40);
    expect(error.path).toBe('$.spans[7]');
    expect(error.offset).toBe(text.indexOf(',]') + 1);
  });

  it('finds a missing comma between top-level elements', () => {
    const text = '[{"a": 1} {"a": 2}]';
    expect(errorOf(text, 4).message).toBe(
      `not valid JSON at line 1, byte offset 10 (in $): expected ',' or ']' but found '{'`,
    );
  });

  it('says where a truncated file leaves an array open, and which one', () => {
    const text = '{"data": [{"a": 1}, {"a": [2, 3';
    expect(errorOf(text, 4).message).toBe(
      'not valid JSON at line 1, byte offset 31 (in $.data[1].a): the file ends inside the array opened at byte offset 26',
    );
  });

  it('says a string is never closed', () => {
    expect(errorOf('["abc", "de', 5).message).toBe(
      'not valid JSON at line 1, byte offset 8 (in $): this string is never closed',
    );
  });

  it('rejects content after the document on the same line', () => {
    expect(errorOf('{"a": [1]} {"b": 2}', 3).message).toMatch(
      /byte offset 11 \(in \$\): expected the end of the document/,
    );
  });

  it('says when one value is too large to hold as a string even alone', () => {
    const text = `{"data": [{"name": "${'x'.repeat(3000)}"}]}`;
    const error = errorOf(text, 1024);
    expect(error.path).toBe('$.data[0].name');
    expect(error.message).toBe(
      `the value at $.data[0].name (byte offset 19) cannot be read: it is 3 KiB of text, more than a browser can hold as one string (1 KiB); split the file into smaller files`,
    );
  });
});

describe('parseLargeJson: JSON Lines', () => {
  it('parses each line, and skips a broken one saying where', () => {
    const text = '{"a": [1, 2]}\n\n{"b": "x\\ny"}\r\n{"c": [1,, 2]}\n[3]\n';
    const parsed = parseLargeJson(utf8(text), 6);
    expect(parsed).toEqual({
      kind: 'lines',
      lines: [
        { line: 1, doc: { a: [1, 2] } },
        { line: 3, doc: { b: 'x\ny' } },
        { line: 5, doc: [3] },
      ],
      skipped: [{ line: 4, problem: "column 10: expected a value but found ','" }],
    });
  });

  it('reads lines with the same parse whether or not they fit in one piece', () => {
    const text = ['{"x": {"y": [1, 2, 3]}}', '{"s": "]}\\"{"}', '{"t": ["日本"]}'].join('\n');
    const small = parseLargeJson(utf8(text), 9);
    const whole = parseLargeJson(utf8(text), 1000);
    expect(small).toEqual(whole);
    expect(small.kind === 'lines' && small.lines.map((l) => l.doc)).toEqual(text.split('\n').map((l) => JSON.parse(l)));
  });
});

async function readSmall(name: string, text: string, limit: number) {
  return readTraceFile(name, utf8(text), () => {}, limit);
}

describe('readTraceFile: the large-file path gives the same model as the text path', () => {
  const formats: BenchFormat[] = ['otlp', 'jaeger', 'zipkin-v2'];
  for (const format of formats) {
    it(`reads a generated ${format} trace identically`, async () => {
      const text = generateTraceText(format, 400, 7);
      const viaText = loadTraceText('t.json', text);
      const viaPieces = await readSmall('t.json', text, 2048);
      expect(viaText.ok).toBe(true);
      expect(viaPieces).toEqual(viaText);
    });
  }

  it('reads gzip whose content is over the limit', async () => {
    const text = generateTraceText('otlp', 200, 3);
    const outcome = await readTraceFile('t.json.gz', gzipSync(utf8(text)), () => {}, 1024);
    expect(outcome).toEqual(loadTraceText('t.json.gz', text));
  });

  it('reads OTLP JSON Lines identically, including the warning for a broken line', async () => {
    const line = (spanId: string) =>
      JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '0af7651916cd43dd8448eb211c80319c',
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
    const text = [line('b7ad6b7169203331'), '{"resourceSpans": [', line('b7ad6b7169203332')].join('\n');
    const viaText = loadTraceText('spans.jsonl', text);
    const viaPieces = await readSmall('spans.jsonl', text, 64);
    if (!viaPieces.ok || !viaText.ok) throw new Error('expected both to load');
    expect(viaPieces.file.format).toBe('otlp-jsonl');
    expect(viaPieces.file.traces).toEqual(viaText.file.traces);
    expect(viaPieces.file.warnings.map((w) => w.path)).toEqual(viaText.file.warnings.map((w) => w.path));
    expect(viaPieces.file.warnings.some((w) => /^Line 2 is not valid JSON/.test(w.message))).toBe(true);
  });

  it('names the file and the place of a syntax error', async () => {
    const text = generateTraceText('otlp', 50, 3);
    const at = text.indexOf('"spanId"', text.length / 2);
    const broken = `${text.slice(0, at)}"spanId" "x",${text.slice(at)}`;
    const outcome = await readSmall('broken.json', broken, 512);
    if (outcome.ok) throw new Error('expected an error');
    expect(outcome.error.message).toMatch(
      new RegExp(`^broken\\.json: not valid JSON at line 1, byte offset ${at + 9} \\(in \\$\\.resourceSpans\\[\\d+\\]`),
    );
  });

  it('still says what is not a trace', async () => {
    const outcome = await readSmall('other.json', '{"hello": ["world", "again"]}', 8);
    if (outcome.ok) throw new Error('expected an error');
    expect(outcome.error.message).toMatch(
      /^other\.json: Not a known trace format\. The top level is an object with keys hello/,
    );
  });
});

// @vitest-environment node
// The streaming reader gets a file's bytes in pieces cut anywhere: inside strings, escapes,
// multi-byte characters, numbers, between a key and its colon. Whatever the cuts, it must give
// what the whole bytes give (and JSON.parse gives): the same value, or the same error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateTraceText, type BenchFormat } from '../../../bench/generate.ts';
import { quoteBareNanos } from '../../../src/formats/bare-nanos.ts';
import { JsonStream, LargeJsonError, type LargeJson } from '../../../src/formats/json-stream.ts';
import { parseLargeJson } from '../../../src/formats/large-json.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

type Result = { readonly parsed: LargeJson } | { readonly error: { message: string; offset: number; path: string } };

function resultOf(read: () => LargeJson): Result {
  try {
    return { parsed: read() };
  } catch (e) {
    if (!(e instanceof LargeJsonError)) throw e;
    return { error: { message: e.message, offset: e.offset, path: e.path } };
  }
}

/** The bytes fed in pieces cut at `cuts` (offsets, in any order, repeats allowed). */
function streamed(bytes: Uint8Array, cuts: readonly number[], maxPieceBytes: number, quoteNanos = false): Result {
  return resultOf(() => {
    const stream = new JsonStream({ maxPieceBytes, quoteNanos });
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      stream.feed(bytes.subarray(from, cut));
      from = cut;
    }
    stream.feed(bytes.subarray(from));
    return stream.end();
  });
}

function whole(bytes: Uint8Array, maxPieceBytes: number, quoteNanos = false): Result {
  return resultOf(() => parseLargeJson(bytes, maxPieceBytes, quoteNanos));
}

/** Bytes of the longest string, number or literal: the smallest limit that splits every container. */
function longestScalar(text: string): number {
  let longest = 1;
  for (const m of text.matchAll(/"(?:[^"\\]|\\.)*"|[-\w.+]+/g)) longest = Math.max(longest, utf8(m[0]).length);
  return longest;
}

/** Limits that split every container, some of them, and none. */
function limitsFor(text: string): number[] {
  const least = longestScalar(text);
  return [least, Math.max(least, Math.floor(utf8(text).length / 3)), 2 ** 20];
}

function expectSameAtEveryCut(text: string, expected: Result, quoteNanos = false): void {
  const bytes = utf8(text);
  for (const limit of limitsFor(text)) {
    expect(whole(bytes, limit, quoteNanos)).toEqual(expected);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const result = streamed(bytes, [cut], limit, quoteNanos);
      if (JSON.stringify(result) !== JSON.stringify(expected))
        expect({ cut, limit, result }).toEqual({ cut, limit, result: expected });
    }
  }
}

const documents: Record<string, string> = {
  'escapes in strings and keys':
    '{"s": ["a\\"b", "\\\\", "\\/", "\\uD83D\\uDE00", "x\\u00e9y", "]}[{\\""], "k\\"ey": {"\\\\": 1}}',
  'multi-byte UTF-8': '{"é": "漢字", "e": ["😀", "é漢😀", {"😀": "é"}], "ü": ["ß", "日本語のテキスト"]}',
  'nested and deep': '[[[[{"a": [[[1]], {"b": {"c": [[], {}]}}]}]]], {"d": [[[[[[["deep"]]]]]]]}]',
  'numbers at piece ends': '[1,22,333,4444,-5.5e+10,0.25,1E3,true,false,null,{"n":-0},[7]]',
  'pretty-printed with CRLF': '{\r\n  "data" : [\r\n    { "a" : [ 1 , 2 ] } ,\r\n    "x"\r\n  ]\r\n}\r\n',
  'a long string': `{"attr": [{"key": "log", "value": "${'é漢😀 '.repeat(40)}"}], "n": 1}`,
  'duplicate and odd keys': '{"a": 1, "__proto__": {"p": 1}, "a": [2, 3], "1": "one", "": []}',
  'Jaeger shape':
    '{"data": [{"traceID": "t1", "spans": [{"spanID": "s1", "operationName": "GET /é", "tags": [{"key": "k", "type": "string", "value": "v\\n"}], "processID": "p1"}, {"spanID": "s2", "references": [{"refType": "CHILD_OF", "spanID": "s1"}], "startTime": 1700000000000000, "duration": 12, "processID": "p1"}], "processes": {"p1": {"serviceName": "svc"}}}]}',
  'OTLP shape':
    '{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "漢"}}]}, "scopeSpans": [{"spans": [{"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "name": "op", "startTimeUnixNano": "1700000000000000000", "endTimeUnixNano": "1700000000000001000"}]}]}]}',
  'Zipkin shape':
    '[{"traceId": "a", "id": "1", "name": "get", "timestamp": 1700000000000000, "duration": 5, "localEndpoint": {"serviceName": "s"}, "tags": {"http.path": "/é"}}, {"traceId": "a", "id": "2", "parentId": "1", "annotations": [{"timestamp": 1, "value": "cs"}]}]',
};

describe('JsonStream: the same value whatever the cuts', () => {
  for (const [name, text] of Object.entries(documents)) {
    it(`reads ${name} cut at every byte, as JSON.parse does`, () => {
      expectSameAtEveryCut(text, { parsed: { kind: 'document', doc: JSON.parse(text) } });
    });
  }

  it('keeps bare-number nanoseconds exact when asked, cut anywhere', () => {
    const text =
      '{"resourceSpans": [{"scopeSpans": [{"spans": [{"spanId": "a", "startTimeUnixNano": 1736935200008000001, "endTimeUnixNano" : 1736935200008000999}]}]}]}';
    expectSameAtEveryCut(text, { parsed: { kind: 'document', doc: JSON.parse(quoteBareNanos(text)) } }, true);
  });

  it('skips a byte order mark cut anywhere', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('[1, "é"]')]);
    for (let cut = 0; cut <= bytes.length; cut++)
      expect(streamed(bytes, [cut], 4)).toEqual({ parsed: { kind: 'document', doc: [1, 'é'] } });
  });

  it('reads JSON Lines cut at every byte, skipping the broken line the same way', () => {
    const text = '{"a": [1, 2]}\n\n{"b": "x\\ny", "é": "漢"}\r\n{"c": [1,, 2]}\n[3]\n{"open": [\n"😀"\n';
    const expected = whole(utf8(text), 1000);
    expect(expected).toEqual({
      parsed: {
        kind: 'lines',
        lines: [
          { line: 1, doc: { a: [1, 2] } },
          { line: 3, doc: { b: 'x\ny', é: '漢' } },
          { line: 5, doc: [3] },
          { line: 7, doc: '😀' },
        ],
        skipped: [
          { line: 4, problem: "column 10: expected a value but found ','" },
          { line: 6, problem: 'column 11: the file ends inside the array opened at byte offset 9' },
        ],
      },
    });
    // The problem of a broken line depends on the limit (whether it was split); lines do not.
    for (const limit of limitsFor(text)) {
      const reference = whole(utf8(text), limit);
      for (let cut = 0; cut <= utf8(text).length; cut++) expect(streamed(utf8(text), [cut], limit)).toEqual(reference);
    }
  });

  it('agrees with JSON.parse on arbitrary JSON cut at arbitrary points', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.nat({ max: 64 }),
        fc.constantFrom(undefined, 2),
        (value, cuts, extra, indent) => {
          const text = JSON.stringify(value, null, indent);
          const container = `{"v": ${text}, "list": [${text}, ${text}]}`;
          const bytes = utf8(container);
          const at = cuts.map((c) => c % (bytes.length + 1));
          expect(streamed(bytes, at, longestScalar(container) + extra)).toEqual({
            parsed: { kind: 'document', doc: JSON.parse(container) },
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  const formats: BenchFormat[] = ['jaeger', 'otlp', 'zipkin-v2'];
  for (const format of formats) {
    it(`reads a generated ${format} file cut at many points as the whole bytes`, () => {
      const text = generateTraceText(format, 120, 5);
      const bytes = utf8(text);
      const expected = { parsed: { kind: 'document', doc: JSON.parse(text) } };
      fc.assert(
        fc.property(
          fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }),
          fc.constantFrom(256, 4096, 2 ** 20),
          (cuts, limit) => {
            expect(streamed(bytes, cuts, limit)).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});

describe('JsonStream: the same error whatever the cuts', () => {
  const broken: Record<string, string> = {
    'a truncated file': '{"data": [{"a": 1}, {"a": [2, 3',
    'a file truncated inside a key': '{"data": [{"a": 1}], "ke',
    'a file truncated inside a string': '{"data": [{"a": "é漢',
    'a bad token': '{"resourceSpans": [\n{"a": 1},\n{"a": tru}\n]}',
    'an unclosed string': '["abc", "de',
    'a missing comma': '[{"a": 1} {"a": 2}]',
    'a missing colon': '{"a" 1, "b": [1, 2, 3, 4, 5, 6]}',
    'a trailing comma after multi-byte text': '[{"name": "日本語"}, {"name": "x",}]',
    'content after the document': '{"a": [1]} {"b": 2}',
    'an empty file': '  \n ',
    'a bad escape': '{"a": ["x\\qy", "z"]}',
  };
  for (const [name, text] of Object.entries(broken)) {
    it(`says the same about ${name} at every cut`, () => {
      const bytes = utf8(text);
      for (const limit of limitsFor(text)) {
        const expected = whole(bytes, limit);
        expect(expected).toHaveProperty('error');
        for (let cut = 0; cut <= bytes.length; cut++) expect(streamed(bytes, [cut], limit)).toEqual(expected);
      }
    });
  }

  it('says which value is too large to read, cut anywhere, without holding it', () => {
    const text = `{"data": [{"name": "${'x'.repeat(3000)}"}]}`;
    const bytes = utf8(text);
    const expected = whole(bytes, 1024);
    expect(expected).toEqual({
      error: {
        message:
          'the value at $.data[0].name (byte offset 19) cannot be read: it is 3 KiB of text, more than a browser can hold as one string (1 KiB); split the file into smaller files',
        offset: 19,
        path: '$.data[0].name',
      },
    });
    for (let cut = 0; cut <= bytes.length; cut += 7)
      expect(streamed(bytes, [cut, cut + 500, cut + 1200], 1024)).toEqual(expected);
  });
});

describe('JsonStream: holds a window, not the file', () => {
  it('holds at most about two runs of bytes between pieces of a long array', () => {
    const spans = Array.from(
      { length: 4000 },
      (_, i) => `{"spanID": "${i}", "name": "op é ${i}", "tags": [{"k": ${i}}]}`,
    );
    const text = `{"data": [{"spans": [${spans.join(', ')}], "processes": {"p": {}}}]}`;
    const bytes = utf8(text);
    const limit = 4096;
    const stream = new JsonStream({ maxPieceBytes: limit });
    let most = 0;
    for (let at = 0; at < bytes.length; at += 1000) {
      stream.feed(bytes.subarray(at, at + 1000));
      most = Math.max(most, stream.heldBytes);
    }
    expect(stream.end()).toEqual({ kind: 'document', doc: JSON.parse(text) });
    expect(bytes.length).toBeGreaterThan(50 * limit);
    expect(most).toBeLessThanOrEqual(2 * limit + 1000);
  });
});

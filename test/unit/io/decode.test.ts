// @vitest-environment node
// Files saved as UTF-16 (Windows PowerShell's `>` and Out-File write UTF-16LE with a byte order
// mark) must read like their UTF-8 copies: the browser's own FileReader.readAsText sniffs the
// BOM, so Jaeger UI reads them, and so must we. JSON text without a BOM is told apart by where
// its zero bytes fall (RFC 4627, section 3).
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeTrace, MAX_TEXT_LENGTH } from '../../../src/io/decode.ts';
import { readTraceFile } from '../../../src/worker/read-file.ts';
import { expectedByFile, readCorpusText } from '../../helpers/corpus.ts';

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let at = 0;
  const put = (unit: number) => {
    bytes[at++] = order === 'le' ? unit & 0xff : unit >> 8;
    bytes[at++] = order === 'le' ? unit >> 8 : unit & 0xff;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return bytes;
}

const FILE = 'otlp/jaeger-ui__agent-trace.json';

describe('decodeTrace: text encodings', () => {
  for (const order of ['le', 'be'] as const) {
    for (const bom of [true, false]) {
      it(`reads UTF-16${order.toUpperCase()} ${bom ? 'with' : 'without'} a byte order mark like UTF-8`, async () => {
        const text = readCorpusText(FILE);
        const decoded = await decodeTrace(utf16(text, order, bom));
        expect(decoded).toEqual({ kind: 'text', text });
      });
    }
  }

  it('loads a gzipped UTF-16 file with the counts of its UTF-8 copy', async () => {
    const expected = expectedByFile()[FILE];
    const outcome = await readTraceFile('trace.json.gz', gzipSync(utf16(readCorpusText(FILE), 'le', true)));
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.file.traces.length).toBe(expected.traces);
    expect(outcome.file.traces.reduce((n, t) => n + t.spans.length, 0)).toBe(expected.spans);
  });

  it('keeps non-ASCII text of a UTF-16 file, surrogate pairs included', async () => {
    const text = '{"note": "naïve ✓ 😀"}';
    expect(await decodeTrace(utf16(text, 'le', false))).toEqual({ kind: 'text', text });
  });

  it('says that UTF-32 is not read, rather than calling the file binary', async () => {
    const bytes = new Uint8Array([0x7b, 0, 0, 0, 0x7d, 0, 0, 0]);
    await expect(decodeTrace(bytes)).rejects.toThrow(/UTF-32/);
  });
});

describe('a gzip bomb', () => {
  it('stops inflating at the limit and names it', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(decodeTrace(bomb, MAX_TEXT_LENGTH, 16 * 1024 * 1024)).rejects.toThrow(
      /gzip data was not read: it decompresses to more than 16\.0 MB, the most the viewer reads in one tab/,
    );
  });
});

describe('invalid UTF-8', () => {
  it('opens the file and warns, naming the line of the first bad byte', async () => {
    const encoder = new TextEncoder();
    const before = encoder.encode('[\n{"traceId":"a03ee8fff1dcd9b9","id":"0000000000000001","name":"caf');
    const after = encoder.encode(
      '","timestamp":1700000000000000,"duration":10,"localEndpoint":{"serviceName":"s"}}\n]',
    );
    // A Latin-1 é (0xe9) where UTF-8 needs two bytes.
    const bytes = new Uint8Array([...before, 0xe9, ...after]);
    const outcome = await readTraceFile('latin1.json', bytes);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.file.traces[0].spans[0].name).toBe('caf\uFFFD');
    expect(outcome.file.warnings[0].message).toBe(
      'the file is not valid UTF-8: bytes that are not were shown as U+FFFD (\uFFFD), the first on line 2',
    );
  });
});

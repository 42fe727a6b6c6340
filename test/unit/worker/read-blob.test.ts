// @vitest-environment node
// A large local file is read in slices by the worker (readTraceBlob). Lowered limits make small
// files take that path, so it can be checked against the whole-file reader: the same spans,
// ids, times and warnings, or the same kind of error.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateTraceText, type BenchFormat } from '../../../bench/generate.ts';
import { readTraceBlob, readTraceInput } from '../../../src/worker/read-blob.ts';
import { readTraceFile } from '../../../src/worker/read-file.ts';
import type { ParseStage } from '../../../src/worker/protocol.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Small enough that every test file is parsed in pieces, and read in many slices. */
const SLICED = { maxTextBytes: 2048, sliceBytes: 997 };

function otlpLine(spanId: string, time: string, end: string = time): string {
  return `{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "svc"}}]}, "scopeSpans": [{"spans": [{"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "${spanId}", "name": "op", "kind": 2, "startTimeUnixNano": ${time}, "endTimeUnixNano": ${end}}]}]}]}`;
}

describe('readTraceBlob: the same trace as the whole-file reader', () => {
  const formats: BenchFormat[] = ['jaeger', 'otlp', 'zipkin-v2'];
  for (const format of formats) {
    it(`reads a generated ${format} file in slices identically`, async () => {
      const text = generateTraceText(format, 400, 7);
      const whole = await readTraceFile('t.json', utf8(text));
      expect(whole.ok).toBe(true);
      for (const sliceBytes of [997, 65536])
        expect(await readTraceBlob('t.json', new Blob([text]), undefined, { ...SLICED, sliceBytes })).toEqual(whole);
    });
  }

  it('reads gzip as a stream, gathered into slices', async () => {
    const text = generateTraceText('otlp', 300, 3);
    const gz = gzipSync(utf8(text));
    const whole = await readTraceFile('t.json.gz', gz);
    expect(whole.ok).toBe(true);
    const stages: ParseStage[] = [];
    const sliced = await readTraceBlob('t.json.gz', new Blob([gz]), (s) => stages.push(s), SLICED);
    expect(sliced).toEqual(whole);
    expect(stages).toEqual(['decompressing', 'parsing']);
  });

  it('keeps bare-number nanoseconds exact: the same spans as with the times quoted', async () => {
    const bare = otlpLine('b7ad6b7169203331', '1736935200008000001', '1736935200008000999');
    const quoted = otlpLine('b7ad6b7169203331', '"1736935200008000001"', '"1736935200008000999"');
    const viaQuoted = await readTraceFile('t.json', utf8(quoted));
    const viaBare = await readTraceBlob('t.json', new Blob([bare]), undefined, { maxTextBytes: 64, sliceBytes: 13 });
    if (!viaQuoted.ok || !viaBare.ok) throw new Error('expected both to load');
    expect(viaBare.file.traces).toEqual(viaQuoted.file.traces);
    expect(viaBare).toEqual(await readTraceFile('t.json', utf8(bare)));
  });

  it('reads JSON Lines with a broken line as the text path does, warning included', async () => {
    const text = [
      otlpLine('b7ad6b7169203331', '"1700000000000000000"'),
      '{"resourceSpans": [',
      otlpLine('b7ad6b7169203332', '"1700000000000001000"'),
    ].join('\n');
    const whole = await readTraceFile('spans.jsonl', utf8(text));
    const sliced = await readTraceBlob('spans.jsonl', new Blob([text]), undefined, {
      maxTextBytes: 64,
      sliceBytes: 50,
    });
    if (!whole.ok || !sliced.ok) throw new Error('expected both to load');
    expect(sliced.file.format).toBe('otlp-jsonl');
    expect(sliced.file.traces).toEqual(whole.file.traces);
    expect(sliced.file.warnings.map((w) => w.path)).toEqual(whole.file.warnings.map((w) => w.path));
    expect(sliced.file.warnings.some((w) => /^Line 2 is not valid JSON/.test(w.message))).toBe(true);
  });

  it('reads a UTF-16 file whole, as before', async () => {
    const text = generateTraceText('jaeger', 20, 2);
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const whole = await readTraceFile('t.json', bytes);
    expect(whole.ok).toBe(true);
    expect(await readTraceBlob('t.json', new Blob([bytes]), undefined, { sliceBytes: 997 })).toEqual(whole);
  });
});

describe('readTraceBlob: errors name the file and the place', () => {
  it('gives the same error as the whole bytes for a syntax error, wherever the slices end', async () => {
    const text = generateTraceText('otlp', 50, 3);
    const at = text.indexOf('"spanId"', text.length / 2);
    const broken = `${text.slice(0, at)}"spanId" "x",${text.slice(at)}`;
    const whole = await readTraceFile('broken.json', utf8(broken), undefined, 512);
    if (whole.ok) throw new Error('expected an error');
    expect(whole.error.message).toMatch(
      /^broken\.json: not valid JSON at line 1, byte offset \d+ \(in \$\.resourceSpans/,
    );
    for (const sliceBytes of [1, 100, 4096])
      expect(
        await readTraceBlob('broken.json', new Blob([broken]), undefined, { maxTextBytes: 512, sliceBytes }),
      ).toEqual(whole);
  });

  it('says where a truncated file ends', async () => {
    const text = generateTraceText('jaeger', 50, 3);
    const cut = text.slice(0, text.indexOf('},{"traceID"', text.length / 2) + 1);
    const outcome = await readTraceBlob('cut.json', new Blob([cut]), undefined, SLICED);
    if (outcome.ok) throw new Error('expected an error');
    const spansAt = text.indexOf('"spans":[') + '"spans":'.length;
    expect(outcome.error.message).toBe(
      `cut.json: not valid JSON at line 1, byte offset ${cut.length} (in $.data[0].spans): the file ends inside the array opened at byte offset ${spansAt}`,
    );
  });

  it('stops gzip that inflates past the limit', async () => {
    const gz = gzipSync(utf8(`[${'"aaaaaaaaaa",'.repeat(20_000)}1]`));
    const outcome = await readTraceBlob('bomb.json.gz', new Blob([gz]), undefined, {
      ...SLICED,
      maxInflatedBytes: 50_000,
    });
    if (outcome.ok) throw new Error('expected an error');
    expect(outcome.error.message).toMatch(/^bomb\.json\.gz: the gzip data was not read: it decompresses to more than/);
  });

  it('says when gzip data is truncated', async () => {
    const gz = gzipSync(utf8(generateTraceText('otlp', 200, 3)));
    const outcome = await readTraceBlob('cut.json.gz', new Blob([gz.subarray(0, gz.length / 2)]), undefined, SLICED);
    if (outcome.ok) throw new Error('expected an error');
    expect(outcome.error.message).toMatch(/^cut\.json\.gz: (the gzip data is corrupt or truncated|not valid JSON)/);
  });
});

describe('readTraceInput: what the page sends', () => {
  it('reads a local file handed over as a Blob as it reads the same bytes', async () => {
    const text = generateTraceText('jaeger', 200, 3);
    const whole = await readTraceFile('t.json', utf8(text));
    expect(whole.ok).toBe(true);
    expect(await readTraceInput('t.json', new Blob([text]))).toEqual(whole);
    expect(await readTraceInput('t.json', utf8(text).buffer as ArrayBuffer)).toEqual(whole);
  });

  it('says what is wrong with a file handed over as a Blob', async () => {
    const outcome = await readTraceInput('broken.json', new Blob(['{"data": [']));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/^broken\.json: /);
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loadTraceText } from '../../../src/formats/load.ts';
import { traceOtlpJson } from '../../../src/loading/download-trace.ts';
import {
  decodeShared,
  encodeShared,
  fromBase64Url,
  MAX_EMBED_CHARS,
  MAX_SHARED_TRACE_BYTES,
  SharedTraceError,
  toBase64Url,
} from '../../../src/io/share-codec.ts';
import { readCorpusText } from '../../helpers/corpus.ts';

describe('embedded trace codec', () => {
  it('round-trips bytes through base64url without characters a URL would change', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });

  it('carries a real trace through deflate-raw and back to the same model', async () => {
    const loaded = loadTraceText('t.json', readCorpusText('zipkin/zipkin__yelp.json'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const trace = loaded.file.traces[0];
    const json = traceOtlpJson(trace);
    const fragment = await encodeShared(json);
    expect(fragment.length).toBeLessThan(json.length / 3);
    expect(fragment.length).toBeLessThanOrEqual(MAX_EMBED_CHARS);
    const back = new TextDecoder().decode(await decodeShared(fragment));
    expect(back).toBe(json);
    const reloaded = loadTraceText('shared-trace.json', back);
    if (!reloaded.ok) throw new Error(reloaded.error.message);
    const ids = (spans: readonly { spanId: string }[]) => spans.map((s) => s.spanId).sort();
    expect(ids(reloaded.file.traces[0].spans)).toEqual(ids(trace.spans));
  });

  it('says a cut-short link is damaged', async () => {
    const fragment = await encodeShared('{"resourceSpans":[]}'.repeat(50));
    await expect(decodeShared(fragment.slice(0, fragment.length / 2))).rejects.toThrow(SharedTraceError);
    await expect(decodeShared('%%%')).rejects.toThrow(/damaged/);
  });
});

describe('a deflate bomb in a #trace= link', () => {
  it('stops inflating at the limit and says so', async () => {
    const zeros = new Uint8Array(MAX_SHARED_TRACE_BYTES + 1024 * 1024);
    const deflated = new Uint8Array(
      await new Response(new Blob([zeros]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer(),
    );
    const fragment = toBase64Url(deflated);
    expect(fragment.length).toBeLessThan(200_000);
    await expect(decodeShared(fragment)).rejects.toThrow(
      /the trace in the link was not opened: it decompresses to more than 64\.0 MB/,
    );
  });
});

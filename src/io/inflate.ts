// Decompression with a ceiling: a gzip or deflate bomb (4 GiB from a few megabytes) is stopped
// as soon as it passes the limit, instead of filling the tab until it dies.
import { formatBytes } from './fetch-error.ts';
import { joinBytes } from './join-bytes.ts';

export class InflateLimitError extends Error {
  override name = 'InflateLimitError';
  constructor(readonly limit: number) {
    super(`it decompresses to more than ${formatBytes(limit)}, the most the viewer reads in one tab`);
  }
}

/** The decompressed bytes, or InflateLimitError once they pass `limit`; other failures are the stream's own. */
export async function inflateBounded(
  bytes: Uint8Array,
  format: CompressionFormat,
  limit: number,
): Promise<Uint8Array<ArrayBuffer>> {
  // A stream made here rather than Blob#stream(): jsdom's Blob (component tests) has none that
  // the platform's DecompressionStream accepts.
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as BufferSource);
      controller.close();
    },
  });
  const reader = source.pipeThrough(new DecompressionStream(format)).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new InflateLimitError(limit);
    }
    chunks.push(value);
  }
  return joinBytes(chunks, size);
}

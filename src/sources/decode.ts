// Bytes of a trace file to text: gzip is recognized by its magic number, not the file name.

/** V8 cannot hold a longer string; a file whose text exceeds it cannot be read whole. */
export const MAX_TEXT_LENGTH = (1 << 29) - 24;

export class DecodeError extends Error {
  override name = 'DecodeError';
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new DecodeError(`the gzip data is corrupt or truncated (${e instanceof Error ? e.message : String(e)})`);
  }
}

export async function decodeTraceBytes(input: Uint8Array): Promise<string> {
  const bytes = isGzip(input) ? await gunzip(input) : input;
  if (bytes.length > MAX_TEXT_LENGTH) {
    throw new DecodeError(
      `the file is ${(bytes.length / 2 ** 20).toFixed(0)} MiB of text, more than a browser can hold as one string (512 MiB); split it into smaller files`,
    );
  }
  return new TextDecoder('utf-8').decode(bytes);
}

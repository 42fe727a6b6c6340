// Bytes of a trace file to text: gzip is recognized by its magic number, not the file name.
// Text too long for one string stays as bytes, to be parsed in pieces.

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

/** The file's content: text when it fits in one string, else its (decompressed) UTF-8 bytes. */
export type DecodedTrace = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'bytes'; readonly bytes: Uint8Array };

/**
 * Decompresses and decodes. UTF-8 never takes fewer bytes than UTF-16 code units, so
 * `maxTextBytes` bytes always fit in a string of that length.
 */
export async function decodeTrace(input: Uint8Array, maxTextBytes: number = MAX_TEXT_LENGTH): Promise<DecodedTrace> {
  const bytes = isGzip(input) ? await gunzip(input) : input;
  if (bytes.length > maxTextBytes) return { kind: 'bytes', bytes };
  return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes) };
}

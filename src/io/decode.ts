// Bytes of a trace file to text: gzip is recognized by its magic number, not the file name,
// and UTF-16 by its byte order mark or, without one, by where JSON's zero bytes fall (RFC 4627,
// section 3): Windows PowerShell's `>` and Out-File write UTF-16. Text too long for one string
// stays as bytes, to be parsed in pieces.

import { InflateLimitError, inflateBounded } from './inflate.ts';

/** V8 cannot hold a longer string; a file whose text exceeds it cannot be read whole. */
export const MAX_TEXT_LENGTH = (1 << 29) - 24;

/**
 * The most a gzip file may decompress to. Parsing needs a few times the text's size besides, so
 * 1 GiB of JSON is about what a tab holds (a renderer has a few GB) before it is killed.
 */
export const MAX_INFLATED_BYTES = 2 ** 30;

export class DecodeError extends Error {
  override name = 'DecodeError';
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  try {
    return await inflateBounded(bytes, 'gzip', limit);
  } catch (e) {
    if (e instanceof InflateLimitError) throw new DecodeError(`the gzip data was not read: ${e.message}`);
    throw new DecodeError(`the gzip data is corrupt or truncated (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The file's content: text when it fits in one string, else its (decompressed) UTF-8 bytes. */
export type DecodedTrace =
  | {
      readonly kind: 'text';
      readonly text: string;
      /** The text was not valid UTF-8: the line of the first byte replaced with U+FFFD. */
      readonly invalidUtf8Line?: number;
    }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array };

type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** A byte JSON text may start with: whitespace, or the start of an object or array. */
function isJsonStart(byte: number): boolean {
  return byte === 0x7b || byte === 0x5b || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function textEncoding(bytes: Uint8Array): TextEncoding {
  const [b0, b1, b2, b3] = bytes;
  const utf32 =
    bytes.length >= 4 &&
    ((b0 === 0 && b1 === 0 && ((b2 === 0xfe && b3 === 0xff) || (b2 === 0 && isJsonStart(b3)))) ||
      (b2 === 0 && b3 === 0 && ((b0 === 0xff && b1 === 0xfe) || (b1 === 0 && isJsonStart(b0)))));
  if (utf32) throw new DecodeError('the file is UTF-32 text, which is not read; save it as UTF-8');
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (bytes.length >= 2 && b1 === 0 && isJsonStart(b0)) return 'utf-16le';
  if (bytes.length >= 2 && b0 === 0 && isJsonStart(b1)) return 'utf-16be';
  return 'utf-8';
}

/** Whether a file starting with `head` is read as UTF-8 (not UTF-16 or UTF-32): only UTF-8 is read in slices. */
export function isUtf8Start(head: Uint8Array): boolean {
  try {
    return textEncoding(head) === 'utf-8';
  } catch {
    return false;
  }
}

/**
 * Decompresses and decodes. UTF-8 never takes fewer bytes than UTF-16 code units, so
 * `maxTextBytes` bytes always fit in a string of that length.
 */
export async function decodeTrace(
  input: Uint8Array,
  maxTextBytes: number = MAX_TEXT_LENGTH,
  maxInflatedBytes: number = MAX_INFLATED_BYTES,
): Promise<DecodedTrace> {
  const bytes = isGzip(input) ? await gunzip(input, maxInflatedBytes) : input;
  const encoding = textEncoding(bytes);
  if (encoding !== 'utf-8') {
    // Two bytes a code unit: the string is half the file's length.
    if (bytes.length / 2 > maxTextBytes)
      throw new DecodeError('the file is UTF-16 text too long to read whole; save it as UTF-8');
    return { kind: 'text', text: new TextDecoder(encoding).decode(bytes) };
  }
  if (bytes.length > maxTextBytes) return { kind: 'bytes', bytes };
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Decoded again with replacements, so the file still opens; the person is told where.
    const text = new TextDecoder('utf-8').decode(bytes);
    return { kind: 'text', text, invalidUtf8Line: lineOf(text, text.indexOf('\uFFFD')) };
  }
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

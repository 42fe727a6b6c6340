// A whole file's bytes parsed as JSON or JSON Lines without ever holding them as one string:
// the streaming reader (json-stream.ts) fed with one piece, so that files read whole and files
// read in slices are parsed by the same code.
import { JsonStream, type LargeJson } from './json-stream.ts';

/**
 * Parses a whole file of JSON or JSON Lines from its bytes. Throws LargeJsonError saying where
 * the first syntax error is, or which value is too large to parse even on its own.
 */
export function parseLargeJson(bytes: Uint8Array, maxPieceBytes: number, quoteNanos = false): LargeJson {
  const stream = new JsonStream({ maxPieceBytes, quoteNanos });
  stream.feed(bytes);
  return stream.end();
}

// Pieces of a stream (a download, a decompression, gathered slices) made into one array.

/** The pieces one after another in a new array of `size` bytes (their total length). */
export function joinBytes(pieces: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

// Collects the pieces of a document and hands them out in chunks of bounded size, so that a
// writer never holds more than one chunk of text besides what the caller keeps.

const CHUNK_PIECES = 2048;

export class ChunkBuffer {
  private pieces: string[] = [];

  push(piece: string): void {
    this.pieces.push(piece);
  }

  /** The collected text once enough pieces have accumulated, else undefined. */
  takeIfFull(): string | undefined {
    return this.pieces.length >= CHUNK_PIECES ? this.takeAll() : undefined;
  }

  takeAll(): string {
    const text = this.pieces.join('');
    this.pieces = [];
    return text;
  }
}

// Span index by span id, for resolving parents. Nearly every normalized span id is 16
// lowercase hex digits: those are read as two 32-bit halves into an open-addressing table of
// typed arrays, which at 100,000 spans is several times faster than a Map keyed by strings
// (hashing each fresh string, growing and rehashing the Map). Other ids go to a Map.

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) HEX_VALUE['0123456789abcdef'.charCodeAt(d)] = d;

const EMPTY = -1;

export class SpanIdIndex {
  private readonly mask: number;
  private readonly high: Int32Array;
  private readonly low: Int32Array;
  private readonly value: Int32Array;
  private readonly others = new Map<string, number>();
  // The halves of the id last read by `split`; returning them in an object would allocate per id.
  private splitHigh = 0;
  private splitLow = 0;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.high = new Int32Array(size);
    this.low = new Int32Array(size);
    this.value = new Int32Array(size).fill(EMPTY);
  }

  /** Reads a 16-digit lowercase hex id into splitHigh/splitLow; false for any other id. */
  private split(id: string): boolean {
    if (id.length !== 16) return false;
    let high = 0;
    let low = 0;
    for (let i = 0; i < 8; i++) {
      const c = id.charCodeAt(i);
      const d = c < 128 ? HEX_VALUE[c] : -1;
      if (d < 0) return false;
      high = (high << 4) | d;
    }
    for (let i = 8; i < 16; i++) {
      const c = id.charCodeAt(i);
      const d = c < 128 ? HEX_VALUE[c] : -1;
      if (d < 0) return false;
      low = (low << 4) | d;
    }
    this.splitHigh = high;
    this.splitLow = low;
    return true;
  }

  private slot(high: number, low: number): number {
    // Ids are not always random (sequential counters, halves of zeros): mix every bit into the
    // slot (murmur3's finalizer), or such ids would pile up in runs that probing walks through.
    let h = high ^ Math.imul(low ^ (low >>> 16), 0x45d9f3b);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let slot = h & this.mask;
    while (this.value[slot] !== EMPTY && (this.high[slot] !== high || this.low[slot] !== low)) slot = (slot + 1) & this.mask;
    return slot;
  }

  /** Records `index` for `id` unless the id is known; returns the index it already had, or -1. */
  addFirst(id: string, index: number): number {
    if (!this.split(id)) {
      const seen = this.others.get(id);
      if (seen === undefined) this.others.set(id, index);
      return seen ?? -1;
    }
    const slot = this.slot(this.splitHigh, this.splitLow);
    if (this.value[slot] !== EMPTY) return this.value[slot];
    this.high[slot] = this.splitHigh;
    this.low[slot] = this.splitLow;
    this.value[slot] = index;
    return -1;
  }

  /** The first index recorded for `id`, or -1. */
  get(id: string): number {
    if (!this.split(id)) return this.others.get(id) ?? -1;
    return this.value[this.slot(this.splitHigh, this.splitLow)];
  }
}

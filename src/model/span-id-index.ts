// Span index by span id, for resolving parents. Nearly every normalized span id is 16
// lowercase hex digits: those are read as two 32-bit halves into an open-addressing table of
// typed arrays, which at 100,000 spans is several times faster than a Map keyed by strings
// (hashing each fresh string, growing and rehashing the Map). Such an id followed by a suffix
// (Zipkin's server halves, `<id>:server`) goes in the same table, the suffix as a small number
// of its own. Other ids go to a Map.

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) HEX_VALUE['0123456789abcdef'.charCodeAt(d)] = d;

const EMPTY = -1;
const HEX_LENGTH = 16;
/** The one suffix common enough to be told without slicing it out of the id. */
const SERVER_SUFFIX = ':server';
const NO_SUFFIX = 0;
const SERVER_SUFFIX_CODE = 1;

// A slot's four numbers lie side by side, so that a probe touches one cache line, not four
// arrays' worth: at 100,000 spans the table is megabytes and each probe lands somewhere new.
const HIGH = 0;
const LOW = 1;
const SUFFIX = 2;
const VALUE = 3;
const STRIDE = 4;

export class SpanIdIndex {
  private mask: number;
  private count = 0;
  /** STRIDE numbers per slot: the id's halves, its suffix code, and the index (EMPTY when free). */
  private table: Int32Array;
  private readonly others = new Map<string, number>();
  private readonly suffixCodes = new Map<string, number>();
  // The parts of the id last read by `split`; returning them in an object would allocate per id.
  private splitHigh = 0;
  private splitLow = 0;
  private splitSuffix = NO_SUFFIX;

  /** `capacity` is how many ids are expected; more may be added, at the cost of growing. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.table = SpanIdIndex.emptyTable(size);
  }

  private static emptyTable(size: number): Int32Array {
    const table = new Int32Array(size * STRIDE);
    for (let s = VALUE; s < table.length; s += STRIDE) table[s] = EMPTY;
    return table;
  }

  /**
   * Reads an id of 16 lowercase hex digits, maybe followed by a suffix, into the split fields;
   * false for any other id. `adding` says whether an unknown suffix may get a code.
   */
  private split(id: string, adding: boolean): boolean {
    if (id.length < HEX_LENGTH) return false;
    let high = 0;
    let low = 0;
    for (let i = 0; i < 8; i++) {
      const c = id.charCodeAt(i);
      const d = c < 128 ? HEX_VALUE[c] : -1;
      if (d < 0) return false;
      high = (high << 4) | d;
    }
    for (let i = 8; i < HEX_LENGTH; i++) {
      const c = id.charCodeAt(i);
      const d = c < 128 ? HEX_VALUE[c] : -1;
      if (d < 0) return false;
      low = (low << 4) | d;
    }
    let suffix = NO_SUFFIX;
    if (id.length > HEX_LENGTH) {
      if (id.length === HEX_LENGTH + SERVER_SUFFIX.length && id.endsWith(SERVER_SUFFIX)) suffix = SERVER_SUFFIX_CODE;
      else {
        const text = id.slice(HEX_LENGTH);
        let code = this.suffixCodes.get(text);
        if (code === undefined) {
          if (!adding) return false;
          code = SERVER_SUFFIX_CODE + 1 + this.suffixCodes.size;
          this.suffixCodes.set(text, code);
        }
        suffix = code;
      }
    }
    this.splitHigh = high;
    this.splitLow = low;
    this.splitSuffix = suffix;
    return true;
  }

  /** Where the slot of the id is in `table` (its first number), found or free. */
  private slot(high: number, low: number, suffix: number): number {
    // Ids are not always random (sequential counters, halves of zeros): mix every bit into the
    // slot (murmur3's finalizer), or such ids would pile up in runs that probing walks through.
    let h = high ^ Math.imul(low ^ (low >>> 16), 0x45d9f3b) ^ Math.imul(suffix, 0x27d4eb2d);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    const { table, mask } = this;
    let slot = h & mask;
    for (;;) {
      const at = slot * STRIDE;
      if (
        table[at + VALUE] === EMPTY ||
        (table[at + HIGH] === high && table[at + LOW] === low && table[at + SUFFIX] === suffix)
      )
        return at;
      slot = (slot + 1) & mask;
    }
  }

  /** Doubles the table when it is half full, so that probe runs stay short. */
  private growIfFull(): void {
    if ((this.count + 1) * 2 <= this.mask + 1) return;
    const old = this.table;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.table = SpanIdIndex.emptyTable(size);
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + VALUE] === EMPTY) continue;
      const to = this.slot(old[at + HIGH], old[at + LOW], old[at + SUFFIX]);
      this.table.set(old.subarray(at, at + STRIDE), to);
    }
  }

  /** Records `index` for `id` unless the id is known; returns the index it already had, or -1. */
  addFirst(id: string, index: number): number {
    if (!this.split(id, true)) {
      const seen = this.others.get(id);
      if (seen === undefined) this.others.set(id, index);
      return seen ?? -1;
    }
    this.growIfFull();
    const at = this.slot(this.splitHigh, this.splitLow, this.splitSuffix);
    const table = this.table;
    if (table[at + VALUE] !== EMPTY) return table[at + VALUE];
    table[at + HIGH] = this.splitHigh;
    table[at + LOW] = this.splitLow;
    table[at + SUFFIX] = this.splitSuffix;
    table[at + VALUE] = index;
    this.count++;
    return -1;
  }

  /** The first index recorded for `id`, or -1. */
  get(id: string): number {
    if (!this.split(id, false)) return this.others.get(id) ?? -1;
    return this.table[this.slot(this.splitHigh, this.splitLow, this.splitSuffix) + VALUE];
  }
}

// Seeded pseudo-random numbers for the benchmark traces. Math.random is never used: the same
// seed must give the same bytes, so that benchmark runs compare like with like.

/** mulberry32: small and fast; its quality is ample for picking names and durations. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** Restarts the sequence, so that one instance can serve many independent streams. */
  reseed(seed: number): void {
    this.state = seed | 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** In [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** A well-mixed 32-bit value from two inputs (murmur3's finalizer over a simple combination). */
export function mix32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x85ebca6b, 0xcc9e2d51) ^ Math.imul(b + 0x27d4eb2f, 0x165667b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A bijection on 32-bit integers: distinct inputs give distinct outputs, which is what makes
 * span ids unique without a set of the ids already handed out.
 */
export function scramble32(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Eight hex digits of a 32-bit value; by table, since ids are written for every span. */
export function hex8(value: number): string {
  return (
    BYTE_HEX[(value >>> 24) & 255] +
    BYTE_HEX[(value >>> 16) & 255] +
    BYTE_HEX[(value >>> 8) & 255] +
    BYTE_HEX[value & 255]
  );
}

// One stable color per service: a hash of the name picks from a palette that stays
// distinguishable for common color-vision deficiencies and readable in both themes.

const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#8c6bb1',
  '#6b8e23',
] as const;

function hashName(name: string): number {
  // FNV-1a: fast, and stable across sessions (unlike object identity or load order).
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function serviceColor(serviceName: string): string {
  return PALETTE[hashName(serviceName) % PALETTE.length];
}

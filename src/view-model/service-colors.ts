// One color per service of a trace, from a palette that stays distinguishable for common
// color-vision deficiencies and readable in both themes.
//
// Colors are assigned per trace, not hashed per name: a hash into 16 colors gave three of
// HotROD's six services the same orange. The trace's services, sorted by name, take the palette
// in order, so no two services of a trace share a color until the palette runs out, and the
// same trace gets the same colors on every load. Past 16 services the rest fall back to a hash
// of the name (stable, though no longer unique).

/** Ordered so that the first colors differ the most: small traces get the clearest contrasts. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#cc79a7',
  '#56b4e9',
  '#009e73',
  '#d55e00',
  '#0072b2',
  '#e69f00',
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

function hashedColor(serviceName: string): string {
  return PALETTE[hashName(serviceName) % PALETTE.length];
}

/** Keyed by the services list itself: a trace's list is made once, so every view shares one map. */
const byServiceList = new WeakMap<readonly string[], ReadonlyMap<string, string>>();

/** The color of each of a trace's services (pass `trace.services`). */
export function serviceColors(services: readonly string[]): ReadonlyMap<string, string> {
  const cached = byServiceList.get(services);
  if (cached) return cached;
  const sorted = [...new Set(services)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const colors = new Map<string, string>();
  for (let k = 0; k < sorted.length; k++) {
    colors.set(sorted[k], k < PALETTE.length ? PALETTE[k] : hashedColor(sorted[k]));
  }
  byServiceList.set(services, colors);
  return colors;
}

/** The color of one service in a trace; a name outside the list gets its hashed color. */
export function serviceColorIn(services: readonly string[], serviceName: string): string {
  return serviceColors(services).get(serviceName) ?? hashedColor(serviceName);
}

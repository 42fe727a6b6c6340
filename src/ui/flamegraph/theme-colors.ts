// The page theme's colors for canvas drawing (a canvas cannot use CSS variables directly).

export interface FlameTheme {
  readonly bg: string;
  readonly bgSubtle: string;
  readonly fg: string;
  readonly fgMuted: string;
  readonly border: string;
  readonly accent: string;
  readonly critical: string;
  readonly error: string;
  readonly warn: string;
  readonly match: string;
  readonly focus: string;
  readonly mono: string;
}

export function readFlameTheme(element: Element): FlameTheme {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--bg', '#ffffff'),
    bgSubtle: v('--bg-subtle', '#f4f5f7'),
    fg: v('--fg', '#1d2330'),
    fgMuted: v('--fg-muted', '#5b6475'),
    border: v('--border', '#d6dae1'),
    accent: v('--accent', '#2457c5'),
    critical: v('--critical', '#1d2330'),
    error: v('--error', '#c62828'),
    warn: v('--warn', '#a15c00'),
    match: v('--match', '#fff2a8'),
    focus: v('--focus', '#1a73e8'),
    mono: v('--mono', 'monospace'),
  };
}

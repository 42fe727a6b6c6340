// The one list of a trace's views. The view names, the tab list and the `view` link parameter
// all derive from it; the UI maps every name to a component in a record the compiler checks.

export const VIEWS = {
  waterfall: { label: 'Waterfall' },
  flamegraph: { label: 'Flamegraph' },
  stats: { label: 'Statistics' },
} as const satisfies Record<string, { readonly label: string }>;

export type ViewName = keyof typeof VIEWS;

/** In tab order. */
export const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];

/** What a trace opens on, and what a link without `view` means. */
export const DEFAULT_VIEW: ViewName = 'waterfall';

export function isViewName(text: string): text is ViewName {
  return Object.hasOwn(VIEWS, text);
}

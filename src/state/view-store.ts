// How the trace on screen is being looked at: view, zoom, search, filters, collapsed spans.
// Reset whenever another trace is shown.
import { create } from 'zustand';
import { DEFAULT_VIEW, type ViewName } from '../view-model/views.ts';

/** A time range in nanoseconds relative to the trace start. */
export interface TimeRange {
  readonly startNs: number;
  readonly endNs: number;
}

export interface SpanFilters {
  readonly errorsOnly: boolean;
  /** Empty means every service. */
  readonly services: readonly string[];
  readonly minDurationNs: number;
  readonly criticalOnly: boolean;
  /** Only GenAI steps. */
  readonly aiOnly?: boolean;
  /** Span indexes picked elsewhere (a statistics row, an aggregated flame box); null = no such filter. */
  readonly spanSet: { readonly label: string; readonly indexes: readonly number[] } | null;
}

export const NO_FILTERS: SpanFilters = {
  errorsOnly: false,
  services: [],
  minDurationNs: 0,
  criticalOnly: false,
  aiOnly: false,
  spanSet: null,
};

export interface ViewStoreState {
  readonly view: ViewName;
  readonly zoom: TimeRange | null;
  readonly search: string;
  readonly showOnlyMatches: boolean;
  /** Position within the search matches of the selected match. */
  readonly matchCursor: number;
  readonly filters: SpanFilters;
  /** Span indexes whose children are hidden. */
  readonly collapsed: ReadonlySet<number>;
  /** Bars coloured by GenAI step kind rather than service; kept from trace to trace. */
  readonly colorByKind: boolean;

  setView(view: ViewName): void;
  setZoom(range: TimeRange | null): void;
  setSearch(text: string): void;
  setShowOnlyMatches(on: boolean): void;
  setMatchCursor(i: number): void;
  setFilters(patch: Partial<SpanFilters>): void;
  setCollapsed(collapsed: ReadonlySet<number>): void;
  setColorByKind(on: boolean): void;
  resetForTrace(collapsed: ReadonlySet<number>): void;
}

type ViewData = Omit<
  ViewStoreState,
  {
    [K in keyof ViewStoreState]: ViewStoreState[K] extends (...args: never[]) => unknown ? K : never;
  }[keyof ViewStoreState]
>;

/** How a page opens: no zoom, search or filter, nothing collapsed. */
export const INITIAL_VIEW: ViewData = {
  view: DEFAULT_VIEW,
  zoom: null,
  search: '',
  showOnlyMatches: false,
  matchCursor: -1,
  filters: NO_FILTERS,
  collapsed: new Set(),
  colorByKind: false,
};

export const useViewStore = create<ViewStoreState>()((set) => ({
  ...INITIAL_VIEW,

  setView: (view) => set({ view }),
  setZoom: (zoom) => set({ zoom }),
  setSearch: (search) => set({ search, matchCursor: -1 }),
  setShowOnlyMatches: (showOnlyMatches) => set({ showOnlyMatches }),
  setMatchCursor: (matchCursor) => set({ matchCursor }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  setCollapsed: (collapsed) => set({ collapsed }),
  setColorByKind: (colorByKind) => set({ colorByKind }),
  resetForTrace: (collapsed) =>
    set({ zoom: null, search: '', showOnlyMatches: false, matchCursor: -1, filters: NO_FILTERS, collapsed }),
}));

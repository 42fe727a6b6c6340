// How the statistics table is grouped and sorted. Kept outside the component so that the
// choice survives switching to the waterfall (a row click does that) and back.
import { create } from 'zustand';
import type { SortDirection, StatColumn } from '../../analysis/statistics.ts';

export type StatGroupMode = 'service' | 'operation' | 'attribute';

export interface StatsSettings {
  readonly mode: StatGroupMode;
  readonly attributeKey: string;
  readonly column: StatColumn;
  readonly direction: SortDirection;
  setMode(mode: StatGroupMode): void;
  setAttributeKey(key: string): void;
  /** A new column sorts in its natural direction; the same column again flips the direction. */
  sortBy(column: StatColumn): void;
}

export const useStatsSettings = create<StatsSettings>()((set) => ({
  mode: 'service',
  attributeKey: '',
  column: 'selfTotalNs',
  direction: 'desc',
  setMode: (mode) => set({ mode }),
  setAttributeKey: (attributeKey) => set({ attributeKey }),
  sortBy: (column) =>
    set((s) =>
      s.column === column
        ? { direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: column === 'label' ? 'asc' : 'desc' },
    ),
}));

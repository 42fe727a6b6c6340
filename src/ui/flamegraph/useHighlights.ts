// Per-span marks from the analysis, the search box and the filters, recomputed only when one
// of them changes.
import { useMemo } from 'react';
import { spanFlags } from '../../view-model/flame-highlight.ts';
import { searchSpans } from '../../analysis/search.ts';
import type { Trace } from '../../model/trace.ts';
import { analyzeTrace } from '../../state/analysis-cache.ts';
import { useViewStore } from '../../state/view-store.ts';

export function useSpanFlags(trace: Trace): Uint8Array {
  const search = useViewStore((s) => s.search);
  const filters = useViewStore((s) => s.filters);
  const matches = useMemo(() => (search.trim() === '' ? null : searchSpans(trace, search)), [trace, search]);
  return useMemo(() => {
    const { onCriticalPath, isSlowest } = analyzeTrace(trace);
    return spanFlags(trace, { onCriticalPath, isSlowest, matches, filters });
  }, [trace, matches, filters]);
}

// The flamegraph's search: the waterfall's search box and page shortcuts (/ n N ? Escape) on
// the same search text, so a search typed in one view is there in the other.
import { useMemo, useRef, useState } from 'react';
import { searchSpans } from '../../analysis/search.ts';
import type { Trace } from '../../model/trace.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { useViewStore } from '../../state/view-store.ts';
import { matchPosition } from '../../view-model/match-cursor.ts';
import { treeIndex } from '../../view-model/tree-index.ts';
import { SearchBox } from '../waterfall/SearchBox.tsx';
import { type ShortcutList, ShortcutsButton, ShortcutsDialog } from '../waterfall/ShortcutsDialog.tsx';
import { useSearchKeys } from '../waterfall/use-waterfall-keys.ts';

const FLAME_SHORTCUTS: ShortcutList = [
  ['/', 'Search spans'],
  ['Enter / Shift+Enter in search', 'Next / previous match'],
  ['n / N', 'Next / previous match'],
  ['Esc', 'Clear the search, then the selection'],
  ['Wheel or pinch', 'Zoom around the pointer'],
  ['Drag / Shift+wheel', 'Pan / scroll the rows'],
  ['← → ↑ ↓ (on the chart)', 'Parent, child, siblings'],
  ['Enter (on the chart)', 'Select the box'],
  ['+ / − or w / s', 'Zoom in / out'],
  ['a / d or Shift+arrows', 'Pan'],
  ['z or double-click', 'Zoom to the box'],
  ['0', 'Show everything'],
  ['?', 'Show this list'],
];

export function FlameSearch({ trace }: { trace: Trace }) {
  const search = useViewStore((s) => s.search);
  const selected = useTraceStore((s) => s.selectedSpan);
  const [helpOpen, setHelpOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const matches = useMemo(
    () => (search.trim() === '' ? new Int32Array(0) : searchSpans(trace, search)),
    [trace, search],
  );
  const { rank } = treeIndex(trace.tree);
  const step = useSearchKeys(trace, matches, inputRef, () => setHelpOpen(true), !helpOpen);
  return (
    <>
      <SearchBox
        inputRef={inputRef}
        reachable={matches.length}
        total={matches.length}
        position={matchPosition(matches, rank, selected)}
        searching={false}
        onStep={step}
        onLeave={() => inputRef.current?.blur()}
      />
      <ShortcutsButton onOpen={() => setHelpOpen(true)} />
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} shortcuts={FLAME_SHORTCUTS} />}
    </>
  );
}

import type { KeyboardEvent, RefObject } from 'react';
import { useViewStore } from '../../state/view-store.ts';
import { formatCount, plural } from '../../view-model/duration.ts';

export interface SearchBoxProps {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  /** Matches the user can step to (not hidden by filters). */
  readonly reachable: number;
  /** All matches, including those the filters hide. */
  readonly total: number;
  /** Position of the selected span among the reachable matches, -1 when it is not one. */
  readonly position: number;
  readonly searching: boolean;
  onStep(direction: 1 | -1): void;
  /** Escape on an empty box: give the keyboard back to the span tree. */
  onLeave(): void;
}

function countText({ reachable, position, searching }: SearchBoxProps): string {
  if (searching) return 'Searching…';
  if (reachable === 0) return 'No matches';
  if (position >= 0) return `${formatCount(position + 1)} of ${formatCount(reachable)}`;
  return plural(reachable, 'match', 'matches');
}

/** The search box with the match count, previous/next and "show only matches". */
export function SearchBox(props: SearchBoxProps) {
  const { inputRef, reachable, total, onStep, onLeave } = props;
  const search = useViewStore((s) => s.search);
  const setSearch = useViewStore((s) => s.setSearch);
  const showOnlyMatches = useViewStore((s) => s.showOnlyMatches);
  const setShowOnlyMatches = useViewStore((s) => s.setShowOnlyMatches);
  const active = search.trim() !== '';

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onStep(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      // Handled here so the page-level Escape does not also clear the selection.
      e.preventDefault();
      e.stopPropagation();
      if (search !== '') setSearch('');
      else onLeave();
    }
  };

  return (
    <div className="wf-search" role="search">
      <input
        ref={inputRef}
        type="search"
        className="wf-search__input"
        placeholder="Search spans (/)"
        aria-label="Search spans"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="waterfall-search"
      />
      {active && (
        <span
          className="wf-search__count"
          aria-live="polite"
          data-testid="match-count"
          title={total > reachable ? `${formatCount(total - reachable)} more hidden by the filters` : undefined}
        >
          {countText(props)}
        </span>
      )}
      <button
        type="button"
        onClick={() => onStep(-1)}
        disabled={reachable === 0}
        aria-label="Previous match"
        title="Previous match (N, Shift+Enter)"
      >
        ‹
      </button>
      <button
        type="button"
        onClick={() => onStep(1)}
        disabled={reachable === 0}
        aria-label="Next match"
        title="Next match (n, Enter)"
      >
        ›
      </button>
      <label className="wf-check">
        <input type="checkbox" checked={showOnlyMatches} onChange={(e) => setShowOnlyMatches(e.target.checked)} />
        Show only matches
      </label>
    </div>
  );
}

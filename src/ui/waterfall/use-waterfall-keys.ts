// Page-level shortcuts while the waterfall is shown: / n N ? Escape. They never fire while the
// user types in a text field, or with Ctrl/Meta/Alt held (those belong to the browser).
import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';
import type { Trace } from '../../model/trace.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { useViewStore } from '../../state/view-store.ts';
import { stepMatch } from '../../view-model/match-cursor.ts';
import { treeIndex } from '../../view-model/tree-index.ts';

export interface WaterfallKeyHandlers {
  focusSearch(): void;
  step(direction: 1 | -1): void;
  showHelp(): void;
  /** Escape: clear the search if any, else the selection. */
  clear(): void;
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
}

export function useWaterfallKeys(handlers: WaterfallKeyHandlers, enabled: boolean): void {
  // The listener is added once; it reads the latest handlers through the ref.
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTextEntry(e.target)) return;
      const h = latest.current;
      switch (e.key) {
        case '/':
          e.preventDefault();
          h.focusSearch();
          break;
        case 'n':
          e.preventDefault();
          h.step(1);
          break;
        case 'N':
          e.preventDefault();
          h.step(-1);
          break;
        case '?':
          e.preventDefault();
          h.showHelp();
          break;
        case 'Escape':
          h.clear();
          break;
        default:
          break;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

/**
 * The search shortcuts every view shares (/ n N ? Escape) over `matches`: returns the step to the
 * next or previous match in tree order, which selects it.
 */
export function useSearchKeys(
  trace: Trace,
  matches: Int32Array,
  inputRef: RefObject<HTMLInputElement | null>,
  showHelp: () => void,
  enabled: boolean,
): (direction: 1 | -1) => void {
  const { rank } = treeIndex(trace.tree);
  const step = (direction: 1 | -1) => {
    const position = stepMatch(matches, rank, useTraceStore.getState().selectedSpan, direction);
    if (position < 0) return;
    useViewStore.getState().setMatchCursor(position);
    useTraceStore.getState().selectSpan(matches[position]);
  };
  useWaterfallKeys(
    {
      focusSearch: () => {
        inputRef.current?.focus();
        inputRef.current?.select();
      },
      step,
      showHelp,
      clear: () => {
        const view = useViewStore.getState();
        if (view.search !== '') view.setSearch('');
        else if (useTraceStore.getState().selectedSpan !== null) useTraceStore.getState().selectSpan(null);
      },
    },
    enabled,
  );
  return step;
}

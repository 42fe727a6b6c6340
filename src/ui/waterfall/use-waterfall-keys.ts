// Page-level shortcuts while the waterfall is shown: / n N ? Escape. They never fire while the
// user types in a text field, or with Ctrl/Meta/Alt held (those belong to the browser).
import { useEffect, useLayoutEffect, useRef } from 'react';

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

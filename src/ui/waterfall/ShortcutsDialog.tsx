import { useEffect, useRef, type KeyboardEvent } from 'react';

export type ShortcutList = readonly (readonly [keys: string, what: string])[];

const SHORTCUTS: ShortcutList = [
  ['↑ / ↓', 'Select the previous / next row'],
  ['←', 'Collapse the row, or go to its parent'],
  ['→', 'Expand the row, or go to its first child'],
  ['Home / End, Page Up / Page Down', 'Jump to the first / last row, or by a screen'],
  ['Enter', 'Open the details of the row'],
  ['Alt+click or Shift+click on ▸', 'Expand or collapse the whole subtree'],
  ['/', 'Search spans'],
  ['Enter / Shift+Enter in search', 'Next / previous match'],
  ['n / N', 'Next / previous match'],
  ['Esc', 'Clear the search, then the selection'],
  ['Minimap: drag', 'Zoom to a time range'],
  ['Minimap: ← → + − 0', 'Pan, zoom in, zoom out, reset'],
  ['?', 'Show this list'],
];

/** The keyboard shortcuts, as a modal dialog; Escape or the button closes it. */
export function ShortcutsDialog({
  onClose,
  shortcuts = SHORTCUTS,
}: {
  onClose: () => void;
  /** The view's own list; the waterfall's by default. */
  shortcuts?: ShortcutList;
}) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      // The close button is the only control: keep the focus inside the dialog.
      e.preventDefault();
      closeRef.current?.focus();
    }
  };
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a click beside the dialog closes it; Escape is the keyboard way
    <div className="wf-dialog-backdrop" onClick={onClose}>
      <div
        className="wf-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="wf-shortcuts-title"
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
        data-testid="shortcuts-dialog"
      >
        <h2 id="wf-shortcuts-title">Keyboard shortcuts</h2>
        <dl className="wf-shortcuts">
          {shortcuts.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button ref={closeRef} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/** The "?" button beside a view's search box that opens its shortcuts (as the ? key does). */
export function ShortcutsButton({ onOpen }: { onOpen: () => void }) {
  return (
    <button
      type="button"
      className="wf-help-button"
      onClick={onOpen}
      aria-label="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
    >
      ?
    </button>
  );
}

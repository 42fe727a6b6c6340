// Keyboard on the focused flamegraph: arrows walk the tree (parent, child, siblings), Shift+arrows
// and a/d pan, +/- and w/s zoom, z fits the cursor's box, 0 resets, Enter selects.
import type { KeyboardEvent } from 'react';
import { navigate, type FlameMove } from '../../view-model/flame-nav.ts';
import { FLAME_ROW_HEIGHT } from './constants.ts';
import type { FlameViewport } from './use-flame-viewport.ts';

export const ZOOM_STEP = 0.7;
const PAN_STEP = 0.15;
const MOVES: Readonly<Record<string, FlameMove>> = {
  ArrowUp: 'parent',
  ArrowDown: 'child',
  ArrowLeft: 'prev',
  ArrowRight: 'next',
};

export interface KeyCallbacks {
  /** A keyboard move put the cursor on another box. */
  onCursor(id: number): void;
  onActivate(id: number): void;
  /** Escape: hide the tooltip. */
  onDismiss(): void;
}

export function useFlameKeys(viewport: FlameViewport, callbacks: KeyCallbacks) {
  const { live, scrollTo, zoomBy, pan, reset } = viewport;
  return (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const s = live.current;
    const move = MOVES[e.key];
    let handled = true;
    if (move !== undefined && e.shiftKey) {
      if (move === 'prev') pan(-PAN_STEP);
      else if (move === 'next') pan(PAN_STEP);
      else scrollTo(s.scrollTop + (move === 'parent' ? -3 : 3) * FLAME_ROW_HEIGHT);
    } else if (move !== undefined) {
      const next = navigate(s.model.nav, s.cursor, move);
      if (next >= 0 && next !== s.cursor) callbacks.onCursor(next);
    } else {
      switch (e.key) {
        case 'Enter':
        case ' ':
          if (s.cursor >= 0) callbacks.onActivate(s.cursor);
          else handled = false;
          break;
        case '+':
        case '=':
        case 'w':
        case 'W':
          zoomBy(ZOOM_STEP);
          break;
        case '-':
        case '_':
        case 's':
        case 'S':
          zoomBy(1 / ZOOM_STEP);
          break;
        case 'a':
        case 'A':
          pan(-PAN_STEP);
          break;
        case 'd':
        case 'D':
          pan(PAN_STEP);
          break;
        case '0':
          reset();
          break;
        case 'z':
        case 'Z':
          if (s.cursor >= 0) viewport.fitBox(s.cursor);
          break;
        case 'Escape':
          callbacks.onDismiss();
          break;
        default:
          handled = false;
      }
    }
    if (handled) e.preventDefault();
  };
}

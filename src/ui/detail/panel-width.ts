// The side panel's width, remembered across visits.
const KEY = 'trace-viewer.side-panel.width';
export const MIN_PANEL_WIDTH = 280;
export const DEFAULT_PANEL_WIDTH = 440;

/** The widest the panel may be: most of the window, so the view beside it stays usable. */
export function maxPanelWidth(): number {
  const viewport = typeof window === 'undefined' ? 1600 : window.innerWidth;
  return Math.max(MIN_PANEL_WIDTH, Math.round(viewport * 0.8));
}

export function clampPanelWidth(width: number): number {
  return Math.round(Math.max(MIN_PANEL_WIDTH, Math.min(maxPanelWidth(), width)));
}

export function storedPanelWidth(): number {
  try {
    const v = Number(localStorage.getItem(KEY));
    return v > 0 ? clampPanelWidth(v) : DEFAULT_PANEL_WIDTH;
  } catch {
    return DEFAULT_PANEL_WIDTH;
  }
}

export function storePanelWidth(width: number): void {
  try {
    localStorage.setItem(KEY, String(width));
  } catch {
    // Storage can be unavailable (private mode); the width then lasts for this page.
  }
}

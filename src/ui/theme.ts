// Light and dark themes: follow the system unless the user picked one.
import { useEffect, useState } from 'react';

export type ThemeChoice = 'light' | 'dark';
const KEY = 'trace-viewer.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemTheme(): ThemeChoice {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function storedTheme(): ThemeChoice | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

export function useTheme(): [ThemeChoice, () => void] {
  const [picked, setPicked] = useState<ThemeChoice | null>(storedTheme);
  const [system, setSystem] = useState<ThemeChoice>(systemTheme);
  const theme = picked ?? system;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // Someone who switches the system to dark at dusk expects an open page to follow, as long as
  // they have not picked a theme here.
  useEffect(() => {
    if (picked !== null || typeof matchMedia !== 'function') return;
    const query = matchMedia(DARK_QUERY);
    const follow = () => setSystem(query.matches ? 'dark' : 'light');
    follow();
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [picked]);
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Storage can be unavailable (private mode); the choice then lasts for this page.
    }
    setPicked(next);
  };
  return [theme, toggle];
}

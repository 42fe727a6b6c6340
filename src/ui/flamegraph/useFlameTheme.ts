// The theme colors for canvas drawing, read again whenever the page switches theme.
import { useEffect, useState } from 'react';
import { readFlameTheme, type FlameTheme } from './theme-colors.ts';

export function useFlameTheme(): FlameTheme {
  const [theme, setTheme] = useState<FlameTheme>(() => readFlameTheme(document.documentElement));
  useEffect(() => {
    const root = document.documentElement;
    const observer = new MutationObserver(() => setTheme(readFlameTheme(root)));
    observer.observe(root, { attributes: true, attributeFilter: ['data-theme', 'style', 'class'] });
    // The theme may have been applied between the first render and this effect.
    setTheme(readFlameTheme(root));
    return () => observer.disconnect();
  }, []);
  return theme;
}

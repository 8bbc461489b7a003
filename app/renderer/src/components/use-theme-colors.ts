import { useMemo } from 'react';
import { useThemeStore } from '../stores/theme-store';

/** Reads theme.css custom properties (e.g. `--accent`) for canvas drawing, re-read whenever the theme changes. */
export function useThemeColors<K extends string>(names: readonly K[]): Record<K, string> {
  const theme = useThemeStore((state) => state.theme);
  const key = names.join(',');
  return useMemo(() => {
    const style = getComputedStyle(document.documentElement);
    const colors = {} as Record<K, string>;
    for (const name of names) colors[name] = style.getPropertyValue(`--${name}`).trim();
    return colors;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `names`; `theme` triggers the re-read
  }, [key, theme]);
}

import { create } from 'zustand';

export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'outpost.theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

interface ThemeState {
  theme: Theme;
  setTheme(theme: Theme): void;
}

/** The theme is applied before first paint (no flash), so it lives in localStorage rather than the database. */
export const useThemeStore = create<ThemeState>((set) => ({
  theme: initialTheme(),
  setTheme(theme) {
    localStorage.setItem(STORAGE_KEY, theme);
    document.documentElement.dataset['theme'] = theme;
    set({ theme });
  },
}));

document.documentElement.dataset['theme'] = useThemeStore.getState().theme;

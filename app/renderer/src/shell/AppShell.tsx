import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { BookFillProgress } from './BookFillProgress';
import { ScoringProgress } from './ScoringProgress';
import { FirstRunTour } from './FirstRunTour';
import { ShortcutSheet } from './ShortcutSheet';
import { NAV_SECTIONS, shortcutCode } from './nav-sections';
import { useThemeStore } from '../stores/theme-store';
import { FEATURES } from '../features';
import './app-shell.css';

const NAV_STATUS = FEATURES.flatMap((feature) => (feature.navStatus ? [{ id: feature.id, Status: feature.navStatus }] : []));
const PROGRESS = FEATURES.flatMap((feature) => (feature.progress ? [{ id: feature.id, Progress: feature.progress }] : []));

export function AppShell({ children }: { children: ReactNode }) {
  const [location, navigate] = useLocation();
  const { theme, setTheme } = useThemeStore();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const section = NAV_SECTIONS.find((s) => event.code === shortcutCode(s.shortcut));
      if (section) {
        event.preventDefault();
        navigate(section.path);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const isActive = (path: string) => (path === '/' ? location === '/' : location.startsWith(path));

  return (
    <div className="app-shell">
      <nav className="app-nav" aria-label="Sections">
        <div className="app-brand">Outpost</div>
        <ul>
          {NAV_SECTIONS.map((section) => (
            <li key={section.path}>
              <Link
                href={section.path}
                className={isActive(section.path) ? 'active' : ''}
                aria-current={isActive(section.path) ? 'page' : undefined}
                title={`${section.label} (Alt+${section.shortcut})`}
              >
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
        {NAV_STATUS.map(({ id, Status }) => (
          <Status key={id} />
        ))}
        <ShortcutSheet />
        <button
          type="button"
          className="theme-toggle"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </nav>
      <main className="app-main">
        <BookFillProgress />
        {PROGRESS.map(({ id, Progress }) => (
          <Progress key={id} />
        ))}
        <ScoringProgress />
        <FirstRunTour />
        {children}
      </main>
    </div>
  );
}

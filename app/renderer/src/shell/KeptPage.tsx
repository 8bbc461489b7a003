import { Activity, useLayoutEffect, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { useRoute } from 'wouter';
import type { PageProps } from '../features/feature-manifest';

type Params = PageProps['params'];

const sameParams = (a: Params, b: Params) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

/**
 * A page that stays mounted once visited (a feature's `route.keep`). While another route shows, it is hidden in an
 * `<Activity>`: `display: none`, so out of sight, out of the accessibility tree and the tab order; its effects stopped
 * and its updates rendered only when the browser is idle; its state and DOM kept. Coming back only shows it again, where
 * it was (sort, filters, scroll), with focus back on what had it when the page was left.
 */
export function KeptPage({ path, page: Page }: { path: string; page: ComponentType<PageProps> }) {
  const [match, params] = useRoute(path);
  const [visited, setVisited] = useState(match);
  if (match && !visited) setVisited(true);
  // The same params object while they are unchanged, so the hidden page is not rendered again on every navigation.
  const paramsRef = useRef<Params>(params ?? {});
  if (match && params && !sameParams(params, paramsRef.current)) paramsRef.current = params;
  const current = paramsRef.current;
  const page = useMemo(() => <Page params={current} />, [Page, current]);
  if (!visited) return null;
  return (
    <Activity mode={match ? 'visible' : 'hidden'}>
      <FocusReturn>{page}</FocusReturn>
    </Activity>
  );
}

/**
 * Remembers what had focus in the page when it was hidden and gives it focus again when the page shows, unless focus
 * is elsewhere by then. Its box is `display: contents` (kept-page in app-shell.css), so the page lays out as before.
 */
function FocusReturn({ children }: { children: ReactNode }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const lastFocus = useRef<HTMLElement | null>(null);
  // A layout effect: an Activity being hidden runs the cleanup before it hides the page, shown again the effect runs
  // after the page is back in the layout, before the browser paints.
  useLayoutEffect(() => {
    const box = boxRef.current;
    const last = lastFocus.current;
    const active = document.activeElement;
    if (box && last?.isConnected && box.contains(last) && (active === null || active === document.body || box.contains(active))) {
      last.focus({ preventScroll: true });
    }
    return () => {
      const focused = document.activeElement;
      lastFocus.current = box && focused instanceof HTMLElement && box.contains(focused) ? focused : null;
    };
  }, []);
  return (
    <div ref={boxRef} className="kept-page">
      {children}
    </div>
  );
}

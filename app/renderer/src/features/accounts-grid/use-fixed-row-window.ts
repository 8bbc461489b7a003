import { useEffect, useState, type RefObject } from 'react';

/** The rows to render: `first` to `last` inclusive (`last < first` when there are none). */
export interface RowWindow {
  first: number;
  last: number;
}

/**
 * The rows of a list of `count` rows, each `rowHeight` tall, that a viewport `height` tall scrolled to `scrollTop`
 * shows, and `overscan` more on each side. Pure: every row's place is `index * rowHeight`, so nothing is measured.
 */
export function fixedRowWindow(scrollTop: number, height: number, rowHeight: number, count: number, overscan: number): RowWindow {
  if (count === 0) return { first: 0, last: -1 };
  const top = Math.max(0, scrollTop);
  const first = Math.max(0, Math.min(count - 1, Math.floor(top / rowHeight)) - overscan);
  const last = Math.min(count - 1, Math.ceil((top + Math.max(0, height)) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/**
 * The window of rows a scrolling element shows, for rows of one fixed height. Nothing of the page's layout is read
 * while rendering or in a layout effect (TanStack's virtualizer read the element's size there, a forced layout of the
 * whole page before the first rows were even in it): the first render assumes the element as tall as the window
 * (a few rows more than it shows) and adds no overscan; the element's real height and scroll position are taken
 * from its scroll events, and from its ResizeObserver (called after layout) only when the element grew past the
 * height assumed, so the first paint is not followed by a render that only adds rows out of view.
 */
export function useFixedRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number): RowWindow {
  // `measured`: the element's height is known (from a scroll). Until then no overscan is rendered: nothing has
  // scrolled yet, and the first render (the cold start's) holds only what can be on screen.
  const [viewport, setViewport] = useState(() => ({ scrollTop: 0, height: typeof window === 'undefined' ? 0 : window.innerHeight, measured: false }));

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onScroll = () =>
      setViewport((previous) => {
        const scrollTop = element.scrollTop;
        const height = element.clientHeight;
        return previous.measured && previous.scrollTop === scrollTop && previous.height === height ? previous : { scrollTop, height, measured: true };
      });
    // A size the rows rendered already cover (the first one, below the window's height) changes nothing: a render
    // right after the first paint would only add the overscan, which the first scroll adds.
    const onResize = () =>
      setViewport((previous) => {
        const scrollTop = element.scrollTop;
        const height = element.clientHeight;
        if (previous.scrollTop === scrollTop && height <= previous.height) return previous;
        return { scrollTop, height, measured: true };
      });
    element.addEventListener('scroll', onScroll, { passive: true });
    const resizes =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver((entries) => {
            const box = entries[entries.length - 1]?.contentRect;
            // A hidden element (a kept page out of view) reports 0: keep the last window until it is shown again.
            if (box && box.height > 0) onResize();
          });
    resizes?.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      resizes?.disconnect();
    };
  }, [scrollRef]);

  return fixedRowWindow(viewport.scrollTop, viewport.height, rowHeight, count, viewport.measured ? overscan : 0);
}

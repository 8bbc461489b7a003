import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

/**
 * Mounts `render()` into a fresh container in the document before each test of the file and unmounts it after, inside
 * React's act() (a happy-dom test file). Hooks the file registers before calling this run first (a store reset, say).
 */
export function mountedEachTest(render: () => ReactNode): { readonly container: HTMLDivElement } {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  let container: HTMLDivElement | undefined;
  let root: Root | undefined;
  beforeEach(async () => {
    container = document.createElement('div');
    document.body.append(container);
    const mounted = createRoot(container);
    root = mounted;
    await act(async () => mounted.render(render()));
  });
  afterEach(async () => {
    await act(async () => root?.unmount());
    container?.remove();
  });
  return {
    get container() {
      if (!container) throw new Error('mountedEachTest: no component is mounted outside a test');
      return container;
    },
  };
}

import { useLayoutEffect, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { afterPaint } from './after-paint-queue';

/**
 * False in the frame the component first paints in, true from a task of its own after that paint (after-paint-queue.ts:
 * one job per task, in the order queued). The update is rendered and committed within that task (flushSync), so each
 * component that waits for it costs one task of its own, and an input that comes meanwhile is answered between two.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  // A layout effect queues the job at the commit, so it runs right after this frame's paint, not a frame later.
  useLayoutEffect(() => afterPaint(() => flushSync(() => setPainted(true))), []);
  return painted;
}

/** `fallback` (a skeleton) in the first frame, `children` right after it: a heavy panel that must not hold a page's first paint. */
export function AfterPaint({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  return useAfterFirstPaint() ? children : fallback;
}

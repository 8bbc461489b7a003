import { useEffect, useState } from 'react';

/** The time now (epoch ms), re-rendering once a second while `active` (a retry countdown, a time left). */
export function useNow(active: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return Date.now();
}

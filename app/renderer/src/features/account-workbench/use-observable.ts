import { useEffect, useState, type DependencyList } from 'react';
import type { Observable } from 'rxjs';

/** The latest value of an observable (undefined until it first emits), resubscribing when `deps` change. */
export function useObservable<T>(create: () => Observable<T>, deps: DependencyList): T | undefined {
  const [value, setValue] = useState<{ current: T } | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    const subscription = create().subscribe((next) => setValue({ current: next }));
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what `create` depends on
  }, deps);
  return value?.current;
}

import type { StoreApi } from 'zustand';

/** Resolves as soon as the store's state satisfies `reached` (at once if it already does). */
export function whenState<S>(store: Pick<StoreApi<S>, 'getState' | 'subscribe'>, reached: (state: S) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (reached(store.getState())) return resolve();
    const unsubscribe = store.subscribe((state) => {
      if (!reached(state)) return;
      unsubscribe();
      resolve();
    });
  });
}

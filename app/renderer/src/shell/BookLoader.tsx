import { useEffect, useState, type ReactNode } from 'react';
import type { OutpostDatabase } from '../../../../common/db/create-database';
import type { SeedProgress } from '../../../../common/demo/seed-demo-book';
import { DatabaseContext } from '../db/database-context';
import { noBookOpenedBefore, rememberOpenedBook } from '../db/book-hint';
import { openLocalBook } from '../db/local-book';
import { queryBookAccounts } from '../db/book-accounts';
import { bindAccountsStore, useAccountsStore } from '../stores/accounts-store';
import { demoBookProfileFromUrl, demoBookSizeFromUrl } from './demo-book-size';
import { demoFillComplete, readDemoFillState } from '../../../../common/demo/demo-fill-state';
import { useBookFillStore } from '../stores/book-fill-store';
import { BookOpening } from './BookOpening';
import { workersAvailable, writeHistoryInWorker } from './book-fill-in-worker';

type LoadState =
  | { phase: 'opening' }
  | { phase: 'ready'; db: OutpostDatabase }
  | { phase: 'failed'; message: string };

/** Opens the local book (seeding the demo book on first start) and provides it to the app. */
export function BookLoader({ children }: { children: ReactNode }) {
  const [state, setState] = useState<LoadState>({ phase: 'opening' });

  useEffect(() => {
    let unbind: (() => void) | undefined;
    let cancelled = false;
    (async () => {
      // On a device's first start the demo book's generator is loaded while the book opens, not after.
      const fillModule = () => import('../../../../common/demo/fill-demo-book');
      const prefetched = noBookOpenedBefore() ? fillModule() : undefined;
      prefetched?.catch(() => undefined);
      rememberOpenedBook('local');
      const db = await openLocalBook();
      performance.mark('outpost:book-open');
      // The accounts query open-early started (or a new run of it): the grid's own, so its answer is not read twice.
      const [accounts, fillState] = await Promise.all([queryBookAccounts(db), readDemoFillState(db)]);
      let opened = false;
      const ready = () => {
        if (opened || cancelled) return;
        opened = true;
        performance.mark('outpost:book-ready');
        unbind = bindAccountsStore(db);
        setState({ phase: 'ready', db });
      };
      // First start (an empty book) or a fill a closed window left halfway: the demo book is filled accounts first,
      // the grid opens as soon as they are stored, and the history follows behind a counted progress bar
      // (BookFillProgress). The generator is loaded only then, not on every start.
      if (accounts.length > 0 && (fillState === undefined || demoFillComplete(fillState))) return ready();
      useBookFillStore.setState({ phase: 'filling', done: fillState?.historyWritten ?? 0, total: 0, startedAt: Date.now(), startedDone: fillState?.historyWritten ?? 0 });
      const { ensureDemoBook } = await (prefetched ?? fillModule());
      const profile = demoBookProfileFromUrl(window.location.search);
      const size = { accounts: demoBookSizeFromUrl(window.location.search), ...(profile ? { profile } : {}) };
      const progress = ({ done, total }: SeedProgress) => useBookFillStore.setState({ done, total });
      const accountsProgress = ({ done, total }: SeedProgress) => useBookFillStore.setState({ accountsDone: done, accountsTotal: total });
      // The history's writes start once the grid has shown the accounts: until then they would compete with the grid's
      // read and first render for the main thread and IndexedDB, and the first start would wait for both.
      const onAccountsWritten = () => {
        ready();
        return accountsShown();
      };
      // The history is written in a worker where the host has workers (both hosts do), on the page otherwise.
      const writeHistory = workersAvailable() ? writeHistoryInWorker : undefined;
      await ensureDemoBook(db, size, progress, { onAccountsWritten, onAccountsProgress: accountsProgress, ...(writeHistory ? { writeHistory } : {}) }).then(
        () => {
          performance.mark('outpost:book-filled');
          useBookFillStore.setState({ phase: 'complete' });
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          useBookFillStore.setState({ phase: 'failed', error: message });
          if (!opened) throw error;
        },
      );
    })().catch((error: unknown) => {
      if (!cancelled) setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
      unbind?.();
    };
  }, []);

  switch (state.phase) {
    case 'ready':
      return <DatabaseContext.Provider value={state.db}>{children}</DatabaseContext.Provider>;
    case 'failed':
      return (
        <div className="page" role="alert">
          <h1>Outpost could not open your local book</h1>
          <p className="error-text">{state.message}</p>
          <p className="muted">Nothing was changed. Close other Outpost windows and reload; if it persists, report this message.</p>
        </div>
      );
    default:
      return <BookOpening />;
  }
}

/**
 * Resolves once the accounts store has its first result and a frame has been rendered after it (the grid's first
 * render), or after ACCOUNTS_SHOWN_WAIT_MS at most (a window in the background renders no frames).
 */
function accountsShown(): Promise<void> {
  return new Promise((resolve) => {
    const timeout = setTimeout(resolve, ACCOUNTS_SHOWN_WAIT_MS);
    const afterFrame = () =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(timeout);
          resolve();
        }, 0),
      );
    if (useAccountsStore.getState().loaded) return afterFrame();
    const unsubscribe = useAccountsStore.subscribe((state) => {
      if (!state.loaded) return;
      unsubscribe();
      afterFrame();
    });
  });
}

const ACCOUNTS_SHOWN_WAIT_MS = 3000;

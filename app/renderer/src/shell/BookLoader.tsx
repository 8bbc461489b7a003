import { useEffect, useState, type ReactNode } from 'react';
import type { OutpostDatabase } from '../../../../common/db/create-database';
import type { SeedProgress } from '../../../../common/demo/seed-demo-book';
import { DatabaseContext } from '../db/database-context';
import { rememberOpenedBook } from '../db/book-hint';
import { openLocalBook } from '../db/local-book';
import { queryBookAccounts } from '../db/book-accounts';
import { bindAccountsStore } from '../stores/accounts-store';
import { demoBookProfileFromUrl, demoBookSizeFromUrl } from './demo-book-size';
import { DEMO_FILL_ID, demoFillComplete, type DemoFillState } from '../../../../common/demo/demo-fill-state';
import { useBookFillStore } from '../stores/book-fill-store';
import { BookOpening } from './BookOpening';

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
      rememberOpenedBook('local');
      const db = await openLocalBook();
      performance.mark('outpost:book-open');
      // The accounts query open-early started (or a new run of it): the grid's own, so its answer is not read twice.
      const [accounts, fill] = await Promise.all([queryBookAccounts(db), db.preferences.findOne(DEMO_FILL_ID).exec()]);
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
      const fillState = fill?.toJSON().value as DemoFillState | undefined;
      if (accounts.length > 0 && (fillState === undefined || demoFillComplete(fillState))) return ready();
      useBookFillStore.setState({ phase: 'filling', done: fillState?.historyWritten ?? 0, total: 0, startedAt: Date.now(), startedDone: fillState?.historyWritten ?? 0 });
      const { ensureDemoBook } = await import('../../../../common/demo/fill-demo-book');
      const profile = demoBookProfileFromUrl(window.location.search);
      const size = { accounts: demoBookSizeFromUrl(window.location.search), ...(profile ? { profile } : {}) };
      const progress = ({ done, total }: SeedProgress) => useBookFillStore.setState({ done, total });
      const accountsProgress = ({ done, total }: SeedProgress) => useBookFillStore.setState({ accountsDone: done, accountsTotal: total });
      await ensureDemoBook(db, size, progress, { onAccountsWritten: ready, onAccountsProgress: accountsProgress }).then(
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

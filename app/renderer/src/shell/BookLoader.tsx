import { useEffect, useState, type ReactNode } from 'react';
import type { OutpostDatabase } from '../../../../common/db/create-database';
import type { SeedProgress } from '../../../../common/demo/seed-demo-book';
import { DatabaseContext } from '../db/database-context';
import { rememberOpenedBook } from '../db/book-hint';
import { openLocalBook } from '../db/local-book';
import { queryBookAccounts } from '../db/book-accounts';
import { bindAccountsStore } from '../stores/accounts-store';
import { demoBookSizeFromUrl } from './demo-book-size';

type LoadState =
  | { phase: 'opening' }
  | { phase: 'seeding'; progress: SeedProgress }
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
      // The demo-book generator is loaded only when the book is empty (first start), not on every start.
      // The accounts query open-early started (or a new run of it): the grid's own, so its answer is not read twice.
      if ((await queryBookAccounts(db)).length === 0) {
        const { ensureDemoBook } = await import('../../../../common/demo/seed-demo-book');
        await ensureDemoBook(db, { accounts: demoBookSizeFromUrl(window.location.search) }, (progress) => {
          if (!cancelled) setState({ phase: 'seeding', progress });
        });
      }
      performance.mark('outpost:book-ready');
      unbind = bindAccountsStore(db);
      if (!cancelled) setState({ phase: 'ready', db });
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
    case 'seeding':
      return (
        <div className="page" aria-busy="true">
          <h1>Preparing the demo book of accounts…</h1>
          <progress max={state.progress.total} value={state.progress.done} aria-label="Demo book progress" />
          <p className="muted">
            {state.progress.done.toLocaleString()} of {state.progress.total.toLocaleString()} accounts
          </p>
        </div>
      );
    default:
      return (
        <div className="page" aria-busy="true">
          <p className="muted">Opening your book…</p>
        </div>
      );
  }
}

import { openLocalBookAccounts } from './local-book';
import { lastOpenedBookWasTeam } from './book-hint';
import { queryBookAccounts } from './book-accounts';

/** Longest the rest of the app waits for the early read to be under way (only a slow or blocked IndexedDB reaches it). */
const APP_WAITS_AT_MOST_MS = 250;

/**
 * Imported first by main.tsx, in the entry chunk with only the database code: the book starts opening before the rest
 * of the app (React, the pages) is even loaded, and the grid's accounts query starts as soon as the accounts collection
 * is open. `readUnderWay` resolves once that read has started (or failed, or took too long); main.tsx
 * loads the rest of the app then, so its evaluation (one long task) runs while IndexedDB reads instead of holding up
 * the steps that start the read. BookLoader awaits the same book and query and reports any failure.
 * Skipped when this window last worked on a team replica: that sign-in is read through the bridge (async), and the
 * team book is opened by TeamBookLoader, which closes a local book opened here anyway (one book per window).
 */
export const readUnderWay: Promise<void> = lastOpenedBookWasTeam()
  ? Promise.resolve()
  : Promise.race([
      openLocalBookAccounts().then(
        (book) => {
          performance.mark('outpost:accounts-open');
          void queryBookAccounts(book).then(() => performance.mark('outpost:accounts-read'), () => {});
        },
        () => {},
      ),
      new Promise<void>((resolve) => setTimeout(resolve, APP_WAITS_AT_MOST_MS)),
    ]);

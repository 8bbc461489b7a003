import { openLocalBook } from './local-book';
import { lastOpenedBookWasTeam } from './book-hint';
import { queryBookAccounts } from './book-accounts';

// Imported first by main.tsx: IndexedDB starts opening the book while the rest of the app (React, the pages) is still
// being evaluated, instead of after the first render. BookLoader awaits the same promise and reports any failure.
// Skipped when this window last worked on a team replica: that sign-in is read through the bridge (async), and the
// team book is opened by TeamBookLoader, which closes a local book opened here anyway (one book per window).
if (!lastOpenedBookWasTeam()) openLocalBook().then(queryBookAccounts).catch(() => {});

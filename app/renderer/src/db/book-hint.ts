/**
 * A hint, kept in localStorage, of which book this window opened last: the local book can then start opening before
 * the kept sign-in has been read through the bridge. Only a hint: a wrong one costs time, never correctness.
 */
const KEY = 'outpost.last-book';

export function lastOpenedBookWasTeam(): boolean {
  try {
    return localStorage.getItem(KEY) === 'team';
  } catch {
    return false;
  }
}

/** No book was opened in this window's storage before: most likely a first start, with the demo book to fill. */
export function noBookOpenedBefore(): boolean {
  try {
    return localStorage.getItem(KEY) === null;
  } catch {
    return false;
  }
}

export function rememberOpenedBook(kind: 'local' | 'team'): void {
  try {
    localStorage.setItem(KEY, kind);
  } catch {
    // storage unavailable: the hint is only an optimisation
  }
}

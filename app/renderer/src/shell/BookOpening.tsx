import { useBookFillStore } from '../stores/book-fill-store';

/**
 * What the window shows until the grid can open: on a first start, the demo book's accounts being written, counted
 * (the history follows behind the grid, BookFillProgress); otherwise the local database being opened, which is short.
 */
export function BookOpening() {
  const { phase, accountsDone, accountsTotal } = useBookFillStore();
  const counting = phase === 'filling' && accountsTotal !== undefined && accountsTotal > 0;
  return (
    <div className="page book-opening" aria-busy="true" data-testid="book-opening">
      <h1>Opening your book</h1>
      {counting ? (
        <div role="status" aria-live="polite" className="book-opening-progress">
          <p>
            First start: creating the demo book, {accountsDone!.toLocaleString('en-US')} of {accountsTotal.toLocaleString('en-US')} accounts
            written. The grid opens when they are all in; their history follows in the background.
          </p>
          <progress max={accountsTotal} value={accountsDone} aria-label="Creating the demo book" />
        </div>
      ) : (
        <p className="muted" role="status">
          {phase === 'filling' ? 'First start: preparing the demo book…' : 'Reading the book stored on this device…'}
        </p>
      )}
    </div>
  );
}

import { formatCount } from '../../../../common/format/format';
import { useBookFillStore, fillSecondsLeft } from '../stores/book-fill-store';

/** A counted progress bar over the workbench while the book's history is still being written behind the grid. */
export function BookFillProgress() {
  const fill = useBookFillStore();
  if (fill.phase === 'failed') {
    return (
      <div className="book-fill" role="alert">
        Filling the demo book stopped: {fill.error}. Reload the window to continue where it stopped.
      </div>
    );
  }
  if (fill.phase !== 'filling') return null;
  const left = fillSecondsLeft(fill, Date.now());
  return (
    <div className="book-fill" role="status" aria-live="polite" data-testid="book-fill">
      <span>
        Filling your book: history of {formatCount(fill.done)} of {formatCount(fill.total)} accounts
        {left === null ? '' : `, about ${left < 60 ? `${left} s` : `${Math.ceil(left / 60)} min`} left`}. You can work meanwhile;
        scores follow when it is done.
      </span>
      <progress max={fill.total} value={fill.done} aria-label="Filling your book" />
    </div>
  );
}

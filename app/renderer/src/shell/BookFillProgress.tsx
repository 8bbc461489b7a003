import { formatCount } from '../../../../common/format/format';
import { secondsLeft, timeLeftText } from '../../../../common/progress/time-left';
import { useBookFillStore } from '../stores/book-fill-store';

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
  return (
    <div className="book-fill" role="status" aria-live="polite" data-testid="book-fill">
      <span>
        Filling your book: history of {formatCount(fill.done)} of {formatCount(fill.total)} accounts
        {timeLeftText(secondsLeft(fill, Date.now()))}. You can work meanwhile;
        scores follow when it is done.
      </span>
      <progress max={fill.total} value={fill.done} aria-label="Filling your book" />
    </div>
  );
}

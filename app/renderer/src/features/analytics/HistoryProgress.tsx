import { formatCount } from '../../../../../common/format/format';
import { useBookFillStore } from '../../stores/book-fill-store';
import { useAnalyticsHistory } from './use-book-analytics';

/** Progress while the book's revenue and activity history is read (a 10,000-account book holds a few hundred thousand). */
export function HistoryProgress() {
  const { status, done, total, error } = useAnalyticsHistory();
  const filling = useBookFillStore((s) => s.phase === 'filling');
  if (status === 'ready') return null;
  if (status === 'error') return <p className="error" role="alert">Could not read the book&apos;s history: {error}</p>;
  if (filling && total === 0) {
    return (
      <p className="analytics-progress muted" role="status" data-testid="analytics-progress">
        The book&apos;s history is still being written (see the bar above); revenue figures follow when it is complete.
      </p>
    );
  }
  return (
    <div className="analytics-progress" role="status" data-testid="analytics-progress">
      <span>Reading the book&apos;s revenue and activity history…</span>
      <progress value={done} max={total || 1} aria-label="History read" />
      <span className="muted">
        {formatCount(done)} of {formatCount(total)} records
      </span>
    </div>
  );
}

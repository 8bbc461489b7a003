import { useAssessmentsStore } from '../stores/assessments-store';

/** Runs over fewer accounts (one edited account, a handful synced) are quick and not announced. */
const SHOWN_FROM = 20;

/**
 * Progress of a scoring run over the book (the first scoring, a rescore after the scorecard or rules change), from the
 * scoring engine's own status (done of total accounts, updated per batch).
 */
export function ScoringProgress() {
  const status = useAssessmentsStore((s) => s.status);
  if (status.state !== 'scoring' || status.total < SHOWN_FROM) return null;
  return (
    <div className="book-fill" role="status" aria-live="polite" data-testid="scoring-progress">
      <span>
        Scoring your book: {status.done.toLocaleString('en-US')} of {status.total.toLocaleString('en-US')} accounts. Scores on screen update as
        each batch is done.
      </span>
      <progress max={status.total} value={status.done} aria-label="Scoring your book" />
    </div>
  );
}

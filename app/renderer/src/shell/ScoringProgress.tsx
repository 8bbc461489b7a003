import { formatCount } from '../../../../common/format/format';
import { secondsLeft, timeLeftText } from '../../../../common/progress/time-left';
import { useAssessmentsStore } from '../stores/assessments-store';

/** Runs over fewer accounts (one edited account, a handful synced) are quick and not announced. */
const SHOWN_FROM = 20;

/**
 * Progress of a scoring run over the book (the first scoring, a rescore after the scorecard or rules change, accounts
 * re-assigned through sync), from the scoring engine's own status (done of total accounts, updated per batch), with the
 * time left at the rate this window has seen the run go.
 */
export function ScoringProgress() {
  const status = useAssessmentsStore((s) => s.status);
  const run = useAssessmentsStore((s) => s.runSeen);
  if (status.state !== 'scoring' || status.total < SHOWN_FROM) return null;
  const left = run ? secondsLeft({ done: status.done, total: status.total, startedAt: run.at, startedDone: run.done }, Date.now()) : null;
  return (
    <div className="book-fill" role="status" aria-live="polite" data-testid="scoring-progress">
      <span>
        Scoring your book: {formatCount(status.done)} of {formatCount(status.total)} accounts{timeLeftText(left)}. Scores on
        screen update as each batch is done.
      </span>
      <progress max={status.total} value={status.done} aria-label="Scoring your book" />
    </div>
  );
}

import { type RetrainReminderState, retrainReminder } from '../../../../../common/intelligence/retrain-reminder';

/** The weekly retrain reminder (retrain-reminder.ts): shown when a week has passed without a retrain or promotion. */
export function RetrainReminderNotice({ state, promotedAt, onSnooze }: { state: RetrainReminderState; promotedAt: string | undefined; onSnooze: () => void }) {
  const reminder = retrainReminder(state, new Date(), promotedAt);
  if (!reminder.due) {
    return (
      <p className="muted" data-testid="retrain-reminder-next">
        Next weekly retrain reminder: {reminder.dueAt.slice(0, 10)}.
      </p>
    );
  }
  return (
    <p className="notice" role="status" data-testid="retrain-reminder">
      Weekly retrain due:{' '}
      {reminder.daysSinceRetrain === null ? 'no model has been retrained on this book yet' : `the last retrain or promotion was ${reminder.daysSinceRetrain} days ago`}. The book
      has new renewals and outcomes since; retrain to see whether a model trained on them does better.{' '}
      <button type="button" onClick={onSnooze}>
        Remind me next week
      </button>
    </p>
  );
}

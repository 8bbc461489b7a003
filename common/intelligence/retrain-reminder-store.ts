import type { OutpostDatabase } from '../db/create-database';
import { parseRetrainReminderState, type RetrainReminderState } from './retrain-reminder';

/** The reminder's state on this device: a local document of riskassessments (never replicated). */
const REMINDER_ID = 'retrain-reminder';

/** The stored state; on the first read the reminders start `now` (stored, so the first week counts from then). */
export async function readRetrainReminderState(db: OutpostDatabase, now: Date): Promise<RetrainReminderState> {
  const doc = await db.riskassessments.getLocal<Record<string, unknown>>(REMINDER_ID);
  const state = parseRetrainReminderState(doc?.toJSON().data, now);
  if (!doc) await db.riskassessments.upsertLocal(REMINDER_ID, { ...state });
  return state;
}

/** Records a retrain or a snooze at `at`. */
export async function recordRetrainReminder(db: OutpostDatabase, event: 'retrained' | 'snoozed', at: Date): Promise<RetrainReminderState> {
  const state = await readRetrainReminderState(db, at);
  const next: RetrainReminderState = { ...state, ...(event === 'retrained' ? { lastRetrainAt: at.toISOString() } : { snoozedAt: at.toISOString() }) };
  await db.riskassessments.upsertLocal(REMINDER_ID, { ...next });
  return next;
}

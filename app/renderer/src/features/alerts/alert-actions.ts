import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { stampChanges } from '../../../../../common/db/stamp-writes';
import type { Alert } from '../../../../../common/model';
import type { ReversibleAction } from '../../stores/undo-store';

/** The fields a person's handling of an alert changes (status, snooze, feedback, who), all restored by an undo. */
const HANDLING_FIELDS = ['status', 'snoozedUntil', 'feedback', 'feedbackAt', 'handledBy'] as const;
type Handling = Partial<Pick<Alert, (typeof HANDLING_FIELDS)[number]>>;

function handlingOf(alert: Alert): Handling {
  const out: Handling = {};
  for (const field of HANDLING_FIELDS) if (alert[field] !== undefined) (out as Record<string, unknown>)[field] = alert[field];
  return out;
}

/** Writes the handling fields exactly (a field absent from `handling` is removed), stamped for sync. */
async function writeHandling(db: OutpostDatabase, id: string, handling: Handling): Promise<void> {
  const doc = await db.alerts.findOne(id).exec();
  if (!doc) return;
  await doc.incrementalModify((data) => {
    const next = { ...data } as Alert;
    const changes: Record<string, unknown> = {};
    for (const field of HANDLING_FIELDS) {
      changes[field] = handling[field];
      if (handling[field] === undefined) delete (next as unknown as Record<string, unknown>)[field];
      else (next as unknown as Record<string, unknown>)[field] = handling[field];
    }
    const stamped = stampChanges(data.fieldStamps, changes);
    return { ...next, updatedAt: stamped.updatedAt, fieldStamps: stamped.fieldStamps };
  });
}

/**
 * Applies one handling (acknowledge, snooze, "this alert was wrong") to several alerts and returns how to undo it:
 * the undo writes each alert's previous handling back as a new stamped edit.
 */
export async function handleAlerts(
  db: OutpostDatabase,
  alerts: readonly Alert[],
  change: Handling,
  label: string,
): Promise<ReversibleAction> {
  const before = alerts.map((alert) => ({ id: alert.id, handling: handlingOf(alert) }));
  for (const alert of alerts) await writeHandling(db, alert.id, { ...handlingOf(alert), ...change });
  return {
    label,
    undo: async () => {
      for (const { id, handling } of before) await writeHandling(db, id, handling);
    },
  };
}

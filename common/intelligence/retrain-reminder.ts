/**
 * The weekly retrain reminder on the Models page: a team's book changes every week (new renewals, new outcomes), so
 * the page asks for a retrain once a week. Device-local state (a local document), decided here without I/O.
 */

export const RETRAIN_REMINDER_DAYS = 7;
const DAY_MS = 86_400_000;

/** What the device remembers (ISO date-times): when reminders started, the last retrain, the last "remind me later". */
export interface RetrainReminderState {
  /** The first time the Models page was opened on this device: the first week counts from then. */
  readonly since: string;
  readonly lastRetrainAt?: string;
  readonly snoozedAt?: string;
}

export interface RetrainReminder {
  readonly due: boolean;
  /** When the next reminder falls due (ISO date-time). */
  readonly dueAt: string;
  /** Whole days since the last retrain on this device or the last promotion, null when there was none. */
  readonly daysSinceRetrain: number | null;
}

const later = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined ? a : a > b ? a : b);

/**
 * Whether a retrain is due at `now`: a week after the latest of the last retrain (on this device, or the team's last
 * promotion `promotedAt`), the last snooze and the start of reminders. A state that does not parse counts as none.
 */
export function retrainReminder(state: RetrainReminderState, now: Date, promotedAt?: string): RetrainReminder {
  const retrained = later(valid(state.lastRetrainAt), valid(promotedAt));
  const from = later(later(retrained, valid(state.snoozedAt)), valid(state.since)) ?? now.toISOString();
  const dueAt = new Date(Date.parse(from) + RETRAIN_REMINDER_DAYS * DAY_MS).toISOString();
  return {
    due: now.getTime() >= Date.parse(dueAt),
    dueAt,
    daysSinceRetrain: retrained === undefined ? null : Math.floor((now.getTime() - Date.parse(retrained)) / DAY_MS),
  };
}

function valid(iso: string | undefined): string | undefined {
  return iso !== undefined && Number.isFinite(Date.parse(iso)) ? new Date(Date.parse(iso)).toISOString() : undefined;
}

/** The stored state read back: unknown or broken fields are dropped; none at all starts reminders `now`. */
export function parseRetrainReminderState(stored: unknown, now: Date): RetrainReminderState {
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const iso = (key: string) => {
    const value = fields[key];
    return typeof value === 'string' ? valid(value) : undefined;
  };
  const lastRetrainAt = iso('lastRetrainAt');
  const snoozedAt = iso('snoozedAt');
  return { since: iso('since') ?? now.toISOString(), ...(lastRetrainAt ? { lastRetrainAt } : {}), ...(snoozedAt ? { snoozedAt } : {}) };
}

import { describe, expect, it } from 'vitest';
import { parseRetrainReminderState, retrainReminder } from './retrain-reminder';

const at = (iso: string) => new Date(iso);

describe('weekly retrain reminder', () => {
  it('falls due a week after reminders start, not before', () => {
    const state = { since: '2026-07-01T09:00:00.000Z' };
    expect(retrainReminder(state, at('2026-07-08T08:59:59.000Z')).due).toBe(false);
    expect(retrainReminder(state, at('2026-07-08T09:00:00.000Z'))).toEqual({ due: true, dueAt: '2026-07-08T09:00:00.000Z', daysSinceRetrain: null });
  });

  it('a retrain on this device, or a promotion by the team, starts a new week', () => {
    const state = { since: '2026-06-01T00:00:00.000Z', lastRetrainAt: '2026-07-05T10:00:00.000Z' };
    expect(retrainReminder(state, at('2026-07-10T00:00:00.000Z'))).toEqual({ due: false, dueAt: '2026-07-12T10:00:00.000Z', daysSinceRetrain: 4 });
    expect(retrainReminder({ since: '2026-06-01T00:00:00.000Z' }, at('2026-07-10T00:00:00.000Z'), '2026-07-08T00:00:00.000Z').due).toBe(false);
    // The later of the two counts.
    expect(retrainReminder(state, at('2026-07-13T00:00:00.000Z'), '2026-07-01T00:00:00.000Z')).toMatchObject({ due: true, daysSinceRetrain: 7 });
  });

  it('"remind me next week" snoozes it for a week', () => {
    const state = { since: '2026-06-01T00:00:00.000Z', snoozedAt: '2026-07-10T00:00:00.000Z' };
    expect(retrainReminder(state, at('2026-07-16T23:00:00.000Z')).due).toBe(false);
    expect(retrainReminder(state, at('2026-07-17T00:00:00.000Z')).due).toBe(true);
  });

  it('reads a stored state defensively: broken fields are dropped, none starts reminders now', () => {
    const now = at('2026-07-10T00:00:00.000Z');
    expect(parseRetrainReminderState(undefined, now)).toEqual({ since: '2026-07-10T00:00:00.000Z' });
    expect(parseRetrainReminderState({ since: 'yesterday', lastRetrainAt: 42, snoozedAt: '2026-07-01T00:00:00Z' }, now)).toEqual({
      since: '2026-07-10T00:00:00.000Z',
      snoozedAt: '2026-07-01T00:00:00.000Z',
    });
  });
});

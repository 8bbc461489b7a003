import { DateTime } from 'luxon';
import type { IsoDate } from '../model/sync-fields';
import { type CadenceAccount, type CadenceRule, type ExistingMeeting, proposeCadenceMeetings, type ProposedMeeting } from './cadence';

export interface OverdueTouch extends ProposedMeeting {
  daysOverdue: number;
}

/**
 * Accounts overdue for a touch: meetings a cadence asked for in the last `lookbackDays` (up to today) that no meeting
 * covered, most overdue first, one line per account (its oldest missed meeting).
 */
export function overdueTouches(
  accounts: readonly CadenceAccount[],
  rules: readonly CadenceRule[],
  existing: readonly ExistingMeeting[],
  today: IsoDate,
  lookbackDays = 120,
): OverdueTouch[] {
  const from = DateTime.fromISO(today, { zone: 'utc' }).minus({ days: lookbackDays }).toISODate()!;
  const yesterday = DateTime.fromISO(today, { zone: 'utc' }).minus({ days: 1 }).toISODate()!;
  const missed = proposeCadenceMeetings(accounts, rules, { from, to: yesterday }, existing);
  // Only the latest missed occurrence per account and meeting type matters, and a meeting held after it covers it.
  const latest = new Map<string, ProposedMeeting>();
  for (const m of missed) latest.set(`${m.accountId}|${m.meetingType}`, m);
  const tolerance = 14 * 86_400_000;
  const first = new Map<string, OverdueTouch>();
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  for (const m of latest.values()) {
    const due = Date.parse(`${m.dueOn}T00:00:00Z`);
    if (existing.some((e) => e.accountId === m.accountId && e.meetingType === m.meetingType && Date.parse(`${e.on}T00:00:00Z`) >= due - tolerance)) continue;
    const touch = { ...m, daysOverdue: Math.round((todayMs - due) / 86_400_000) };
    const known = first.get(m.accountId);
    if (!known || known.daysOverdue < touch.daysOverdue) first.set(m.accountId, touch);
  }
  return [...first.values()].sort((a, b) => b.daysOverdue - a.daysOverdue);
}

import { DateTime } from 'luxon';
import { RRule } from 'rrule';
import type { AccountTier } from '../model/account';
import type { IsoDate } from '../model/sync-fields';
import type { MeetingType } from './types';

export type HealthBand = 'green' | 'yellow' | 'red';

/** What a cadence needs to know about an account. */
export interface CadenceAccount {
  id: string;
  tier: AccountTier;
  contractStart: IsoDate;
  renewalDate: IsoDate;
  /** Health band changes, oldest first; the band holds until the next change (the last one holds from then on). */
  healthHistory: readonly { on: IsoDate; band: HealthBand }[];
}

/** A meeting already on the calendar (booked or held), so a cadence does not propose a second one. */
export interface ExistingMeeting {
  accountId: string;
  meetingType: MeetingType;
  on: IsoDate;
}

export type CadenceRule =
  /** A meeting every `intervalMonths` from the contract start, for accounts of these tiers (QBR quarterly for Enterprise). */
  | { id: string; kind: 'every-months'; meetingType: MeetingType; intervalMonths: number; tiers: readonly AccountTier[] }
  /** A meeting this many days before the renewal date (renewal call 90 and 30 days before). */
  | { id: string; kind: 'before-renewal'; meetingType: MeetingType; daysBefore: readonly number[] }
  /** A meeting every month while the account's health is red (from the day it turned red). */
  | { id: string; kind: 'monthly-while'; meetingType: MeetingType; band: HealthBand };

export const DEFAULT_CADENCES: readonly CadenceRule[] = [
  { id: 'qbr-enterprise', kind: 'every-months', meetingType: 'qbr', intervalMonths: 3, tiers: ['Enterprise'] },
  { id: 'renewal-calls', kind: 'before-renewal', meetingType: 'renewal', daysBefore: [90, 30] },
  { id: 'red-check-in', kind: 'monthly-while', meetingType: 'check_in', band: 'red' },
];

export interface ProposedMeeting {
  accountId: string;
  meetingType: MeetingType;
  /** The day the cadence asks for; slot finding looks for a time around it. */
  dueOn: IsoDate;
  ruleId: string;
}

/** rrule works on "floating" UTC dates: a calendar day is its UTC midnight. */
function utcDay(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}
function isoDay(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

function bandOn(account: CadenceAccount, date: IsoDate): HealthBand | undefined {
  let band: HealthBand | undefined;
  for (const change of account.healthHistory) {
    if (change.on > date) break;
    band = change.band;
  }
  return band;
}

function occurrences(rule: CadenceRule, account: CadenceAccount, from: IsoDate, to: IsoDate): IsoDate[] {
  switch (rule.kind) {
    case 'every-months': {
      if (!rule.tiers.includes(account.tier)) return [];
      const rrule = new RRule({ freq: RRule.MONTHLY, interval: rule.intervalMonths, dtstart: utcDay(account.contractStart) });
      return rrule.between(utcDay(from), utcDay(to), true).map(isoDay);
    }
    case 'before-renewal':
      return rule.daysBefore
        .map((days) => DateTime.fromISO(account.renewalDate, { zone: 'utc' }).minus({ days }).toISODate()!)
        .filter((day) => day >= from && day <= to)
        .sort();
    case 'monthly-while': {
      // Each stretch in the band starts a monthly series on its first day; a stretch ends at the next change.
      const out: IsoDate[] = [];
      const history = account.healthHistory;
      history.forEach((change, i) => {
        if (change.band !== rule.band || (i > 0 && history[i - 1]!.band === rule.band)) return;
        let end = to;
        for (let j = i + 1; j < history.length; j += 1) {
          if (history[j]!.band !== rule.band) {
            end = DateTime.fromISO(history[j]!.on, { zone: 'utc' }).minus({ days: 1 }).toISODate()!;
            break;
          }
        }
        const rrule = new RRule({ freq: RRule.MONTHLY, dtstart: utcDay(change.on) });
        const last = end < to ? end : to;
        if (last < from) return;
        out.push(...rrule.between(utcDay(from), utcDay(last), true).map(isoDay).filter((day) => bandOn(account, day) === rule.band));
      });
      return out;
    }
  }
}

/**
 * The meetings the cadences ask for between `from` and `to` (inclusive) for the whole book, in date order, leaving out
 * any for which a meeting of the same type is already on the calendar within `toleranceDays` of the due day.
 */
export function proposeCadenceMeetings(
  accounts: readonly CadenceAccount[],
  rules: readonly CadenceRule[],
  range: { from: IsoDate; to: IsoDate },
  existing: readonly ExistingMeeting[] = [],
  toleranceDays = 14,
): ProposedMeeting[] {
  const byAccount = new Map<string, ExistingMeeting[]>();
  for (const meeting of existing) byAccount.set(meeting.accountId, [...(byAccount.get(meeting.accountId) ?? []), meeting]);
  const tolerance = toleranceDays * 86_400_000;
  const out: ProposedMeeting[] = [];
  for (const account of accounts) {
    const held = byAccount.get(account.id) ?? [];
    for (const rule of rules) {
      for (const dueOn of occurrences(rule, account, range.from, range.to)) {
        const due = utcDay(dueOn).getTime();
        const covered = held.some((m) => m.meetingType === rule.meetingType && Math.abs(utcDay(m.on).getTime() - due) <= tolerance);
        if (!covered) out.push({ accountId: account.id, meetingType: rule.meetingType, dueOn, ruleId: rule.id });
      }
    }
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.accountId < b.accountId ? -1 : 1));
}

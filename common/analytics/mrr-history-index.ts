import type { Account, IsoDate, RevenueEvent } from '../model';
import { mrrHistoryOf, type MrrHistory } from './mrr-history';

const NO_EVENTS: readonly RevenueEvent[] = [];

/**
 * Keeps each account's MRR history between runs and rebuilds only the accounts whose document or revenue events
 * changed (compared by identity: RxDB hands out the same document object until it is written), so an edit to one
 * account recomputes one history, not the book's. The metrics over the histories are single passes.
 */
export class MrrHistoryIndex {
  private entries = new Map<string, { account: Account; events: readonly RevenueEvent[]; history: MrrHistory }>();
  private today: IsoDate | null = null;
  private last: { accounts: readonly Account[]; eventsByAccount: ReadonlyMap<string, readonly RevenueEvent[]>; histories: MrrHistory[] } | null = null;
  /** Histories built by the last `update` (for tests and the bench). */
  rebuilt = 0;

  /**
   * Every account's history, position for position with `accounts`. The same array as the last call's when nothing in
   * it changed (same inputs, or every history reused in the same order), so what is computed from it can be kept too.
   */
  update(accounts: readonly Account[], eventsByAccount: ReadonlyMap<string, readonly RevenueEvent[]>, today: IsoDate): readonly MrrHistory[] {
    if (today !== this.today) {
      this.entries.clear();
      this.last = null;
      this.today = today;
    }
    this.rebuilt = 0;
    if (this.last && this.last.accounts === accounts && this.last.eventsByAccount === eventsByAccount) return this.last.histories;
    const next = new Map<string, { account: Account; events: readonly RevenueEvent[]; history: MrrHistory }>();
    const histories: MrrHistory[] = new Array(accounts.length);
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i]!;
      const events = eventsByAccount.get(account.id) ?? NO_EVENTS;
      let entry = this.entries.get(account.id);
      if (!entry || entry.account !== account || !sameEvents(entry.events, events)) {
        entry = { account, events, history: mrrHistoryOf(account, events, today) };
        this.rebuilt++;
      }
      next.set(account.id, entry);
      histories[i] = entry.history;
    }
    this.entries = next;
    const previous = this.last?.histories;
    const same = previous !== undefined && previous.length === histories.length && histories.every((h, i) => h === previous[i]);
    this.last = { accounts, eventsByAccount, histories: same ? previous : histories };
    return this.last.histories;
  }
}

function sameEvents(a: readonly RevenueEvent[], b: readonly RevenueEvent[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Groups revenue events by account, reusing `previous`'s array for an account whose events are the same objects. */
export function groupEventsByAccount(
  events: readonly RevenueEvent[],
  previous: ReadonlyMap<string, readonly RevenueEvent[]> | null = null,
): Map<string, readonly RevenueEvent[]> {
  const grouped = new Map<string, RevenueEvent[]>();
  for (const event of events) {
    const list = grouped.get(event.accountId);
    if (list) list.push(event);
    else grouped.set(event.accountId, [event]);
  }
  const result = new Map<string, readonly RevenueEvent[]>();
  for (const [id, list] of grouped) {
    const before = previous?.get(id);
    result.set(id, before && sameEvents(before, list) ? before : list);
  }
  return result;
}

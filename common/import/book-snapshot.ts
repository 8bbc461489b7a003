import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../model';
import type { Content, ImportCollection } from './working-set';
import { contentOf } from './working-set';

/** What of the book a plan reads: every account, and the other documents the import's rows can touch. */
export interface BookSnapshot {
  accounts: readonly Account[];
  contacts: readonly Contact[];
  activities: readonly Activity[];
  /** Revenue events with the external ids the import uses, and every revenue event of the accounts it touches. */
  revenue: readonly RevenueEvent[];
  usage: readonly UsageMonth[];
  /** Subscription id -> account external id, from earlier imports on this device. */
  subscriptionLinks: Readonly<Record<string, string>>;
  /** The own feature keys (not the six) the book's usage holds anywhere; read only when the import has events. */
  ownFeatureKeys?: readonly string[];
}

export const EMPTY_BOOK: BookSnapshot = { accounts: [], contacts: [], activities: [], revenue: [], usage: [], subscriptionLinks: {} };

/** Indexes of a snapshot the planner looks documents up in. */
export class BookIndex {
  private readonly byId = new Map<string, Content>();
  readonly accountByExternalId = new Map<string, Account>();
  readonly externalIds = new Map<string, string>();
  readonly revenueByAccount = new Map<string, RevenueEvent[]>();

  constructor(readonly snapshot: BookSnapshot) {
    const add = (collection: ImportCollection, docs: readonly { id: string; externalId?: string }[]) => {
      for (const doc of docs) {
        this.byId.set(`${collection}\u0000${doc.id}`, contentOf(doc));
        if (doc.externalId) this.externalIds.set(`${collection}\u0000${doc.externalId}`, doc.id);
      }
    };
    add('accounts', snapshot.accounts);
    add('contacts', snapshot.contacts);
    add('activities', snapshot.activities);
    add('revenue', snapshot.revenue);
    add('usage', snapshot.usage);
    for (const account of snapshot.accounts) this.accountByExternalId.set(account.externalId, account);
    for (const event of snapshot.revenue) {
      const list = this.revenueByAccount.get(event.accountId) ?? [];
      list.push(event);
      this.revenueByAccount.set(event.accountId, list);
    }
  }

  stored(collection: ImportCollection, id: string): Content | null {
    const doc = this.byId.get(`${collection}\u0000${id}`);
    return doc ? structuredClone(doc) : null;
  }

  idOf(collection: ImportCollection, externalId: string): string | undefined {
    return this.externalIds.get(`${collection}\u0000${externalId}`);
  }
}

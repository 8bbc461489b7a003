import type { RxCollection } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import { ownFeatureKeys, type Account, type RevenueEvent, type UsageMonth } from '../model';
import type { BookSnapshot } from './book-snapshot';
import { findByExternalIds } from './find-by-external-ids';
import { readSubscriptionLinks } from './import-batches';
import type { FileSetup } from './plan-context';

function columnCells(setup: FileSetup, fieldKey: string): string[] {
  const header = setup.mapping[fieldKey];
  const index = header ? setup.table.headers.indexOf(header) : -1;
  return index < 0 ? [] : setup.table.rows.map((row) => (row[index] ?? '').trim()).filter(Boolean);
}

async function byAccount<T>(collection: RxCollection<T>, accountIds: readonly string[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < accountIds.length; i += 200) {
    const docs = await Promise.all(accountIds.slice(i, i + 200).map((accountId) => collection.find({ selector: { accountId } as never }).exec()));
    for (const list of docs) for (const doc of list) out.push(doc.toJSON() as T);
  }
  return out;
}

/**
 * The own feature keys anywhere in the book's usage (the cap on own features is per book), sorted. One pass over every
 * usage month, so only an import with an events file (or own feature columns) pays for it, and the playbook
 * builder's product-event trigger when it is shown.
 */
export async function bookOwnFeatureKeys(db: OutpostDatabase): Promise<string[]> {
  const keys = new Set<string>();
  for (const doc of await db.usage.find().exec()) for (const key of ownFeatureKeys(doc.featureEvents)) keys.add(key);
  return [...keys].sort();
}

/**
 * Reads what a plan of these files needs from the book: every account, the contacts and activities with the files'
 * external ids, and the revenue events and usage months of the accounts the files refer to (directly or through
 * subscription ids). The I/O half of planning; planImport is the pure half.
 */
export async function loadBookSnapshot(db: OutpostDatabase, setups: readonly FileSetup[]): Promise<BookSnapshot> {
  const accounts = (await db.accounts.find().exec()).map((d) => d.toJSON() as Account);
  const subscriptionLinks = await readSubscriptionLinks(db);
  const links: Record<string, string> = { ...subscriptionLinks };
  for (const setup of setups) {
    if (setup.kind !== 'subscriptions') continue;
    const subs = columnCells(setup, 'subscriptionId');
    const accs = columnCells(setup, 'accountExternalId');
    subs.forEach((sub, i) => (links[sub] = accs[i] ?? ''));
  }
  const referenced = new Set<string>();
  const contactIds: string[] = [];
  const activityIds: string[] = [];
  const contactOutpostIds: string[] = [];
  const activityOutpostIds: string[] = [];
  for (const setup of setups) {
    for (const ext of columnCells(setup, 'accountExternalId')) referenced.add(ext);
    for (const sub of columnCells(setup, 'subscriptionId')) if (links[sub]) referenced.add(links[sub]!);
    if (setup.kind === 'accounts') for (const ext of columnCells(setup, 'externalId')) referenced.add(ext);
    if (setup.kind === 'contacts') contactIds.push(...columnCells(setup, 'externalId'));
    if (setup.kind === 'tickets' || setup.kind === 'activities') activityIds.push(...columnCells(setup, 'externalId'));
    // Rows of an Outpost export name their document by id too (activities made in Outpost have no external id).
    if (setup.kind === 'contacts') contactOutpostIds.push(...columnCells(setup, 'outpostId'));
    if (setup.kind === 'activities') activityOutpostIds.push(...columnCells(setup, 'outpostId'));
  }
  const accountIds = accounts.filter((a) => referenced.has(a.externalId)).map((a) => a.id);
  const [contacts, activities, revenue, usage, contactsById, activitiesById] = await Promise.all([
    findByExternalIds(db.contacts, contactIds),
    findByExternalIds(db.activities, activityIds),
    byAccount<RevenueEvent>(db.revenue, accountIds),
    byAccount<UsageMonth>(db.usage, accountIds),
    db.contacts.findByIds(contactOutpostIds).exec(),
    db.activities.findByIds(activityOutpostIds).exec(),
  ]);
  const merged = <T extends { id: string }>(a: Iterable<T>, b: Map<string, { toJSON(): unknown }>): T[] => {
    const out = new Map<string, T>();
    for (const doc of a) out.set(doc.id, doc);
    for (const [id, doc] of b) out.set(id, doc.toJSON() as T);
    return [...out.values()];
  };
  return {
    ...(setups.some((s) => s.kind === 'events' || (s.kind === 'usage' && s.keep?.length)) ? { ownFeatureKeys: await bookOwnFeatureKeys(db) } : {}),
    accounts, contacts: merged(contacts.values(), contactsById), activities: merged(activities.values(), activitiesById), revenue, usage, subscriptionLinks,
  };
}

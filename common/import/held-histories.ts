import type { Activity, Contact, RevenueEvent, UsageMonth } from '../model';
import type { WrittenHistory } from '../intelligence/digests-along-writes';
import type { Content, ImportCollection } from './working-set';

/**
 * Which accounts' whole history an import's commit holds in memory (pure; the book is asked in import-digests.ts).
 * An account's history is its contacts, usage months, activities and revenue events.
 */
export const HISTORY_COLLECTIONS = ['contacts', 'usage', 'activities', 'revenue'] as const;
export type HistoryCollection = (typeof HISTORY_COLLECTIONS)[number];

export const isHistory = (c: ImportCollection): c is HistoryCollection => c !== 'accounts';

/** One document the commit writes: its collection, as it is written, and as the book had it (null: new). */
export interface CommitWrite {
  c: ImportCollection;
  doc: Record<string, unknown>;
  before: Content | null;
}

const accountOf = (doc: object | null | undefined): string | undefined => {
  const id = (doc as { accountId?: unknown } | null | undefined)?.accountId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Accounts whose whole history the commit may hold: those it creates and those it writes new history rows for, less
 * any whose stored history rows it changes (their history is in the book already). Whether the book holds other
 * rows of theirs is for the book to say.
 */
export function historyCandidates(writes: readonly CommitWrite[]): string[] {
  const candidates = new Set<string>();
  const stored = new Set<string>();
  for (const { c, doc, before } of writes) {
    if (c === 'accounts') {
      if (before === null) candidates.add(String(doc['id']));
      continue;
    }
    const accountId = accountOf(doc);
    if (before !== null) {
      for (const id of [accountId, accountOf(before)]) if (id) stored.add(id);
    } else if (accountId) candidates.add(accountId);
  }
  return [...candidates].filter((id) => !stored.has(id));
}

/** Whether the commit writes this document in its own context: a new history row of an account whose history it holds. */
export const writtenAsHeld = (write: CommitWrite, held: ReadonlySet<string>): boolean =>
  isHistory(write.c) && write.before === null && held.has(accountOf(write.doc) ?? '');

/** Each held account's history as the commit wrote it (an account with no rows: an empty history). */
export function heldHistories(writes: readonly CommitWrite[], held: ReadonlySet<string>): WrittenHistory[] {
  const histories = new Map<string, { contacts: Contact[]; usage: UsageMonth[]; activities: Activity[]; revenue: RevenueEvent[] }>();
  for (const accountId of held) histories.set(accountId, { contacts: [], usage: [], activities: [], revenue: [] });
  for (const write of writes) {
    if (!isHistory(write.c)) continue;
    const history = histories.get(accountOf(write.doc) ?? '');
    (history?.[write.c] as object[] | undefined)?.push(write.doc);
  }
  return [...histories].map(([accountId, h]) => ({ accountId, ...h }));
}

/**
 * The accounts whose history (or account document) an undo puts back: the documents as the batch had them and as
 * they are now. Their digests are removed, so none of undone history outlives the undo.
 */
export function accountsTouched(c: ImportCollection, id: string, versions: readonly (object | null | undefined)[]): string[] {
  if (c === 'accounts') return [id];
  return versions.map(accountOf).filter((a): a is string => a !== undefined);
}

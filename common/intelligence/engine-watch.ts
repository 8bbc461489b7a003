import { Subject, type Subscription, bufferTime, filter, merge, map } from 'rxjs';
import type { OutpostDatabase } from '../db/create-database';
import { reactionsHeld, reactionsHeld$ } from '../db/write-hold';
import { teamSettingId } from '../model';

/** Above this many changed accounts in one batch, the engine rescores the whole book instead. */
export const BULK_RESCORE_ACCOUNTS = 300;

/** What the watch asks of the scoring engine. */
export interface WatchedEngine {
  scoreAll(): Promise<void>;
  rescore(accountIds: readonly string[]): Promise<void>;
  reloadModels(): Promise<void>;
  failed(error: unknown): void;
}

/**
 * When the data behind the scores changes, rescoring it: any write to an account or its contacts, usage, activities
 * or revenue (an edit, an import, a sync pull) queues that account, and the accounts queued within `debounceMs` are
 * scored as one batch (the whole book above BULK_RESCORE_ACCOUNTS); a changed team setting (scorecard, alert rules,
 * the promoted model, whose models are opened again first) rescores the whole book. While a long run of writes holds
 * reactions (an import's commit, a first sync: common/db/write-hold.ts) the accounts are kept and scored once it ends.
 */
export function watchBook(db: OutpostDatabase, teamId: string, engine: WatchedEngine, debounceMs: number): Subscription {
  const released = new Subject<string>();
  const accountEvents = db.accounts.$.pipe(map((event) => event.documentId));
  const childEvents = merge(db.contacts.$, db.usage.$, db.activities.$, db.revenue.$).pipe(
    map((event) => (event.documentData as { accountId?: string } | undefined)?.accountId ?? (event.previousDocumentData as { accountId?: string } | undefined)?.accountId),
    filter((id): id is string => typeof id === 'string'),
  );
  const held = new Set<string>();
  const score = (ids: readonly string[]) => {
    // A big import or sync pull: one pass over the book beats thousands of per-account lookups.
    const job = new Set(ids).size > BULK_RESCORE_ACCOUNTS ? engine.scoreAll() : engine.rescore([...ids]);
    void job.catch((error: unknown) => engine.failed(error));
  };
  const subscription = merge(accountEvents, childEvents, released)
    .pipe(
      bufferTime(debounceMs),
      filter((ids) => ids.length > 0),
    )
    .subscribe((ids) => {
      if (reactionsHeld(db)) {
        for (const id of ids) held.add(id);
        return;
      }
      score(ids);
    });
  subscription.add(
    reactionsHeld$(db).subscribe((isHeld) => {
      if (isHeld || held.size === 0) return;
      // Through the buffer, so they are scored in one batch with the last writes' own events.
      const ids = [...held];
      held.clear();
      for (const id of ids) released.next(id);
    }),
  );
  subscription.add(
    db.teamsettings.$.subscribe((event) => {
      // A promoted or restored model: open it before rescoring the book.
      if (event.documentId === teamSettingId(teamId, 'model')) void engine.reloadModels();
      void engine.scoreAll().catch((error: unknown) => engine.failed(error));
    }),
  );
  return subscription;
}

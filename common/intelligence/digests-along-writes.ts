import type { RxChangeEventBulk } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { OutpostDatabase } from '../db/create-database';
import type { Activity, Contact, RevenueEvent, UsageMonth } from '../model';
import type { Checkpoint } from './engine-storage';
import { DigestStore, FULL_REBUILD_ABOVE, SOURCES, type SourceCheckpoints, type StoredClaim } from './digest-store';
import { later } from './source-changes';
import { beginDigestSession, refreshesSettled } from './digest-writers';
import { digestOf, type FeatureDigest } from './feature-digest';

/**
 * Feature digests built where an account's history is written and still in memory (the demo fill's history batches,
 * an import's commit), so the first scoring finds every digest current instead of reading the whole raw history back
 * out of the storage.
 *
 * The writer stores each batch's digests right after the batch's history, in its own write context. Meanwhile this
 * watches the four source collections' change events: any write in another context (an edit, an import, a sync pull,
 * another window) names an account "left out", whose digest the writer's history alone does not describe. At the end
 * `finish` hands the digests to the DigestStore (`claim`): its meta then vouches for every write up to the latest one
 * seen, and the left-out accounts' digests are removed, so the first refresh rebuilds exactly them from the raw
 * history, one by one. Never silently stale: the meta claims only what the digests include. The claim is a
 * compare-and-set over the meta as it was when the writer began: had anyone else stored digests meanwhile, nothing
 * is claimed; and while the writer works, refreshes and rescores of the same database store no digest of their own
 * (digest-writers.ts). A writer that adds to a book scored before (an import) starts over the stored meta's checkpoints
 * (`overStored`): every source write since them leaves its account out, and the digests stored before stay vouched for.
 *
 * Interruptible: `ledger()` is what to keep with the writer's progress (after each batch it commits) and `open` takes
 * it back. Writes made while no writer watched (between two windows) are found by the change checkpoints: every
 * source write after the ledger's checkpoints is left out too, including the writer's own unfinished batch (it is
 * written again, with its digests, but conservatively counted as foreign: a few accounts rebuilt one by one).
 * Above FULL_REBUILD_ABOVE such writes or left-out accounts the writer gives up: nothing is claimed, and the first
 * refresh rebuilds every digest from the raw history as before.
 */

/** What to keep with a writer's progress so an interrupted write can go on building digests. */
export interface DigestLedger {
  /** Per source, up to where every write was seen: the writer's own (digests stored) or naming a left-out account. */
  checkpoints: SourceCheckpoints;
  /** Accounts whose sources someone else wrote: their digests are rebuilt from the raw history. */
  leftOut: string[];
}

/** One account's whole history as the writer holds it in memory. */
export interface WrittenHistory {
  accountId: string;
  contacts: readonly Contact[];
  usage: readonly UsageMonth[];
  activities: readonly Activity[];
  revenue: readonly RevenueEvent[];
}

/**
 * Digests are stored once this many are built (and at the end): one small local-document write per history batch of
 * 10 accounts was a thousand more IndexedDB transactions in a 10,000-account fill. A digest not stored yet when the
 * fill stops is simply missing, and a missing digest is rebuilt from the raw history (never wrong, only slower).
 */
export const STORE_DIGESTS_EVERY = 200;

const NO_CHECKPOINTS: SourceCheckpoints = { contacts: null, usage: null, activities: null, revenue: null };

/** As the storage hands documents out to a digest rebuild: in primary-key order (ties in dates are then broken alike). */
const byId = <T extends { id: string }>(docs: readonly T[]): T[] => [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export class DigestsAlongWrites {
  private readonly store: DigestStore;
  private checkpoints: SourceCheckpoints;
  private readonly leftOut: Set<string>;
  private readonly subscriptions: Subscription[] = [];
  private gaveUp = false;
  private pending: FeatureDigest[] = [];
  /** The meta when the writer began: the claim is made only over it. */
  private base: StoredClaim = { version: null, checkpoints: null };
  private readonly endSession: () => void;

  private constructor(
    private readonly db: OutpostDatabase,
    private readonly context: string,
    private readonly builtFor: number,
    ledger: DigestLedger | undefined,
  ) {
    this.store = new DigestStore(db);
    this.endSession = beginDigestSession(db);
    this.checkpoints = { ...(ledger?.checkpoints ?? NO_CHECKPOINTS) };
    this.leftOut = new Set(ledger?.leftOut ?? []);
  }

  /**
   * Starts watching, then folds in every source write since `ledger` (none given: since the collections were empty).
   * `context` is the bulkWrite context of the writer's own history writes; `builtFor` the earliest cutoff the digests
   * must answer (a digest answers every later one: feature-digest.ts). `overStored`: starting from the stored meta's
   * checkpoints instead (no meta of this format: since the collections were empty). Undefined when there is too much
   * to fold in.
   */
  static async open(
    db: OutpostDatabase,
    { context, builtFor, ledger, overStored = false }: { context: string; builtFor: number; ledger?: DigestLedger; overStored?: boolean },
  ): Promise<DigestsAlongWrites | undefined> {
    const session = new DigestsAlongWrites(db, context, builtFor, ledger);
    try {
      // A refresh under way stores nothing from now on; the meta read is the one it leaves.
      await refreshesSettled(db);
      session.base = await session.store.storedClaim();
    } catch (error) {
      session.close();
      throw error;
    }
    if (overStored && session.base.checkpoints) session.checkpoints = { ...session.base.checkpoints };
    for (const name of SOURCES) {
      session.subscriptions.push(db[name].eventBulks$.subscribe((bulk) => session.observe(name, bulk)));
    }
    if (!(await session.catchUp())) {
      session.close();
      return undefined;
    }
    return session;
  }

  private observe(name: (typeof SOURCES)[number], bulk: RxChangeEventBulk<unknown>): void {
    if (bulk.isLocal) return;
    const foreign = bulk.context !== this.context;
    let newest: Checkpoint | null = this.checkpoints[name];
    for (const event of bulk.events) {
      const lwt = event.documentData?._meta?.lwt ?? event.previousDocumentData?._meta?.lwt;
      if (typeof lwt === 'number') newest = later(newest, { id: event.documentId, lwt });
      if (!foreign) continue;
      const accountId =
        (event.documentData as { accountId?: unknown } | undefined)?.accountId ?? (event.previousDocumentData as { accountId?: unknown } | undefined)?.accountId;
      if (typeof accountId === 'string') this.leftOut.add(accountId);
    }
    this.checkpoints = { ...this.checkpoints, [name]: newest };
    if (this.leftOut.size > FULL_REBUILD_ABOVE) this.giveUp();
  }

  /** Every source write after the checkpoints (unseen by the watch) leaves its account out. */
  private async catchUp(): Promise<boolean> {
    if (this.gaveUp) return false;
    const since = this.checkpoints;
    const writes = await this.store.writesSince(since);
    if (!writes) {
      this.giveUp();
      return false;
    }
    for (const accountId of writes.accounts) this.leftOut.add(accountId);
    // Events seen during the catch-up may already have moved the checkpoints further.
    this.checkpoints = Object.fromEntries(SOURCES.map((name) => [name, later(this.checkpoints[name], writes.checkpoints[name])])) as SourceCheckpoints;
    if (this.leftOut.size > FULL_REBUILD_ABOVE) this.giveUp();
    return !this.gaveUp;
  }

  private giveUp(): void {
    this.gaveUp = true;
    this.close();
  }

  /**
   * Builds the digests of accounts whose whole history the writer has just written, and stores them with those built
   * before once there are STORE_DIGESTS_EVERY.
   */
  async storeBatch(histories: readonly WrittenHistory[]): Promise<void> {
    if (this.gaveUp) return;
    for (const h of histories) {
      if (this.leftOut.has(h.accountId)) continue; // written by someone else too: rebuilt from the raw history
      this.pending.push(
        digestOf({ account: { id: h.accountId }, contacts: byId(h.contacts), usage: byId(h.usage), activities: byId(h.activities), revenue: byId(h.revenue) }, this.builtFor),
      );
    }
    if (this.pending.length >= STORE_DIGESTS_EVERY) await this.flush();
  }

  /** Stores the digests built and not stored yet (the writer stops: those of the batches it wrote are kept). */
  async flush(): Promise<void> {
    // One per account (a batch written again builds its digests again): the last built.
    const digests = [...new Map(this.pending.map((d) => [d.accountId, d])).values()];
    this.pending = [];
    if (digests.length > 0 && !this.gaveUp) await this.store.saveNew(digests);
  }

  /** What to keep with the writer's progress; undefined once it gave up. */
  ledger(): DigestLedger | undefined {
    return this.gaveUp ? undefined : { checkpoints: { ...this.checkpoints }, leftOut: [...this.leftOut] };
  }

  /**
   * The writer is done (every account's history and digest stored): the DigestStore's meta vouches for the digests.
   * Returns whether it does; on false the digests are not vouched for beyond what the meta said before.
   */
  async finish(): Promise<boolean> {
    try {
      if (!(await this.catchUp())) return false;
      await this.flush();
      return await this.store.claim(this.checkpoints, [...this.leftOut], this.base);
    } catch {
      return false; // nothing claimed: the digests are rebuilt from the raw history, as without this
    } finally {
      this.close();
    }
  }

  /** Stops watching (the ledger kept so far stays valid for a later `open`). */
  close(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    this.endSession();
  }
}

import {
  getDefaultRevision,
  getDefaultRxDocumentMeta,
  normalizeMangoQuery,
  prepareQuery,
  type RxCollection,
  type RxDocumentData,
  type RxStorageInstance,
} from 'rxdb';
import { getLocalDocStateByParent } from 'rxdb/plugins/local-documents';
import type { OutpostDatabase } from '../db/create-database';
import { lastWrite } from '../db/last-write';
import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../model';
import { alignById, type Checkpoint, groupBy, rawQuery } from './engine-storage';
import { changesSince, later } from './source-changes';
import { digestEpoch, mayStoreDigests, trackRefresh } from './digest-writers';
import { DIGEST_FORMAT, digestCovers, digestOf, type FeatureDigest } from './feature-digest';

/**
 * Where the feature digests live: RxDB local documents of the riskassessments collection (`localDocuments: true`).
 * Local documents are device-only — replication never sends them — and are not a collection of their own, so the
 * 12-collection plan holds. Read and written in bulk through the local-document storage instance, not one RxLocalDocument
 * at a time.
 *
 * Never silently stale: next to the digests, a meta document holds, per source collection (contacts, usage,
 * activities, revenue), the change checkpoint ({ lwt, id } of RxDB's per-document last-write time) up to which the
 * digests include every write. Before the book is scored, every write since then — made while the engine ran or not:
 * an edit, an import, a sync pull, a deletion — names the accounts whose digests are rebuilt from the raw history.
 * A missing meta document or another DIGEST_FORMAT rebuilds them all; a missing digest, or one built for a later
 * cutoff than asked, is rebuilt for its account.
 */
export const SOURCES = ['contacts', 'usage', 'activities', 'revenue'] as const;
export type SourceName = (typeof SOURCES)[number];

/** Per source collection, a position in its change order (null: before any write). */
export type SourceCheckpoints = Record<SourceName, Checkpoint | null>;

interface DigestMeta {
  format: number;
  checkpoints: SourceCheckpoints;
}

type LocalDoc<T> = RxDocumentData<{ id: string; data: T }>;

/** The meta document as stored when read (null: none), and its checkpoints when it is of this DIGEST_FORMAT. */
export interface StoredClaim {
  version: LocalDoc<DigestMeta> | null;
  checkpoints: SourceCheckpoints | null;
}

const META_ID = 'feature-digests';
const SETTINGS_ID = 'scored-with-settings';
const digestId = (accountId: string) => `digest:${accountId}`;

/** Above this many changed source documents or accounts, one pass over the whole book beats per-account lookups. */
export const FULL_REBUILD_ABOVE = 2000;

export interface RawSources {
  contacts: Map<string, Contact[]>;
  usage: Map<string, UsageMonth[]>;
  activities: Map<string, Activity[]>;
  revenue: Map<string, RevenueEvent[]>;
}

/** Digests position for position with the accounts, what the refresh did, and whose data changed or was read anew. */
export type RefreshResult = { digests: FeatureDigest[]; refresh: DigestRefresh; rebuiltIds: ReadonlySet<string> | 'all' };

/** What a refresh did, for the engine's status and the benchmark. */
export interface DigestRefresh {
  /** Accounts whose digests were rebuilt from raw history. */
  rebuilt: number;
  /** 'full' when the whole book was read (no digests yet, a new format, or a large change). */
  mode: 'none' | 'accounts' | 'full';
  /** Time spent reading raw history and building digests (ms). */
  rebuildMs: number;
  /** Of rebuildMs: reading the raw history, building the digests, storing them (ms; where a first scoring goes). */
  readMs?: number;
  buildMs?: number;
  writeMs?: number;
}

export class DigestStore {
  /** Per account, the digest writers' epoch when readSources read its history (digest-writers.ts). */
  private readonly readAt = new Map<string, number>();

  constructor(private readonly db: OutpostDatabase) {}

  private async storage(): Promise<RxStorageInstance<{ id: string; data: unknown }, unknown, unknown>> {
    return (await getLocalDocStateByParent(this.db.riskassessments)).storageInstance as RxStorageInstance<{ id: string; data: unknown }, unknown, unknown>;
  }

  private async readLocal<T>(ids: readonly string[]): Promise<Map<string, LocalDoc<T>>> {
    const storage = await this.storage();
    const found = await storage.findDocumentsById([...ids], false);
    return new Map(found.map((doc) => [doc.id, doc as LocalDoc<T>]));
  }

  /** The local documents of `ids` position for position (see alignById). */
  private async readLocalAligned<T>(ids: readonly string[]): Promise<(LocalDoc<T> | undefined)[]> {
    const storage = await this.storage();
    return alignById(ids, (await storage.findDocumentsById([...ids], false)) as LocalDoc<T>[]);
  }

  /** Writes local documents in one bulk write; a conflict (someone wrote in between) is retried on the stored version. */
  private async writeLocal(rows: { id: string; data: unknown }[], previous: Map<string, LocalDoc<unknown>>): Promise<void> {
    if (rows.length === 0) return;
    const storage = await this.storage();
    let pending = rows.map((row) => ({ row, previous: previous.get(row.id) }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      const writeRows = pending.map(({ row, previous: before }) => ({
        document: { id: row.id, data: row.data, _deleted: false, _meta: getDefaultRxDocumentMeta(), _rev: getDefaultRevision(), _attachments: {} },
        ...(before ? { previous: before } : {}),
      }));
      const result = await storage.bulkWrite(writeRows, 'feature-digests');
      if (result.error.length === 0) return;
      const byId = new Map(pending.map((p) => [p.row.id, p.row]));
      pending = [];
      for (const error of result.error) {
        const documentInDb = (error as { documentInDb?: LocalDoc<unknown> }).documentInDb;
        if (error.status !== 409 || !documentInDb || attempt >= 3) {
          throw new Error(`Could not store the feature digest ${error.documentId}: status ${error.status}`);
        }
        pending.push({ row: byId.get(error.documentId)!, previous: documentInDb });
      }
    }
  }

  /** Reads the whole book's raw history (a full rebuild) with each source's change checkpoint. */
  private async readAllSources(): Promise<{ sources: RawSources; heads: Record<SourceName, Checkpoint | null> }> {
    const [contacts, usage, activities, revenue] = await Promise.all([
      rawQuery(this.db.contacts, {}, false),
      rawQuery(this.db.usage, {}, false),
      rawQuery(this.db.activities, {}, false),
      rawQuery(this.db.revenue, {}, false),
    ]);
    return {
      sources: { contacts: groupBy(contacts.docs), usage: groupBy(usage.docs), activities: groupBy(activities.docs), revenue: groupBy(revenue.docs) },
      heads: { contacts: contacts.head, usage: usage.head, activities: activities.head, revenue: revenue.head },
    };
  }

  /** Reads the raw history of a few accounts (one indexed query per account and source), for `save` to store their digests. */
  async readSources(accountIds: readonly string[]): Promise<RawSources> {
    const epoch = digestEpoch(this.db);
    for (const accountId of accountIds) this.readAt.set(accountId, epoch);
    return this.readHistoryOf(accountIds);
  }

  private async readHistoryOf(accountIds: readonly string[]): Promise<RawSources> {
    const sources: RawSources = { contacts: new Map(), usage: new Map(), activities: new Map(), revenue: new Map() };
    await Promise.all(
      accountIds.flatMap((accountId) =>
        SOURCES.map(async (name) => {
          const { docs } = await rawQuery(this.db[name] as unknown as RxCollection<{ accountId: string }>, { accountId }, false);
          (sources[name] as Map<string, unknown[]>).set(accountId, docs);
        }),
      ),
    );
    return sources;
  }

  /**
   * Accounts with writes to their sources since `since`, and the checkpoints after them; undefined when there are more
   * than FULL_REBUILD_ABOVE such documents (too many to go one by one).
   */
  async writesSince(since: SourceCheckpoints): Promise<{ accounts: Set<string>; checkpoints: SourceCheckpoints } | undefined> {
    const accounts = new Set<string>();
    const checkpoints = { ...since };
    let seen = 0;
    for (const name of SOURCES) {
      let checkpoint = checkpoints[name] ?? undefined;
      for (;;) {
        const { documents, checkpoint: next } = await changesSince(this.db[name] as unknown as RxCollection<{ accountId: string }>, checkpoint);
        if (documents.length === 0) break;
        seen += documents.length;
        if (seen > FULL_REBUILD_ABOVE) return undefined;
        for (const doc of documents) accounts.add(doc.accountId);
        checkpoint = next;
      }
      checkpoints[name] = checkpoint ?? null;
    }
    return { accounts, checkpoints };
  }

  /**
   * Vouches for digests stored by whoever wrote the history (DigestsAlongWrites): from now on the digests include every
   * source write up to `checkpoints`, except for the `leftOut` accounts, whose digests are removed here so that the
   * next refresh rebuilds them from the raw history. A compare-and-set over the meta as `over` read it (storedClaim):
   * someone who stored digests meanwhile (a refresh in another window) rewrote it, and those digests may predate
   * history these checkpoints pass, so then nothing is claimed (false).
   */
  async claim(checkpoints: SourceCheckpoints, leftOut: readonly string[], over: StoredClaim): Promise<boolean> {
    await this.remove(leftOut);
    const storage = await this.storage();
    const data = { format: DIGEST_FORMAT, checkpoints } satisfies DigestMeta;
    const document = { id: META_ID, data, _deleted: false, _meta: getDefaultRxDocumentMeta(), _rev: getDefaultRevision(), _attachments: {} };
    const result = await storage.bulkWrite([{ document, ...(over.version ? { previous: over.version } : {}) }], 'feature-digests');
    return result.error.length === 0;
  }

  /** The meta as stored now, for a later compare-and-set `claim` over it. */
  async storedClaim(): Promise<StoredClaim> {
    const version = (await this.readLocal<DigestMeta>([META_ID])).get(META_ID) ?? null;
    return { version, checkpoints: version && version.data.format === DIGEST_FORMAT ? version.data.checkpoints : null };
  }

  /** Removes the digests of `accountIds` (a missing digest is rebuilt from the raw history when its account is scored). */
  async remove(accountIds: readonly string[], attempt = 0): Promise<void> {
    const stale = accountIds.length > 0 ? [...(await this.readLocal<FeatureDigest>(accountIds.map(digestId))).values()] : [];
    await this.removeStored(stale, attempt);
  }

  /** Removes digests as read from the storage; one written again meanwhile is removed on top of that version. */
  private async removeStored(stale: readonly LocalDoc<unknown>[], attempt: number): Promise<void> {
    if (stale.length === 0) return;
    const storage = await this.storage();
    const result = await storage.bulkWrite(stale.map((doc) => ({ previous: doc, document: { ...doc, _deleted: true } })) as never, 'feature-digests');
    const failed = result.error.find((e) => e.status !== 409 || attempt >= 3);
    if (failed) throw new Error(`Could not remove the feature digest ${failed.documentId}: status ${failed.status}`);
    // Written again by someone meanwhile: removed on top of that version.
    if (result.error.length > 0) await this.remove(result.error.map((e) => e.documentId.slice('digest:'.length)), attempt + 1);
  }

  /** Forgets what the digests include, so the next refresh rebuilds every one from the raw history. */
  async forget(): Promise<void> {
    const meta = await this.readLocal<DigestMeta>([META_ID]);
    const doc = meta.get(META_ID);
    if (!doc) return;
    const storage = await this.storage();
    await storage.bulkWrite([{ previous: doc, document: { ...doc, _deleted: true } }], 'feature-digests');
  }

  /**
   * What the stored assessments were last computed with (the scorecard and alert rules, as JSON), kept next to the
   * digests: a run with other settings compares every account exactly, not as a mere new day.
   */
  async settingsMark(): Promise<string | undefined> {
    return (await this.readLocal<{ settings: string }>([SETTINGS_ID])).get(SETTINGS_ID)?.data.settings;
  }

  async saveSettingsMark(mark: string): Promise<void> {
    const previous = await this.readLocal<{ settings: string }>([SETTINGS_ID]);
    if (previous.get(SETTINGS_ID)?.data.settings === mark) return;
    await this.writeLocal([{ id: SETTINGS_ID, data: { settings: mark } }], previous as Map<string, LocalDoc<unknown>>);
  }

  /**
   * Stores digests of accounts that most likely have none yet (a fill's new accounts): written without reading the
   * stored versions first; one already stored (a batch written again) is a conflict, written again on top of it.
   */
  async saveNew(digests: readonly FeatureDigest[]): Promise<void> {
    await this.writeLocal(digests.map((d) => ({ id: digestId(d.accountId), data: d })), new Map());
  }

  /**
   * Stores freshly built digests (e.g. after a rescore read an account's raw history anyway), except those whose
   * history was read (readSources) before a digest writer's session began or while one ran (digest-writers.ts).
   */
  async save(digests: readonly FeatureDigest[]): Promise<void> {
    const now = digestEpoch(this.db);
    const readAt = new Map(digests.map((d) => [d.accountId, this.readAt.get(d.accountId) ?? now]));
    for (const d of digests) this.readAt.delete(d.accountId);
    const previous = await this.readLocal<FeatureDigest>(digests.map((d) => digestId(d.accountId)));
    const storable = digests.filter((d) => mayStoreDigests(this.db, readAt.get(d.accountId)!));
    await this.writeLocal(
      storable.map((d) => ({ id: digestId(d.accountId), data: d })),
      previous as Map<string, LocalDoc<unknown>>,
    );
  }

  /**
   * Up-to-date digests of `accounts` answering `cutoffMs`: first every source write since the last refresh is
   * folded in, then missing or unusable digests are built. Returns them position for position with `accounts`.
   */
  refresh(accounts: readonly Pick<Account, 'id'>[], cutoffMs: number): Promise<RefreshResult> {
    return trackRefresh(this.db, this.refreshNow(accounts, cutoffMs));
  }

  private async refreshNow(accounts: readonly Pick<Account, 'id'>[], cutoffMs: number): Promise<RefreshResult> {
    // While a digest writer's session runs, or once one began since this read, nothing built here is stored.
    const readAt = digestEpoch(this.db);
    const metaDocs = await this.readLocal<DigestMeta>([META_ID]);
    const metaDoc = metaDocs.get(META_ID);
    const meta = metaDoc && metaDoc.data.format === DIGEST_FORMAT ? metaDoc.data : undefined;
    const changes = meta ? await this.writesSince(meta.checkpoints) : undefined;

    const ids = accounts.map((a) => a.id);
    const stored = changes ? await this.readLocalAligned<FeatureDigest>(ids.map(digestId)) : undefined;
    const digests = new Array<FeatureDigest>(ids.length);
    /** Where each account to rebuild sits in `accounts`. */
    const rebuild = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const doc = stored?.[i];
      if (changes && !changes.accounts.has(id) && doc && digestCovers(doc.data, cutoffMs)) digests[i] = doc.data;
      else rebuild.set(id, i);
    }
    // Accounts not being scored (e.g. churned) whose sources changed: their digests are out of date too (position -1).
    if (changes) for (const id of changes.accounts) if (!rebuild.has(id)) rebuild.set(id, -1);
    if (rebuild.size === 0 && changes) {
      if (SOURCES.some((name) => changes.checkpoints[name] !== meta!.checkpoints[name]) && mayStoreDigests(this.db, readAt)) {
        await this.writeLocal([{ id: META_ID, data: { format: DIGEST_FORMAT, checkpoints: changes.checkpoints } satisfies DigestMeta }], metaDocs as Map<string, LocalDoc<unknown>>);
      }
      return { digests, refresh: { rebuilt: 0, mode: 'none', rebuildMs: 0 }, rebuiltIds: new Set() };
    }

    const started = performance.now();
    // Too many writes to name the accounts they touched (a first sync, a large import), or no digests yet.
    const unknown = !changes || rebuild.size > FULL_REBUILD_ABOVE;
    const heads = unknown ? await this.scoredAccountsOnly(ids.length) : undefined;
    const full = unknown && !heads;
    let sources: RawSources;
    let checkpoints: DigestMeta['checkpoints'];
    if (heads) {
      // The newest writes first: the history read after them holds everything up to them.
      checkpoints = heads;
      rebuild.clear();
      ids.forEach((id, i) => rebuild.set(id, i));
      sources = await this.readHistoryOf(ids);
    } else if (changes && !full) {
      sources = await this.readHistoryOf([...rebuild.keys()]);
      checkpoints = changes.checkpoints;
    } else {
      const all = await this.readAllSources();
      sources = all.sources;
      // Every write up to what was read is now included; keep the later of that and the catch-up's checkpoints.
      checkpoints = Object.fromEntries(SOURCES.map((name) => [name, later(changes?.checkpoints[name] ?? meta?.checkpoints[name] ?? null, all.heads[name])])) as DigestMeta['checkpoints'];
    }
    const readMs = performance.now() - started;
    // A full pass rebuilds every account with history, scored or not, since the new checkpoints vouch for all of them.
    const targets = full ? new Set([...ids, ...SOURCES.flatMap((name) => [...sources[name].keys()])]) : rebuild.keys();
    const positions = full ? new Map(ids.map((id, i) => [id, i])) : rebuild;
    const built: FeatureDigest[] = [];
    for (const accountId of targets) {
      const digest = digestOf(
        {
          account: { id: accountId },
          contacts: sources.contacts.get(accountId) ?? [],
          usage: sources.usage.get(accountId) ?? [],
          activities: sources.activities.get(accountId) ?? [],
          revenue: sources.revenue.get(accountId) ?? [],
        },
        cutoffMs,
      );
      built.push(digest);
      const position = positions.get(accountId) ?? -1;
      if (position >= 0) digests[position] = digest;
    }
    const buildMs = performance.now() - started - readMs;
    const previous = await this.readLocal<FeatureDigest>(built.map((d) => digestId(d.accountId)));
    if (mayStoreDigests(this.db, readAt)) {
      // The new checkpoints vouch for every stored digest: those not rebuilt here may predate writes they pass.
      if (heads) await this.removeAllBut(new Set(ids));
      await this.writeLocal(
        built.map((d) => ({ id: digestId(d.accountId), data: d })),
        previous as Map<string, LocalDoc<unknown>>,
      );
      if (mayStoreDigests(this.db, readAt)) {
        await this.writeLocal([{ id: META_ID, data: { format: DIGEST_FORMAT, checkpoints } satisfies DigestMeta }], metaDocs as Map<string, LocalDoc<unknown>>);
      }
    }
    return {
      digests,
      refresh: { rebuilt: built.length, mode: full ? 'full' : 'accounts', rebuildMs: performance.now() - started, readMs, buildMs, writeMs: performance.now() - started - readMs - buildMs },
      rebuiltIds: full ? 'all' : new Set(rebuild.keys()),
    };
  }

  /**
   * When the writes since the last refresh cannot be named (no digests yet, or too many), whether to rebuild only the
   * scored accounts' digests, one indexed query per account and source, instead of reading the whole book's history:
   * when this device scores at most FULL_REBUILD_ABOVE accounts and at most half of the book (a team lead's replica of
   * the team's accounts, of which the device scores only those its user owns: computesForAccount). Where the device
   * scores most of its book, one pass over it reads little more, in a few large reads. The sources' newest writes,
   * the checkpoints the rebuilt digests answer for, or undefined for a whole-book pass (also when the storage cannot
   * name its newest write without reading everything: lastWrite).
   */
  private async scoredAccountsOnly(scored: number): Promise<SourceCheckpoints | undefined> {
    if (scored > FULL_REBUILD_ABOVE || scored * 2 > (await this.db.accounts.count().exec())) return undefined;
    const heads = await Promise.all(SOURCES.map((name) => lastWrite(this.db[name] as unknown as RxCollection)));
    if (heads.some((head) => head === undefined)) return undefined;
    return Object.fromEntries(SOURCES.map((name, i) => [name, heads[i]!])) as SourceCheckpoints;
  }

  /** Removes every stored digest except those of `keep` (one range read of the stored digests). */
  private async removeAllBut(keep: ReadonlySet<string>): Promise<void> {
    const storage = await this.storage();
    const schema = storage.schema;
    const query = prepareQuery(schema, normalizeMangoQuery(schema, { selector: { id: { $gt: 'digest:', $lt: 'digest;' }, _deleted: { $eq: false } } as never }));
    const stored = (await storage.query(query)).documents as LocalDoc<unknown>[];
    await this.removeStored(stored.filter((doc) => !keep.has(doc.id.slice('digest:'.length))), 0);
  }
}

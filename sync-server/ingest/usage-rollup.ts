import { admitOwnFeatures, isProductFeature, OWN_FEATURE_CAP, storedFeatureKey, usageMonthId } from '../../common/model';
import type { AccessUser } from '../../common/sync/access-policy';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { CollectionStore } from '../sync/collection-store';
import { storageKey } from '../sync/team-keys';
import type { Database } from '../storage/storage';
import type { EventLog, LoggedEvent } from './event-log';
import type { TeamFeatureCatalogue } from './team-feature-catalogue';

/** The server's own identity for writes the ingestion makes (an Admin may write every team's documents). */
const INGEST_USER: AccessUser = { id: 'ingest', role: 'admin', teamId: null };
export const NOT_STORED_REASON = `the team already counts ${OWN_FEATURE_CAP} features of its own: this event name's count is not stored (its user still counts as active)`;

interface MonthGroup {
  id: string;
  account: SyncedDocument;
  month: string;
  events: LoggedEvent[];
}

interface DayUsers {
  _id: string;
  _rev?: string;
  users: string[];
}

/** Day documents kept in memory: about 2 MB at 50 users a day. */
const DAY_CACHE_MAX = 20_000;

function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/**
 * Resolves an event's account key (Outpost id or the external id from the source system) within its team, from the
 * server's accounts; re-reads them when a key is unknown, at most every few seconds.
 */
export class AccountIndex {
  private byKey = new Map<string, SyncedDocument>();
  private loadedAt = 0;

  constructor(private readonly accounts: CollectionStore) {}

  private async load(): Promise<void> {
    const next = new Map<string, SyncedDocument>();
    let checkpoint = null;
    for (;;) {
      const page = await this.accounts.pull(INGEST_USER, checkpoint, 5000);
      for (const doc of page.documents) {
        if (doc._deleted) continue;
        next.set(`${doc.teamId}\u0000${doc.id}`, doc);
        if (typeof doc['externalId'] === 'string' && doc['externalId']) next.set(`${doc.teamId}\u0000${doc['externalId']}`, doc);
      }
      if (page.documents.length < 5000) break;
      checkpoint = page.checkpoint;
    }
    this.byKey = next;
    this.loadedAt = Date.now();
  }

  async find(teamId: string, key: string): Promise<SyncedDocument | null> {
    const hit = this.byKey.get(`${teamId}\u0000${key}`);
    if (hit) return hit;
    if (Date.now() - this.loadedAt > 2000) {
      await this.load();
      return this.byKey.get(`${teamId}\u0000${key}`) ?? null;
    }
    return null;
  }
}

/**
 * Rolls logged track events up into the usage month documents the app syncs: per account and UTC day, active users
 * are the distinct users seen (kept per day in `ingest-days`, so a day's count stays right across requests), and the
 * month's count of each product feature the event name maps to grows by the events' counts. Events whose account is
 * unknown are held, not dropped. Called by the rollup loop (rollup-loop.ts), one turn at a time, so two turns never
 * overwrite each other's counts.
 */
export class UsageRollup {
  /** Team -> user -> account key, from group calls. */
  private readonly groups = new Map<string, string>();
  /** Day documents as this rollup last read or wrote them (at most DAY_CACHE_MAX, then emptied). */
  private readonly dayCache = new Map<string, { rev: string; users: string[] }>();

  constructor(
    private readonly usage: CollectionStore,
    private readonly index: AccountIndex,
    private readonly days: Database<DayUsers>,
    private readonly log: EventLog,
    private readonly catalogue: TeamFeatureCatalogue,
  ) {}

  /** Stops following the teams' own feature keys (the server is closing). */
  close(): void {
    this.catalogue.close();
  }

  /**
   * Rolls `events` (still `pending` in the log) up; every usage month written carries `stamp`. With `replay` (the
   * turn is being done again after a crash between its writes and its checkpoint) a month whose feature counts
   * already carry `stamp` or a later one was written by that turn and is left as it is: counts are added once.
   * Distinct users per day are a union and active users a maximum, so those are the same however often they are
   * applied.
   */
  async apply(events: readonly LoggedEvent[], stamp: string, replay = false): Promise<{ held: number }> {
    const held: LoggedEvent[] = [];
    const byMonth = new Map<string, MonthGroup>();
    for (const logged of events) {
      const e = logged.event;
      if (e.type === 'group' && e.accountKey) this.groups.set(`${logged.teamId}\u0000${e.user}`, e.accountKey);
      const key = e.accountKey ?? this.groups.get(`${logged.teamId}\u0000${e.user}`);
      if (e.type !== 'track') continue;
      const account = key ? await this.index.find(logged.teamId, key) : null;
      if (!account) {
        held.push(logged);
        continue;
      }
      const month = e.timestamp.slice(0, 7);
      const id = usageMonthId(account.id, month);
      // Grouped in the account's team's id space: two teams' accounts of one id never share a month.
      const monthKey = storageKey(id, account.teamId);
      const group = byMonth.get(monthKey) ?? { id, account, month, events: [] };
      group.events.push(logged);
      byMonth.set(monthKey, group);
    }
    const counted = await this.featureKeys([...byMonth.values()]);
    await this.writeMonths([...byMonth.values()], counted, stamp, replay);
    const notStored: LoggedEvent[] = [];
    for (const group of byMonth.values()) for (const logged of group.events) if (!counted.has(logged)) notStored.push(logged);
    await this.log.mark(notStored, 'not-stored', NOT_STORED_REASON);
    await this.log.mark(held, 'held', 'no account of the team has this id (groupId, context.groupId or properties.accountId)');
    return { held: held.length };
  }

  /**
   * The feature key each event's count goes to, as the import decides it (plan-usage.ts): one of the six when the
   * name is the feature or a listed synonym, else the team's own key, admitted while the team holds fewer than
   * OWN_FEATURE_CAP own keys (most events of the turn first). null: the name has no key (its user still counts);
   * absent from the map: over the cap, not stored.
   */
  private async featureKeys(groups: readonly MonthGroup[]): Promise<Map<LoggedEvent, string | null>> {
    const keys = new Map<LoggedEvent, string | null>();
    const candidates = new Map<string, Map<string, number>>();
    for (const group of groups) {
      for (const logged of group.events) {
        const key = logged.event.event ? storedFeatureKey(logged.event.event) : null;
        keys.set(logged, key);
        if (key === null || isProductFeature(key)) continue;
        const team = candidates.get(group.account.teamId) ?? new Map<string, number>();
        team.set(key, (team.get(key) ?? 0) + logged.event.count);
        candidates.set(group.account.teamId, team);
      }
    }
    const refused = new Map<string, ReadonlySet<string>>();
    for (const [teamId, counts] of candidates) {
      const decision = admitOwnFeatures(await this.catalogue.known(teamId), counts);
      for (const key of decision.admitted) this.catalogue.add(teamId, key);
      refused.set(teamId, new Set(decision.refused.keys()));
    }
    for (const group of groups) {
      for (const logged of group.events) {
        const key = keys.get(logged);
        if (key && refused.get(group.account.teamId)?.has(key)) keys.delete(logged);
      }
    }
    return keys;
  }

  private async writeMonths(groups: readonly MonthGroup[], counted: ReadonlyMap<LoggedEvent, string | null>, stamp: string, replay: boolean): Promise<void> {
    const usersByDay = new Map<string, Set<string>>();
    // One entry per group, in the groups' order (two teams' months of one id are two groups).
    const perMonth: { features: Record<string, number>; days: Map<number, string> }[] = [];
    for (const group of groups) {
      const entry = { features: {} as Record<string, number>, days: new Map<number, string>() };
      perMonth.push(entry);
      for (const logged of group.events) {
        const event = logged.event;
        const day = Number(event.timestamp.slice(8, 10)) - 1;
        // In the account's team's id space: two teams' accounts of one id never share a day's users.
        const dayId = `${storageKey(group.id, group.account.teamId)}:${String(day + 1).padStart(2, '0')}`;
        entry.days.set(day, dayId);
        const set = usersByDay.get(dayId) ?? new Set<string>();
        set.add(event.user);
        usersByDay.set(dayId, set);
        const feature = counted.get(logged);
        if (feature) entry.features[feature] = (entry.features[feature] ?? 0) + event.count;
      }
    }
    // Distinct users per day: the day documents the rollup has not seen read in one request, the changed ones
    // written in one. The rollup is their only writer, so what it last wrote is what is stored.
    const unseen = [...usersByDay.keys()].filter((dayId) => !this.dayCache.has(dayId));
    if (unseen.length > 0) {
      const stored = await this.days.allDocs({ keys: unseen, include_docs: true });
      for (const row of stored.rows) {
        const doc = 'doc' in row ? (row.doc as DayUsers | null | undefined) : undefined;
        if (doc?._rev) this.dayCache.set(row.key, { rev: doc._rev, users: doc.users });
      }
    }
    const dayCounts = new Map<string, number>();
    const dayWrites: DayUsers[] = [];
    for (const [dayId, users] of usersByDay) {
      const seen = this.dayCache.get(dayId);
      const all = new Set([...(seen?.users ?? []), ...users]);
      if (!seen || all.size !== seen.users.length) dayWrites.push({ _id: dayId, ...(seen ? { _rev: seen.rev } : {}), users: [...all] });
      dayCounts.set(dayId, all.size);
    }
    if (dayWrites.length > 0) {
      const results = await this.days.bulkDocs(dayWrites);
      results.forEach((result, i) => {
        const written = dayWrites[i]!;
        // A failed write (e.g. a conflict) is read again next time.
        if ('ok' in result && result.ok) this.dayCache.set(written._id, { rev: result.rev, users: written.users });
        else this.dayCache.delete(written._id);
      });
    }
    if (this.dayCache.size > DAY_CACHE_MAX) this.dayCache.clear();

    const rows = [];
    for (const [index, group] of groups.entries()) {
      const { features, days } = perMonth[index]!;
      const current = await this.usage.read(group.account.teamId, group.id);
      const live = current && !current._deleted ? current : null;
      const writtenStamp = (live?.fieldStamps as Record<string, string> | undefined)?.['featureEvents'];
      if (replay && writtenStamp !== undefined && writtenStamp >= stamp) continue; // this turn wrote it before the crash
      const activeUsers = [...((live?.['activeUsers'] as (number | null)[] | undefined) ?? Array.from({ length: daysInMonth(group.month) }, () => null))];
      for (const [day, dayId] of days) activeUsers[day] = Math.max(activeUsers[day] ?? 0, dayCounts.get(dayId) ?? 0);
      const featureEvents = { ...((live?.['featureEvents'] as Record<string, number> | undefined) ?? {}) };
      for (const [f, n] of Object.entries(features)) if (n) featureEvents[f] = (featureEvents[f] ?? 0) + n;
      const account = group.account;
      const next = {
        ...(live ?? { id: group.id, ownerId: account.ownerId, teamId: account.teamId, accountId: account.id, month: group.month, fieldStamps: {} }),
        activeUsers, featureEvents, updatedAt: stamp,
        fieldStamps: { ...((live?.fieldStamps as Record<string, string>) ?? {}), ...(live ? {} : { ownerId: stamp, teamId: stamp, accountId: stamp, month: stamp }), activeUsers: stamp, featureEvents: stamp },
      } as SyncedDocument;
      rows.push({ assumedMasterState: current ?? undefined, newDocumentState: next });
    }
    // The rollup is the only server-side writer of usage months; a replica's concurrent push of the same month is
    // merged per field by stamp (ours is newer and wins).
    await this.usage.push(INGEST_USER, rows as never);
  }
}

import { admitOwnFeatures, isProductFeature, OWN_FEATURE_CAP, storedFeatureKey, usageMonthId } from '../../common/model';
import type { AccessUser } from '../../common/sync/access-policy';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { HybridLogicalClock } from '../../common/clock/hlc';
import type { CollectionStore } from '../sync/collection-store';
import { storageKey } from '../sync/team-keys';
import type { Database } from '../storage/storage';
import type { EventLog, LoggedEvent } from './event-log';
import type { TeamFeatureCatalogue } from './team-feature-catalogue';

/** The server's own identity for writes the ingestion makes (an Admin may write every team's documents). */
const INGEST_USER: AccessUser = { id: 'ingest', role: 'admin', teamId: null };
export const NOT_STORED_REASON = `the team already counts ${OWN_FEATURE_CAP} features of its own: this event name's count is not stored (its user still counts as active)`;
/** Events per rollup turn: small, so a turn never holds the acknowledgements back for long (100 took the p99 at 5,000 events/s from 88-198 ms to 34-157 ms; PERFORMANCE.md). */
const TURN_EVENTS = 100;

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
 * unknown are held, not dropped. One rollup at a time (a queue), so two requests never overwrite each other's counts.
 */
export class UsageRollup {
  /** Team -> user -> account key, from group calls. */
  private readonly groups = new Map<string, string>();

  constructor(
    private readonly usage: CollectionStore,
    private readonly index: AccountIndex,
    private readonly days: Database<DayUsers>,
    private readonly log: EventLog,
    private readonly clock: HybridLogicalClock,
    private readonly catalogue: TeamFeatureCatalogue,
  ) {}

  private pending: LoggedEvent[] = [];
  private worker: Promise<void> | null = null;
  private stopped = false;

  /**
   * Queues logged events for the rollup and returns at once: the events are durable in the log already. One worker
   * drains the queue, taking everything queued at each turn (group commit), so concurrent requests share writes.
   */
  enqueue(events: readonly LoggedEvent[]): void {
    if (this.stopped) return; // logged already: rolled up when the server next starts
    this.pending.push(...events);
    this.worker ??= this.drain().finally(() => {
      this.worker = null;
      if (this.pending.length > 0) this.enqueue([]);
    });
  }

  /**
   * Stops taking turns and resolves when the turn under way is done, so the server closes no database under it.
   * Events still queued stay "pending" in the log and are rolled up when the server next starts.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending = [];
    while (this.worker) await this.worker;
    this.catalogue.close();
  }

  /** Resolves when every queued event is rolled up (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.worker) await this.worker;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      // Bounded turns, so the log writes of the rollup never hold the acknowledgements' writes back for long.
      const batch = this.pending.splice(0, TURN_EVENTS);
      try {
        await this.applyNow(batch);
      } catch (error) {
        // The events stay "pending" in the log and are rolled up again when the server next starts.
        console.error('sync-server ingest: rollup failed, events kept pending:', error);
      }
    }
  }

  private async applyNow(events: readonly LoggedEvent[]): Promise<{ held: number }> {
    const held: LoggedEvent[] = [];
    const applied: LoggedEvent[] = [];
    const byMonth = new Map<string, MonthGroup>();
    for (const logged of events) {
      const e = logged.event;
      if (e.type === 'group' && e.accountKey) this.groups.set(`${logged.teamId}\u0000${e.user}`, e.accountKey);
      const key = e.accountKey ?? this.groups.get(`${logged.teamId}\u0000${e.user}`);
      if (e.type !== 'track') {
        applied.push(logged);
        continue;
      }
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
    await this.writeMonths([...byMonth.values()], counted);
    const notStored: LoggedEvent[] = [];
    for (const group of byMonth.values()) for (const logged of group.events) (counted.get(logged) === undefined ? notStored : applied).push(logged);
    await this.log.mark(applied, 'applied');
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

  private async writeMonths(groups: readonly MonthGroup[], counted: ReadonlyMap<LoggedEvent, string | null>): Promise<void> {
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
    // Distinct users per day: one read and one write of the day documents for the whole turn.
    const stored = await this.days.allDocs({ keys: [...usersByDay.keys()], include_docs: true });
    const dayCounts = new Map<string, number>();
    const dayWrites: DayUsers[] = [];
    for (const row of stored.rows) {
      const doc = 'doc' in row ? (row.doc as DayUsers | null | undefined) : undefined;
      const users = usersByDay.get(row.key)!;
      const all = new Set([...(doc?.users ?? []), ...users]);
      if (!doc || all.size !== doc.users.length) dayWrites.push({ _id: row.key, ...(doc?._rev ? { _rev: doc._rev } : {}), users: [...all] });
      dayCounts.set(row.key, all.size);
    }
    if (dayWrites.length > 0) await this.days.bulkDocs(dayWrites);

    const rows = [];
    for (const [index, group] of groups.entries()) {
      const { features, days } = perMonth[index]!;
      const current = await this.usage.read(group.account.teamId, group.id);
      const live = current && !current._deleted ? current : null;
      const activeUsers = [...((live?.['activeUsers'] as (number | null)[] | undefined) ?? Array.from({ length: daysInMonth(group.month) }, () => null))];
      for (const [day, dayId] of days) activeUsers[day] = Math.max(activeUsers[day] ?? 0, dayCounts.get(dayId) ?? 0);
      const featureEvents = { ...((live?.['featureEvents'] as Record<string, number> | undefined) ?? {}) };
      for (const [f, n] of Object.entries(features)) if (n) featureEvents[f] = (featureEvents[f] ?? 0) + n;
      const stamp = this.clock.now();
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

import { PRODUCT_FEATURES, usageMonthId, type ProductFeature } from '../../common/model';
import { guessFeature } from '../../common/import/plan-usage';
import type { AccessUser } from '../../common/sync/access-policy';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { HybridLogicalClock } from '../../common/clock/hlc';
import type { CollectionStore } from '../sync/collection-store';
import type { Database } from '../storage/storage';
import type { EventLog, LoggedEvent } from './event-log';

/** The server's own identity for writes the ingestion makes (an Admin may write every team's documents). */
const INGEST_USER: AccessUser = { id: 'ingest', role: 'admin', teamId: null };

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
  private queue: Promise<unknown> = Promise.resolve();
  /** Team -> user -> account key, from group calls. */
  private readonly groups = new Map<string, string>();

  constructor(
    private readonly usage: CollectionStore,
    private readonly index: AccountIndex,
    private readonly days: Database<DayUsers>,
    private readonly log: EventLog,
    private readonly clock: HybridLogicalClock,
  ) {}

  apply(events: readonly LoggedEvent[]): Promise<{ held: number }> {
    const run = this.queue.then(() => this.applyNow(events));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyNow(events: readonly LoggedEvent[]): Promise<{ held: number }> {
    const held: LoggedEvent[] = [];
    const applied: LoggedEvent[] = [];
    const byMonth = new Map<string, { account: SyncedDocument; month: string; events: LoggedEvent[] }>();
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
      const group = byMonth.get(id) ?? { account, month, events: [] };
      group.events.push(logged);
      byMonth.set(id, group);
    }
    for (const [id, group] of byMonth) {
      await this.writeMonth(id, group.account, group.month, group.events);
      applied.push(...group.events);
    }
    await this.log.mark(applied, 'applied');
    await this.log.mark(held, 'held', 'no account of the team has this id (groupId, context.groupId or properties.accountId)');
    return { held: held.length };
  }

  private async writeMonth(id: string, account: SyncedDocument, month: string, events: readonly LoggedEvent[]): Promise<void> {
    const usersByDay = new Map<number, Set<string>>();
    const features: Partial<Record<ProductFeature, number>> = {};
    for (const { event } of events) {
      const day = Number(event.timestamp.slice(8, 10)) - 1;
      const set = usersByDay.get(day) ?? new Set<string>();
      set.add(event.user);
      usersByDay.set(day, set);
      const feature = event.event ? guessFeature(event.event) : null;
      if (feature) features[feature] = (features[feature] ?? 0) + event.count;
    }
    const dayCounts = new Map<number, number>();
    for (const [day, users] of usersByDay) {
      const dayId = `${id}:${String(day + 1).padStart(2, '0')}`;
      let stored: DayUsers | null = null;
      try {
        stored = await this.days.get(dayId);
      } catch {
        stored = null;
      }
      const all = new Set([...(stored?.users ?? []), ...users]);
      if (!stored || all.size !== stored.users.length) await this.days.put({ _id: dayId, ...(stored?._rev ? { _rev: stored._rev } : {}), users: [...all] });
      dayCounts.set(day, all.size);
    }
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.usage.read(id);
      const live = current && !current._deleted ? current : null;
      const activeUsers = [...((live?.['activeUsers'] as (number | null)[] | undefined) ?? Array.from({ length: daysInMonth(month) }, () => null))];
      for (const [day, n] of dayCounts) activeUsers[day] = Math.max(activeUsers[day] ?? 0, n);
      const featureEvents = { ...((live?.['featureEvents'] as Record<string, number> | undefined) ?? {}) };
      for (const f of PRODUCT_FEATURES) if (features[f]) featureEvents[f] = (featureEvents[f] ?? 0) + features[f]!;
      const stamp = this.clock.now();
      const next: SyncedDocument = {
        ...(live ?? { id, ownerId: account.ownerId, teamId: account.teamId, accountId: account.id, month, fieldStamps: {} }),
        activeUsers, featureEvents, updatedAt: stamp,
        fieldStamps: { ...((live?.fieldStamps as Record<string, string>) ?? {}), ...(live ? {} : { ownerId: stamp, teamId: stamp, accountId: stamp, month: stamp }), activeUsers: stamp, featureEvents: stamp },
      } as SyncedDocument;
      const outcome = await this.usage.push(INGEST_USER, [{ assumedMasterState: current ?? undefined, newDocumentState: next } as never]);
      // A concurrent push of the same month (a replica) is merged per field by stamp; ours is newer and wins.
      if (outcome.written.length > 0) return;
    }
    throw new Error(`usage ${id} kept changing while the ingestion wrote it`);
  }
}

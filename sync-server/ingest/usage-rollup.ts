import { PRODUCT_FEATURES, usageMonthId, type ProductFeature } from '../../common/model';
import { guessFeature } from '../../common/import/plan-usage';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { HybridLogicalClock } from '../../common/clock/hlc';
import type { StoredRevision } from '../sync/bulk-server-write';
import type { CollectionStore } from '../sync/collection-store';
import { storageKey } from '../sync/team-keys';
import type { AccountIndex } from './account-index';
import type { DayUsers } from './day-users';
import type { EventLog, LoggedEvent } from './event-log';

/**
 * Events per rollup turn at most. A turn's cost is mostly per distinct account-month and day it touches (one bulk
 * read of those not cached, one bulk write), so larger turns share more; the turn also ends early once it has spent
 * TURN_BUDGET_MS grouping events, and the worker yields to the event loop between turns, so acknowledgements are
 * never held back behind a long run of rollup work (PERFORMANCE.md, import and ingestion).
 */
const TURN_EVENTS = 500;
/** Synchronous time a turn may spend taking events before it writes what it has. */
const TURN_BUDGET_MS = 4;
/** Usage month documents kept in memory at most (the rollup's own writes); the least recently used are dropped. */
const MAX_CACHED_MONTHS = 5_000;

function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** What a turn adds to one usage month. */
interface MonthDelta {
  /** The usage month's id (its storage key, the map's key, is this id in the account's team's id space). */
  id: string;
  account: SyncedDocument;
  month: string;
  events: LoggedEvent[];
  features: Partial<Record<ProductFeature, number>>;
  /** Day index (0-based) -> ingest-days id. */
  days: Map<number, string>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Rolls logged track events up into the usage month documents the app syncs: per account and UTC day, active users
 * are the distinct users seen (kept per day in `ingest-days`, so a day's count stays right across requests), and the
 * month's count of each product feature the event name maps to grows by the events' counts. Events whose account is
 * unknown are held, not dropped. One rollup at a time (a queue), so two turns never overwrite each other's counts.
 * Each turn reads the usage months it has not cached in one request and writes them in one (`serverWriteMany`: a
 * replica's concurrent write of a month makes the write conflict and the month is decided again on the new state).
 */
export class UsageRollup {
  /** Team -> user -> account key, from group calls. */
  private readonly groups = new Map<string, string>();
  /** The stored usage months this rollup last read or wrote (by id; null: none stored). */
  private readonly months = new Map<string, StoredRevision | null>();
  private readonly features = new Map<string, ProductFeature | null>();

  constructor(
    private readonly usage: CollectionStore,
    private readonly index: AccountIndex,
    private readonly days: DayUsers,
    private readonly log: EventLog,
    private readonly clock: HybridLogicalClock,
  ) {}

  /** The queue: `pending[head..]` (taken from the front by index; compacted now and then). */
  private pending: LoggedEvent[] = [];
  private head = 0;
  private worker: Promise<void> | null = null;
  private stopped = false;

  /**
   * Queues logged events for the rollup and returns at once: the events are durable in the log already. One worker
   * drains the queue in turns (group commit), so concurrent requests share writes.
   */
  enqueue(events: readonly LoggedEvent[]): void {
    if (this.stopped) return; // logged already: rolled up when the server next starts
    for (const event of events) this.pending.push(event);
    this.worker ??= this.drain().finally(() => {
      this.worker = null;
      if (this.queued() > 0) this.enqueue([]);
    });
  }

  /**
   * Stops taking turns and resolves when the turn under way is done, so the server closes no database under it.
   * Events still queued stay "pending" in the log and are rolled up when the server next starts.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending = [];
    this.head = 0;
    while (this.worker) await this.worker;
  }

  private queued(): number {
    return this.pending.length - this.head;
  }

  private take(): LoggedEvent {
    const next = this.pending[this.head++]!;
    if (this.head >= 4096 && this.head * 2 >= this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    return next;
  }

  /** Resolves when every queued event is rolled up (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.worker) await this.worker;
  }

  private async drain(): Promise<void> {
    // Let the request that queued the events answer before the first turn starts.
    await yieldToEventLoop();
    while (this.queued() > 0) {
      try {
        await this.turn();
      } catch (error) {
        // The events stay "pending" in the log and are rolled up again when the server next starts.
        console.error('sync-server ingest: rollup failed, events kept pending:', error);
      }
      await yieldToEventLoop();
    }
  }

  private featureOf(name: string | undefined): ProductFeature | null {
    if (!name) return null;
    let feature = this.features.get(name);
    if (feature === undefined) {
      feature = guessFeature(name);
      if (this.features.size < 10_000) this.features.set(name, feature);
    }
    return feature;
  }

  /** Takes events off the queue (at most TURN_EVENTS, or fewer once TURN_BUDGET_MS is spent) and rolls them up. */
  private async turn(): Promise<void> {
    const started = performance.now();
    const held: LoggedEvent[] = [];
    const applied: LoggedEvent[] = [];
    const byMonth = new Map<string, MonthDelta>();
    let taken = 0;
    while (this.queued() > 0 && taken < TURN_EVENTS && (taken % 50 !== 0 || performance.now() - started < TURN_BUDGET_MS)) {
      const logged = this.take();
      taken += 1;
      const e = logged.event;
      if (e.type === 'group' && e.accountKey) this.groups.set(`${logged.teamId}\u0000${e.user}`, e.accountKey);
      if (e.type !== 'track') {
        applied.push(logged);
        continue;
      }
      const key = e.accountKey ?? this.groups.get(`${logged.teamId}\u0000${e.user}`);
      const account = key ? (this.index.known(logged.teamId, key) ?? (await this.index.find(logged.teamId, key))) : null;
      if (!account) {
        held.push(logged);
        continue;
      }
      const month = e.timestamp.slice(0, 7);
      const id = usageMonthId(account.id, month);
      // Keyed in the account's team's id space: two teams' accounts of one id never share a month or a day.
      const monthKey = storageKey(id, account.teamId);
      let delta = byMonth.get(monthKey);
      if (!delta) byMonth.set(monthKey, (delta = { id, account, month, events: [], features: {}, days: new Map() }));
      delta.events.push(logged);
      const day = Number(e.timestamp.slice(8, 10)) - 1;
      delta.days.set(day, `${monthKey}:${String(day + 1).padStart(2, '0')}`);
      const feature = this.featureOf(e.event);
      if (feature) delta.features[feature] = (delta.features[feature] ?? 0) + e.count;
    }
    if (byMonth.size > 0) await this.writeMonths(byMonth);
    for (const delta of byMonth.values()) applied.push(...delta.events);
    await this.log.mark(applied, 'applied');
    await this.log.mark(held, 'held', 'no account of the team has this id (groupId, context.groupId or properties.accountId)');
  }

  private async writeMonths(byMonth: ReadonlyMap<string, MonthDelta>): Promise<void> {
    // Distinct users per day: the days not cached read in one request, the days that gained users written in one.
    const seen = new Map<string, Set<string>>();
    for (const [monthKey, delta] of byMonth) {
      for (const { event } of delta.events) {
        const dayId = `${monthKey}:${event.timestamp.slice(8, 10)}`;
        const set = seen.get(dayId) ?? new Set<string>();
        set.add(event.user);
        seen.set(dayId, set);
      }
    }
    const dayCounts = await this.days.add(seen);

    // The rollup is the only server-side writer of usage months; a replica's concurrent push of the same month is
    // merged per field by stamp on its side of the race, and ours is decided again on the new state (bulkServerWrite).
    await this.usage.serverWriteMany([...byMonth.keys()], (monthKey, current) => {
      const delta = byMonth.get(monthKey)!;
      const id = delta.id;
      const live = current && !current._deleted ? current : null;
      const activeUsers = [...((live?.['activeUsers'] as (number | null)[] | undefined) ?? Array.from({ length: daysInMonth(delta.month) }, () => null))];
      for (const [day, dayId] of delta.days) activeUsers[day] = Math.max(activeUsers[day] ?? 0, dayCounts.get(dayId) ?? 0);
      const featureEvents = { ...((live?.['featureEvents'] as Record<string, number> | undefined) ?? {}) };
      for (const f of PRODUCT_FEATURES) if (delta.features[f]) featureEvents[f] = (featureEvents[f] ?? 0) + delta.features[f]!;
      const stamp = this.clock.now();
      const account = delta.account;
      return {
        ...(live ?? { id, ownerId: account.ownerId, teamId: account.teamId, accountId: account.id, month: delta.month, fieldStamps: {} }),
        activeUsers,
        featureEvents,
        updatedAt: stamp,
        fieldStamps: {
          ...((live?.fieldStamps as Record<string, string>) ?? {}),
          ...(live ? {} : { ownerId: stamp, teamId: stamp, accountId: stamp, month: stamp }),
          activeUsers: stamp,
          featureEvents: stamp,
        },
      } as SyncedDocument;
    }, this.months);
    for (const id of byMonth.keys()) {
      const cached = this.months.get(id);
      if (cached === undefined) continue;
      this.months.delete(id);
      this.months.set(id, cached); // most recently used last
    }
    for (const id of this.months.keys()) {
      if (this.months.size <= MAX_CACHED_MONTHS) break;
      this.months.delete(id);
    }
  }
}

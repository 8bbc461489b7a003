import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { usageMonthId } from '../../common/model';
import type { AccessUser } from '../../common/sync/access-policy';
import { openDatabase } from '../storage/storage';
import { CollectionStore } from '../sync/collection-store';
import type { StoredDocument } from '../sync/stored-document';
import { syncedDoc } from '../testing/test-server';
import { EventLog, type LoggedEvent } from './event-log';
import { TeamFeatureCatalogue } from './team-feature-catalogue';
import { RollupLoop } from './rollup-loop';
import type { IngestEvent } from './segment-messages';
import { AccountIndex, UsageRollup } from './usage-rollup';

const ADMIN: AccessUser = { id: 'u-admin', role: 'admin', teamId: null };
const OWNER = { id: 'u-rep', token: '', teamId: 'team-a' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The ingestion's databases in one data folder, opened as a server start opens them (again after a "restart"). */
function serverIn(dataDir: string, clock = new HybridLogicalClock('server')) {
  const names = ['sync-accounts', 'sync-usage', 'ingest-events', 'ingest-days'] as const;
  const [accountsDb, usageDb, eventsDb, daysDb] = names.map((name) => openDatabase<never>({ dataDir }, name));
  const accounts = new CollectionStore('accounts', accountsDb as never, true);
  const usage = new CollectionStore('usage', usageDb as never);
  const log = new EventLog(eventsDb as never);
  const rollup = new UsageRollup(usage, new AccountIndex(accounts), daysDb as never, log, new TeamFeatureCatalogue(usage));
  const loop = new RollupLoop(log, rollup, clock);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await loop.stop();
    rollup.close();
    for (const db of [accountsDb, usageDb, eventsDb, daysDb]) await db!.close();
  };
  return { accounts, usage, log, rollup, loop, clock, close };
}

function events(from: number, count: number): IngestEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    messageId: `m-${from + i}`, type: 'track' as const, user: `u-${(from + i) % 7}`, accountKey: 'SF-001',
    event: 'Dashboard Viewed', count: 1, timestamp: '2026-06-03T10:00:00.000Z',
  }));
}

async function dashboards(server: ReturnType<typeof serverIn>): Promise<number> {
  const june = await server.usage.read('team-a', usageMonthId('acc-1', '2026-06'));
  return (june?.['featureEvents'] as Record<string, number> | undefined)?.['dashboards'] ?? 0;
}

async function firstStart() {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-rollup-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const server = serverIn(dataDir);
  cleanups.push(() => server.close());
  await server.accounts.push(ADMIN, [{ newDocumentState: syncedDoc('acc-1', OWNER, { externalId: 'SF-001' }) as never }]);
  return { dataDir, server };
}

async function append(server: ReturnType<typeof serverIn>, from: number, count: number): Promise<LoggedEvent[]> {
  const { stored, failed } = await server.log.append('team-a', events(from, count), '2026-06-03T10:00:01.000Z');
  expect(failed).toEqual([]);
  return stored;
}

describe('the rollup loop behind the event log', () => {
  it('resumes from its checkpoint after a restart and counts every event once', async () => {
    const { dataDir, server } = await firstStart();
    for (let batch = 0; batch < 3; batch++) await append(server, batch * 400, 400);
    server.loop.wake(false);
    await server.loop.idle();
    expect(await dashboards(server)).toBe(1200);
    expect((await server.loop.status()).caughtUp).toBe(true);
    // One local document per turn, not a rewrite per event: the events are as they were logged.
    expect((await server.log.withStatus('pending')).length).toBe(1200);
    await server.close();

    const restarted = serverIn(dataDir, server.clock);
    cleanups.push(() => restarted.close());
    await append(restarted, 1200, 300);
    await append(restarted, 0, 100); // retries of acknowledged messages: stored once, counted once
    restarted.loop.wake(false);
    await restarted.loop.idle();
    expect(await dashboards(restarted)).toBe(1500);
  });

  it.each([
    ['after its usage writes', true],
    ['before its usage writes', false],
  ])('replays a turn cut short %s (crash before the checkpoint) without counting an event twice', async (_when, wrote) => {
    const { dataDir, server } = await firstStart();
    for (let batch = 0; batch < 7; batch++) await append(server, batch * 100, 100);
    await server.loop.idle();
    // A turn as RollupLoop takes it, up to the crash: the turn recorded in the checkpoint, then (or not) its writes.
    // It takes more changes than one of the loop's turns (as a build with bigger turns would have), so the replay
    // must take them all again, not one turn's worth.
    const { seq } = await server.log.checkpoint();
    const { events: taken, last } = await server.log.since(seq, 1000);
    expect(taken).toHaveLength(700);
    const stamp = server.clock.now();
    await server.log.saveCheckpoint({ seq, turn: { to: last, stamp } });
    if (wrote) await server.rollup.apply(taken.map((e) => e.logged), stamp);
    expect(await dashboards(server)).toBe(wrote ? 700 : 0);
    await server.close();

    const restarted = serverIn(dataDir, server.clock);
    cleanups.push(() => restarted.close());
    restarted.loop.wake(false);
    await restarted.loop.idle();
    expect(await dashboards(restarted)).toBe(700);
    expect(await restarted.log.checkpoint()).toEqual({ seq: last });
    // Later events count on top, once.
    await append(restarted, 700, 50);
    restarted.loop.wake(false);
    await restarted.loop.idle();
    expect(await dashboards(restarted)).toBe(750);
  });
});

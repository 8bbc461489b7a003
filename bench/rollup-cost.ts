/**
 * CPU cost per event of the ingestion's two halves on LevelDB, apart: appending 20,000 events to the log in batches
 * of 100 (what an acknowledgement waits for) and rolling them up from the checkpoint (rollup-loop.ts, unthrottled:
 * no requests arrive). 100 accounts, 28 days, 50 users, 3 features, as the bench's ingestion step sends them.
 *   node --import tsx bench/rollup-cost.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HybridLogicalClock } from '../common/clock/hlc';
import type { AccessUser } from '../common/sync/access-policy';
import { EventLog } from '../sync-server/ingest/event-log';
import { TeamFeatureCatalogue } from '../sync-server/ingest/team-feature-catalogue';
import { RollupLoop } from '../sync-server/ingest/rollup-loop';
import { AccountIndex, UsageRollup } from '../sync-server/ingest/usage-rollup';
import { openDatabase } from '../sync-server/storage/storage';
import { CollectionStore } from '../sync-server/sync/collection-store';
import { syncedDoc } from '../sync-server/testing/test-server';

const EVENTS = 20_000;
const FEATURES = ['Dashboard Viewed', 'Report Exported', 'Integration Synced'];

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-rollup-cost-'));
  const open = (name: string) => openDatabase<never>({ dataDir }, name);
  const accounts = new CollectionStore('accounts', open('sync-accounts') as never, true);
  const usage = new CollectionStore('usage', open('sync-usage') as never);
  const log = new EventLog(open('ingest-events') as never);
  const loop = new RollupLoop(log, new UsageRollup(usage, new AccountIndex(accounts), open('ingest-days') as never, log, new TeamFeatureCatalogue(usage)), new HybridLogicalClock('bench'));
  const admin: AccessUser = { id: 'bench', role: 'admin', teamId: null };
  const owner = { id: 'u-bench', token: '', teamId: 'team-bench' };
  await accounts.push(admin, Array.from({ length: 100 }, (_, i) => ({ newDocumentState: syncedDoc(`acc-${i}`, owner, { externalId: `SF-${i}` }) as never })));

  let cpu = process.cpuUsage();
  for (let batch = 0; batch < EVENTS / 100; batch++) {
    const events = Array.from({ length: 100 }, (_, i) => {
      const k = batch * 100 + i;
      const day = String(1 + (k % 28)).padStart(2, '0');
      return { messageId: `m${k}`, type: 'track' as const, user: `u${k % 50}`, accountKey: `SF-${k % 100}`, event: FEATURES[k % 3]!, count: 1, timestamp: `2026-06-${day}T10:00:00.000Z` };
    });
    await log.append(owner.teamId, events, new Date().toISOString());
  }
  const appendMs = cpuMs(cpu);
  cpu = process.cpuUsage();
  loop.wake(false);
  await loop.idle();
  const rollupMs = cpuMs(cpu);
  console.log(`append: ${(appendMs / EVENTS).toFixed(3)} ms CPU per event; rollup: ${(rollupMs / EVENTS).toFixed(3)} ms CPU per event; ${JSON.stringify(await loop.status())}`);
  await loop.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

void main().then(() => process.exit(0));

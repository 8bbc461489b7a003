import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampChanges } from '../../common/db/stamp-writes';
import type { AccessUser } from '../../common/sync/access-policy';
import { openDatabase } from '../storage/storage';
import { activityFixture } from '../testing/test-replicas';
import { CollectionStore } from './collection-store';
import type { StoredDocument } from './stored-document';

// A store that keeps the in-memory index (local LevelDB) answers "which documents of this team name this account"
// (and how many name these accounts) from it; one without (CouchDB) asks the database's `by_account` view. Both must
// answer alike, whatever was pushed, edited, deleted or moved between teams before.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function database() {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-lookup-'));
  const db = openDatabase<StoredDocument>({ dataDir }, 'sync-activities');
  cleanups.push(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return db;
}

const TEAMS = ['team-a', 'team-b'] as const;
const ACCOUNTS = ['acc-1', 'acc-2', 'acc-3'] as const;
const IDS = ['act-1', 'act-2', 'act-3', 'act-4', 'act-5', 'act-6'] as const;
const repOf = (team: (typeof TEAMS)[number]): AccessUser => ({ id: `rep-${team}`, role: 'cs-rep', teamId: team });

type Step =
  | { kind: 'write'; team: (typeof TEAMS)[number]; id: string; accountId: string; deleted: boolean }
  | { kind: 'move'; accountId: string; from: (typeof TEAMS)[number] };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('write' as const),
    team: fc.constantFrom(...TEAMS),
    id: fc.constantFrom(...IDS),
    accountId: fc.constantFrom(...ACCOUNTS),
    deleted: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('move' as const), accountId: fc.constantFrom(...ACCOUNTS), from: fc.constantFrom(...TEAMS) }),
);

describe('the documents of an account', () => {
  it('are the same from the in-memory index as from the database view, after any pushes, edits, deletions and moves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const db = database();
        const indexed = new CollectionStore('activities', db, false, true);
        const viewed = new CollectionStore('activities', db, false, false);
        await indexed.ready();
        const clock = new HybridLogicalClock('lookup');
        for (const s of steps) {
          if (s.kind === 'move') {
            const to = TEAMS.find((team) => team !== s.from)!;
            await indexed.moveAccountDocuments(s.accountId, s.from, { ownerId: `rep-${to}`, teamId: to }, () => clock.now());
            continue;
          }
          const user = repOf(s.team);
          const master = await indexed.read(s.team, s.id);
          const base = master ?? { ...activityFixture(s.id, s.accountId, { id: user.id, teamId: s.team }, clock), _deleted: false };
          const next = { ...base, ...stampChanges(base.fieldStamps, { accountId: s.accountId }, clock), _deleted: s.deleted };
          await indexed.push(user, [{ assumedMasterState: master, newDocumentState: next as never }]);
        }
        let documents = 0;
        for (const team of TEAMS) {
          for (const accountId of ACCOUNTS) {
            const fromView = await viewed.idsForAccount(team, accountId);
            expect(await indexed.idsForAccount(team, accountId), `${team} ${accountId}`).toEqual(fromView);
            documents += fromView.length;
          }
        }
        // Counted for many accounts at once (a bulk re-assignment's notice), the same by either way.
        const every = TEAMS.flatMap((teamId) => ACCOUNTS.map((accountId) => ({ teamId, accountId })));
        expect(await viewed.countForAccounts(every)).toBe(documents);
        expect(await indexed.countForAccounts(every)).toBe(documents);
        indexed.close();
        viewed.close();
      }),
      { numRuns: 25 },
    );
  });
});

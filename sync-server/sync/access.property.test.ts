import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { canRead, type AccessUser, type Role } from '../../common/sync/access-policy';
import { api, startTestServer, type TestServer } from '../testing/test-server';
import { seedTwoTeams, TWO_TEAM_NAMES, type TwoTeamName, type TwoTeams } from '../testing/two-teams';
import { accountFixture, contactFixture } from '../testing/test-replicas';
import { openStream, type TestStream } from '../testing/stream-reader';

/**
 * Random sequences of role, team and share changes, re-assignments and pushes by members of two teams. After every
 * step: each member's replica (built only from their pulls, continued from their checkpoints) holds exactly the
 * documents they may read now (newly visible ones arrive, others get tombstones); nothing non-deleted they may not
 * read ever reached them, by pull or live stream; and no push by a member of one team changed another team's document.
 */
let t: TestServer;
let adminToken: string;
const names = TWO_TEAM_NAMES;
type Name = TwoTeamName;
let people: TwoTeams['people'];
let teams: TwoTeams['teams'];
const COLLECTIONS = ['accounts', 'contacts'] as const;

beforeAll(async () => {
  t = await startTestServer();
  ({ adminToken, teams, people } = await seedTwoTeams(t.server, 'prop.example'));
});
afterAll(() => t.stop());

const step = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), by: fc.constantFrom(...names), owner: fc.constantFrom(...names), account: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('contact' as const), by: fc.constantFrom(...names), owner: fc.constantFrom(...names), account: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('edit' as const), by: fc.constantFrom(...names), account: fc.integer({ min: 0, max: 3 }), value: fc.integer({ min: 0, max: 999 }) }),
  fc.record({ kind: fc.constant('move-person' as const), role: fc.constantFrom<Role>('cs-rep', 'viewer', 'cs-manager'), team: fc.constantFrom('A' as const, 'B' as const) }),
  fc.record({ kind: fc.constant('share' as const), on: fc.boolean() }),
  fc.record({ kind: fc.constant('reassign' as const), account: fc.integer({ min: 0, max: 3 }), to: fc.constantFrom('repA', 'mover', 'repB', 'managerB') }),
);

describe('access under random administration', () => {
  it('never lets a document reach a person who may not read it, nor one team’s write change another team’s document', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 10 }), async (steps) => {
        run += 1;
        const clock = new HybridLogicalClock(`acc${run}`);
        const id = (n: number) => `p${run}-acc-${n}`;
        const replicas = new Map(names.map((name) => [name, { docs: new Map<string, any>(), checkpoints: {} as Record<string, unknown> }]));
        const streams = new Map<Name, { stream: TestStream; access: AccessUser; seen: number }>();
        const truth = async () => {
          const all = new Map<string, any>();
          for (const collection of COLLECTIONS) {
            const res = await api(t.server, 'GET', `/sync/${collection}/pull?limit=5000`, { token: adminToken });
            // Each team has its own id space: the truth holds every team's copy of an id.
            for (const doc of res.body.documents) all.set(`${collection}/${doc.teamId}/${doc.id}`, doc);
          }
          return all;
        };
        const openAll = async () => {
          for (const name of names) {
            const open = streams.get(name);
            if (open) {
              checkStream(name, open);
              open.stream.close();
            }
            streams.set(name, { stream: await openStream(t.server, people[name].token, COLLECTIONS.join(',')), access: { ...people[name].access }, seen: 0 });
          }
        };
        const checkStream = (name: Name, open: { stream: TestStream; access: AccessUser; seen: number }) => {
          for (const frame of open.stream.frames.slice(open.seen)) {
            for (const doc of frame.documents) {
              if (!doc._deleted) expect(canRead(open.access, doc, frame.collection), `${name} streamed ${doc.id}`).toBe(true);
            }
          }
          open.seen = open.stream.frames.length;
        };
        // The copy of an id a person's push is based on: their own team's (what their replica holds).
        const own = (all: Map<string, any>, by: Name, collection: string, docId: string) => all.get(`${collection}/${people[by].access.teamId}/${docId}`);
        const push = (by: Name, collection: string, doc: any, assumed: any = null) =>
          api(t.server, 'POST', `/sync/${collection}/push`, { token: people[by].token, body: [{ assumedMasterState: assumed, newDocumentState: { ...doc, _deleted: false } }] });
        await openAll();

        for (const action of steps) {
          const before = await truth();
          let pusher: Name | null = null;
          if (action.kind === 'create' || action.kind === 'contact') {
            const owner = { id: people[action.owner].id, teamId: people[action.owner].access.teamId! };
            const doc = action.kind === 'create' ? accountFixture(id(action.account), owner, clock) : contactFixture(`${id(action.account)}-c-${action.by}`, id(action.account), owner, clock);
            pusher = action.by;
            await push(action.by, action.kind === 'create' ? 'accounts' : 'contacts', doc, own(before, action.by, action.kind === 'create' ? 'accounts' : 'contacts', doc.id) ?? null);
          } else if (action.kind === 'edit') {
            const current = own(before, action.by, 'accounts', id(action.account)) ?? [...before].find(([key, doc]) => key.startsWith('accounts/') && doc.id === id(action.account))?.[1];
            if (current && !current._deleted) {
              const at = clock.now();
              pusher = action.by;
              await push(action.by, 'accounts', { ...current, mrr: action.value, updatedAt: at, fieldStamps: { ...current.fieldStamps, mrr: at } }, current);
            }
          } else if (action.kind === 'move-person') {
            const res = await api(t.server, 'PUT', `/admin/users/${people.mover.id}/role`, { token: adminToken, body: { role: action.role, teamId: teams[action.team] } });
            expect(res.status).toBe(200);
            people.mover.access = { ...people.mover.access, role: action.role, teamId: teams[action.team] };
            await openAll();
          } else if (action.kind === 'share') {
            const sharedOwnerIds = action.on ? [people.mover.id] : [];
            expect((await api(t.server, 'PUT', `/admin/users/${people.repA.id}/shares`, { token: adminToken, body: { sharedOwnerIds } })).status).toBe(200);
            people.repA.access = { ...people.repA.access, sharedOwnerIds };
            await openAll();
          } else {
            await api(t.server, 'PUT', `/admin/accounts/${id(action.account)}/owner`, { token: adminToken, body: { ownerId: people[action.to].id } });
          }

          const after = await truth();
          if (pusher) {
            // A member's push never changes a document of a team other than their own.
            for (const [key, doc] of before) {
              if (doc.teamId !== people[pusher].access.teamId) expect(after.get(key), `${pusher} changed ${key}`).toEqual(doc);
            }
          }
          for (const name of names) {
            const replica = replicas.get(name)!;
            for (const collection of COLLECTIONS) {
              for (;;) {
                const cp = replica.checkpoints[collection];
                const query = new URLSearchParams({ limit: '3', ...(cp ? { checkpoint: JSON.stringify(cp) } : {}) });
                const res = await api(t.server, 'GET', `/sync/${collection}/pull?${query}`, { token: people[name].token });
                expect(res.status).toBe(200);
                for (const doc of res.body.documents) {
                  if (!doc._deleted) expect(canRead(people[name].access, doc, collection), `${name} pulled ${doc.id}`).toBe(true);
                  replica.docs.set(`${collection}/${doc.id}`, doc);
                }
                replica.checkpoints[collection] = res.body.checkpoint;
                if (res.body.documents.length < 3) break;
              }
            }
            const held = [...replica.docs].filter(([, doc]) => !doc._deleted).map(([key]) => key).sort();
            const readable = [...after]
              .filter(([key, doc]) => !doc._deleted && canRead(people[name].access, doc, key.split('/')[0]))
              .map(([key, doc]) => `${key.split('/')[0]}/${doc.id}`)
              .sort();
            expect(held, `${name}'s replica`).toEqual(readable);
            checkStream(name, streams.get(name)!);
          }
        }
        for (const { stream } of streams.values()) stream.close();
      }),
      { numRuns: 8, seed: 20261206, endOnFailure: true },
    );
  }, 60_000);
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { canRead, canWrite, type Role } from '../../common/sync/access-policy';
import { api, startTestServer, type TestServer } from '../testing/test-server';
import { seedTwoTeams, TWO_TEAM_NAMES, type TwoTeamName, type TwoTeams } from '../testing/two-teams';
import { accountFixture } from '../testing/test-replicas';
import { RoomSocket } from '../testing/room-socket';

/**
 * The Yjs rooms under random administration: role, team and share changes, re-assignments (by an Admin, and by a
 * CS Manager's push of a new owner), deletions and pushes by members of two teams. After every step, each socket
 * still open belongs to someone who may read that account now (a socket that lost access was closed before the
 * step's request was answered: the barrier finds it closed, with no waiting on timers), the text written by someone
 * who may read reaches every open socket, an update sent on a socket is kept only if its person may write the account
 * now, and a fresh join is granted exactly to those who may read. Playbook rooms are one per team: an open socket is
 * always in its person's current team's room and writes only if they may write playbooks.
 */
let t: TestServer;
let adminToken: string;
const names = TWO_TEAM_NAMES;
type Name = TwoTeamName;
let people: TwoTeams['people'];
let teams: TwoTeams['teams'];
const ACCOUNTS = 3;

beforeAll(async () => {
  t = await startTestServer({ rateLimit: { burst: 100_000, perSecond: 100_000 } });
  ({ adminToken, teams, people } = await seedTwoTeams(t.server, 'rooms.example'));
});
afterAll(() => t.stop());

const account = fc.integer({ min: 0, max: ACCOUNTS - 1 });
const step = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), by: fc.constantFrom(...names), owner: fc.constantFrom(...names), account }),
  fc.record({ kind: fc.constant('owner-push' as const), by: fc.constantFrom(...names), to: fc.constantFrom(...names), account }),
  fc.record({ kind: fc.constant('delete' as const), by: fc.constantFrom(...names), account }),
  fc.record({ kind: fc.constant('move-person' as const), role: fc.constantFrom<Role>('cs-rep', 'viewer', 'cs-manager'), team: fc.constantFrom('A' as const, 'B' as const) }),
  fc.record({ kind: fc.constant('share' as const), on: fc.boolean() }),
  fc.record({ kind: fc.constant('reassign' as const), account, to: fc.constantFrom('repA', 'mover', 'repB', 'managerB') }),
);

describe('Yjs note and playbook rooms under random administration', () => {
  it('never leave a room open to, nor take a write from, a person who may not read or write it now', async () => {
    const ws = t.server.url.replace(/^http/, 'ws');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Name>('managerA', 'repA', 'mover', 'managerB', 'repB'), { minLength: ACCOUNTS, maxLength: ACCOUNTS }), fc.array(step, { minLength: 3, maxLength: 10 }), async (owners, steps) => {
        run += 1;
        const clock = new HybridLogicalClock(`room${run}`);
        const id = (n: number) => `r${run}-acc-${n}`;
        const notes = new Map<string, RoomSocket>(); // `${name}/${accountId}`
        const admin = new Map<string, RoomSocket>(); // `${teamId}/${accountId}`: each team has its own id space
        const playbooks = new Map<Name, { socket: RoomSocket; teamId: string }>();
        const playbook = `pb${run}`;
        const accounts = async () => {
          const res = await api(t.server, 'GET', '/sync/accounts/pull?limit=5000', { token: adminToken });
          return new Map<string, any>((res.body.documents as any[]).filter((doc) => doc.id.startsWith(`r${run}-`)).map((doc) => [`${doc.teamId}/${doc.id}`, doc]));
        };
        // The copy of an account id a person reaches: their own team's (each team has its own id space).
        const reach = (all: Map<string, any>, name: Name, accountId: string) => all.get(`${people[name].access.teamId}/${accountId}`);
        // What a person bases a push on: their team's copy, or (to try a write they may not make) another team's.
        const basis = (all: Map<string, any>, name: Name, accountId: string) =>
          reach(all, name, accountId) ?? [...all.values()].find((doc) => doc.id === accountId);
        const push = (by: Name, doc: any, assumed: any) =>
          api(t.server, 'POST', '/sync/accounts/push', { token: people[by].token, body: [{ assumedMasterState: assumed, newDocumentState: doc }] });
        const readable = (name: Name, doc: any) => doc !== undefined && !doc._deleted && canRead(people[name].access, doc);
        const writable = (name: Name, doc: any) => readable(name, doc) && canWrite(people[name].access, doc, doc);

        // The run's accounts exist from the start (pushed by the Admin) with random owners, so each step has rooms to act on.
        for (const [n, owner] of owners.entries()) {
          const doc = { ...accountFixture(id(n), { id: people[owner].id, teamId: people[owner].access.teamId! }, clock), _deleted: false };
          expect((await api(t.server, 'POST', '/sync/accounts/push', { token: adminToken, body: [{ assumedMasterState: null, newDocumentState: doc }] })).body).toEqual([]);
        }
        for (const [index, action] of [{ kind: 'start' as const }, ...steps].entries()) {
          const before = await accounts();
          if (action.kind === 'create') {
            const owner = { id: people[action.owner].id, teamId: people[action.owner].access.teamId! };
            await push(action.by, { ...accountFixture(id(action.account), owner, clock), _deleted: false }, reach(before, action.by, id(action.account)) ?? null);
          } else if (action.kind === 'owner-push' || action.kind === 'delete') {
            const current = basis(before, action.by, id(action.account));
            if (current && !current._deleted) {
              const at = clock.now();
              const next =
                action.kind === 'delete'
                  ? { ...current, _deleted: true, updatedAt: at }
                  : { ...current, ownerId: people[action.to].id, teamId: people[action.to].access.teamId, updatedAt: at, fieldStamps: { ...current.fieldStamps, ownerId: at, teamId: at } };
              await push(action.by, next, current);
            }
          } else if (action.kind === 'move-person') {
            const res = await api(t.server, 'PUT', `/admin/users/${people.mover.id}/role`, { token: adminToken, body: { role: action.role, teamId: teams[action.team] } });
            expect(res.status).toBe(200);
            people.mover.access = { ...people.mover.access, role: action.role, teamId: teams[action.team] };
          } else if (action.kind === 'share') {
            const sharedOwnerIds = action.on ? [people.mover.id] : [];
            expect((await api(t.server, 'PUT', `/admin/users/${people.repA.id}/shares`, { token: adminToken, body: { sharedOwnerIds } })).status).toBe(200);
            people.repA.access = { ...people.repA.access, sharedOwnerIds };
          } else if (action.kind === 'reassign') {
            await api(t.server, 'PUT', `/admin/accounts/${id(action.account)}/owner`, { token: adminToken, body: { ownerId: people[action.to].id } });
          }
          const now = await accounts();

          // 1. Every socket still open is someone's who may read the account (or be in the team's playbook room) now.
          for (const [key, socket] of notes) {
            const [name, accountId] = key.split('/') as [Name, string];
            if (await socket.barrier()) expect(readable(name, reach(now, name, accountId)), `${name}'s notes socket on ${accountId} stayed open after ${action.kind}`).toBe(true);
            else notes.delete(key);
          }
          for (const [name, held] of playbooks) {
            if (await held.socket.barrier()) expect(held.teamId, `${name}'s playbook socket stayed in its former team's room`).toBe(people[name].access.teamId);
            else playbooks.delete(name);
          }
          for (const [accountId, socket] of admin) if (!(await socket.barrier())) admin.delete(accountId);

          // 2. Text an Admin writes reaches every open socket; an update sent on a socket is kept only if its person may write.
          const mark = `|s${index}`;
          for (const socket of admin.values()) socket.write(mark);
          for (const socket of admin.values()) await socket.barrier();
          for (const [key, socket] of notes) socket.write(`|w${index}-${key.split('/')[0]}`);
          for (const [key, socket] of notes) {
            expect(await socket.barrier(), `${key} closed while nothing changed`).toBe(true);
            expect(socket.text(), `${key} reads the Admin's text`).toContain(mark);
          }
          for (const [name, held] of playbooks) held.socket.write(`|p${index}-${name}`, 'playbook');
          // Twice: first every write is handled, then every socket has what the server sent on after them.
          for (const held of playbooks.values()) await held.socket.barrier();
          for (const held of playbooks.values()) await held.socket.barrier();
          for (const [key, socket] of admin) {
            await socket.barrier();
            const [teamId, accountId] = key.split('/') as [string, string];
            for (const name of names) {
              if (!notes.has(`${name}/${accountId}`) || people[name].access.teamId !== teamId) continue;
              expect(socket.text().includes(`|w${index}-${name}`), `${name}'s write to ${accountId} kept`).toBe(writable(name, now.get(key)));
            }
          }
          for (const [name, held] of playbooks) {
            const teamText = [...playbooks].filter(([other, each]) => other !== name && each.teamId === held.teamId).map(([, each]) => each.socket.text('playbook')).join('');
            const scope = { ownerId: people[name].id, teamId: held.teamId };
            expect(teamText.includes(`|p${index}-${name}`), `${name}'s playbook write kept`).toBe(canWrite(people[name].access, scope, scope, 'playbooks'));
          }

          // 3. A fresh join is granted exactly to those who may read (the sockets for the next step).
          for (let n = 0; n < ACCOUNTS; n += 1) {
            for (const name of names) {
              const key = `${name}/${id(n)}`;
              if (notes.has(key)) continue;
              const doc = reach(now, name, id(n));
              if (!doc) continue;
              const joined = await RoomSocket.join(`${ws}/yjs/notes/${id(n)}`, people[name].token);
              expect(joined instanceof RoomSocket, `${name} joins ${id(n)}`).toBe(readable(name, doc));
              if (joined instanceof RoomSocket) notes.set(key, joined);
            }
            for (const doc of now.values()) {
              const key = `${doc.teamId}/${doc.id}`;
              if (doc.id !== id(n) || admin.has(key) || doc._deleted) continue;
              // An Admin names the team: several teams may hold this id.
              const joined = await RoomSocket.join(`${ws}/yjs/notes/${id(n)}?team=${doc.teamId}`, adminToken);
              if (!(joined instanceof RoomSocket)) throw new Error(`the Admin could not join ${key}`);
              admin.set(key, joined);
            }
          }
          for (const name of names) {
            if (playbooks.has(name)) continue;
            const joined = await RoomSocket.join(`${ws}/yjs/playbooks/${playbook}`, people[name].token);
            if (!(joined instanceof RoomSocket)) throw new Error(`${name} could not join the team's playbook room`);
            playbooks.set(name, { socket: joined, teamId: people[name].access.teamId! });
          }
        }
        for (const socket of [...notes.values(), ...admin.values(), ...[...playbooks.values()].map((held) => held.socket)]) socket.close();
      }),
      { numRuns: 12, seed: 20261206, endOnFailure: true },
    );
  }, 120_000);
});

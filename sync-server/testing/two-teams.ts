import type { AccessUser, Role } from '../../common/sync/access-policy';
import { ADMIN, api, login, PASSWORD, type TestServer } from './test-server';

/** The cast of the access property tests: two teams, and in team A one person ("mover") whose role and team the tests change. */
export const TWO_TEAM_NAMES = ['managerA', 'repA', 'mover', 'viewerA', 'managerB', 'repB'] as const;
export type TwoTeamName = (typeof TWO_TEAM_NAMES)[number];

const ROLES: Record<TwoTeamName, [Role, 'A' | 'B']> = {
  managerA: ['cs-manager', 'A'],
  repA: ['cs-rep', 'A'],
  mover: ['cs-rep', 'A'],
  viewerA: ['viewer', 'A'],
  managerB: ['cs-manager', 'B'],
  repB: ['cs-rep', 'B'],
};

export interface TwoTeams {
  adminToken: string;
  teams: Record<'A' | 'B', string>;
  /** Each person's id, access token and access as the tests track it (they update it as they change roles and shares). */
  people: Record<TwoTeamName, { id: string; token: string; access: AccessUser }>;
}

/** Creates the two teams and their people on a running test server, signed in; emails end in `@<domain>`. */
export async function seedTwoTeams(server: TestServer['server'], domain: string): Promise<TwoTeams> {
  const adminToken = (await login(server, ADMIN.email, ADMIN.password)).accessToken;
  const teams = { A: '', B: '' };
  for (const key of ['A', 'B'] as const) teams[key] = (await api(server, 'POST', '/admin/teams', { token: adminToken, body: { name: key } })).body.id;
  const people = {} as TwoTeams['people'];
  for (const name of TWO_TEAM_NAMES) {
    const [role, teamKey] = ROLES[name];
    const email = `${name}@${domain}`;
    const created = await api(server, 'POST', '/admin/users', { token: adminToken, body: { email, password: PASSWORD, name, role, teamId: teams[teamKey] } });
    people[name] = { id: created.body.id, token: (await login(server, email, PASSWORD)).accessToken, access: { id: created.body.id, role, teamId: teams[teamKey], sharedOwnerIds: [] } };
  }
  return { adminToken, teams, people };
}

import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampNew } from '../../common/db/stamp-writes';
import type { Execution } from '../../common/playbooks/execution';
import type { PlaybookInput } from '../../common/playbooks/playbook-definition';
import { addDays } from '../../common/playbooks/time';
import { validatePlaybook } from '../../common/playbooks/validate-playbook';
import { playbookTeamSuite } from '../testing/playbook-laptops';
import { ADMIN, api, login, pullAll } from '../testing/test-server';
import { accountFixture, eventually } from '../testing/test-replicas';

/**
 * A re-assigned account's documents reach the two devices in no fixed order: each collection replicates on its own.
 * Neither the new owner's device (the account before its executions) nor the old owner's (the executions gone before
 * the account) may start the playbook again over the execution the team already has.
 */
const T0 = '2026-06-01T09:00:00.000Z';
const suite = playbookTeamSuite(T0);
const { clockAt } = suite;

const DRIP: PlaybookInput = {
  id: 'drip', version: 1, name: 'Renewal drip', trigger: { kind: 'renewal-date', daysBefore: 400 }, start: 't1',
  steps: [
    { id: 't1', type: 'create-task', task: { title: 'First touch', taskType: 'lifecycle', priority: 'medium', dueInDays: 1 }, next: 'w1' },
    { id: 'w1', type: 'wait', wait: { days: 2 }, next: 't2' },
    { id: 't2', type: 'create-task', task: { title: 'Second touch', taskType: 'lifecycle', priority: 'medium', dueInDays: 1 }, next: 'end' },
    { id: 'end', type: 'end', outcome: 'no-effect' },
  ],
};

const serverExecutions = async (accountId: string) =>
  ((await pullAll(suite.t.server, suite.team.managerA, 'executions')).filter((doc) => !doc._deleted) as Execution[]).filter((e) => e.accountId === accountId);
const serverTasks = async (accountId: string) => (await pullAll(suite.t.server, suite.team.managerA, 'tasks')).filter((doc) => !doc._deleted && doc['accountId'] === accountId);

/** The manager publishes the drip; `accountId` (renewing in 214 days) belongs to rep A; her device runs its first step. */
async function dripStartedOnAnn(accountId: string) {
  clockAt.now = T0;
  const clock = new HybridLogicalClock(`mgr${accountId}`);
  const checked = validatePlaybook(DRIP);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const manager = await suite.laptops.laptop({ ...suite.team.managerA, role: 'cs-manager' });
  if (!(await manager.db.playbooks.findOne('drip@1').exec())) {
    await manager.db.playbooks.insert(stampNew({ id: 'drip@1', ownerId: suite.team.managerA.id, teamId: suite.team.managerA.teamId, playbookId: 'drip', version: 1, name: 'Renewal drip', status: 'active' as const, definition: checked.playbook as unknown as Record<string, unknown>, savedBy: 'Manager', savedAt: T0 }, clock));
  }
  await manager.db.accounts.insert(accountFixture(accountId, suite.team.repA, clock, { renewalDate: '2027-01-01' }));
  await manager.inSync();
  return manager;
}

async function reassignToRepA2(accountId: string) {
  const admin = await login(suite.t.server, ADMIN.email, ADMIN.password);
  expect((await api(suite.t.server, 'PUT', `/admin/accounts/${accountId}/owner`, { token: admin.accessToken, body: { ownerId: suite.team.repA2.id } })).status).toBe(200);
}

describe('a playbook execution handed over with its account', () => {
  it('is not started again on the new owner’s device when the account arrives there before its execution', async () => {
    await dripStartedOnAnn('acme');
    const ann = await suite.laptops.laptop({ ...suite.team.repA, role: 'cs-rep' });
    await eventually(async () => (await ann.db.accounts.findOne('acme').exec()) !== null && (await ann.db.playbooks.findOne('drip@1').exec()) !== null, 'the rep’s device to hold playbook and account');
    await ann.tick();
    await eventually(async () => (await serverExecutions('acme'))[0]?.currentStepId === 'w1', 'the first step on the server');
    await reassignToRepA2('acme');

    // Bob's device gets the account and the playbook, but not yet the executions; his engine ticks meanwhile.
    const bob = await suite.laptops.laptop({ ...suite.team.repA2, role: 'cs-rep' }, { withhold: ['executions'] });
    await eventually(async () => (await bob.db.accounts.findOne('acme').exec())?.ownerId === suite.team.repA2.id && (await bob.db.playbooks.findOne('drip@1').exec()) !== null, 'the new owner to hold account and playbook');
    clockAt.now = addDays(T0, 1);
    await bob.tick();
    expect(await bob.db.executions.count().exec()).toBe(0);

    bob.syncWithheld();
    await eventually(async () => (await bob.db.executions.find().exec()).length === 1, 'the execution to reach the new owner');
    clockAt.now = addDays(T0, 3);
    await bob.tick();
    await bob.engine.idle();
    await bob.inSync();
    await eventually(async () => (await serverExecutions('acme'))[0]?.status === 'completed', 'the execution to finish on the new owner’s device');
    const [execution] = await serverExecutions('acme');
    expect(execution!.log.map((entry) => `${entry.stepId}:${entry.status}@${entry.at.slice(0, 10)}`)).toEqual([
      't1:done@2026-06-01', 'w1:waiting@2026-06-01', 'w1:done@2026-06-03', 't2:done@2026-06-03', 'end:done@2026-06-03',
    ]);
    expect((await serverTasks('acme')).map((task) => task['title']).sort()).toEqual(['First touch', 'Second touch']);
  });

  it('is not started again on the old owner’s device when its execution leaves before the account does', async () => {
    await dripStartedOnAnn('initech');
    const ann = await suite.laptops.laptop({ ...suite.team.repA, role: 'cs-rep' }, { separate: ['accounts'] });
    await eventually(async () => (await ann.db.accounts.findOne('initech').exec()) !== null && (await ann.db.playbooks.findOne('drip@1').exec()) !== null, 'the rep’s device to hold playbook and account');
    await ann.tick();
    await eventually(async () => (await ann.db.executions.find({ selector: { accountId: 'initech' } }).exec()).length === 1, 'the execution on the rep’s device');

    // The account's move has not reached Ann's device; its execution and tasks have gone from it.
    await ann.pause();
    await reassignToRepA2('initech');
    await eventually(async () => (await ann.db.executions.find({ selector: { accountId: 'initech' } }).exec()).length === 0, 'the execution to leave the old owner’s device');
    await ann.tick();
    expect(await ann.db.executions.find({ selector: { accountId: 'initech' } }).exec()).toHaveLength(0);
    expect(await ann.db.tasks.find({ selector: { accountId: 'initech' } }).exec()).toHaveLength(0);
  });
});

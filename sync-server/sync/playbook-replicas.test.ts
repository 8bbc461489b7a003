import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampChanges, stampNew } from '../../common/db/stamp-writes';
import type { Execution } from '../../common/playbooks/execution';
import type { PlaybookInput } from '../../common/playbooks/playbook-definition';
import { addDays } from '../../common/playbooks/time';
import { validatePlaybook } from '../../common/playbooks/validate-playbook';
import { playbookTeamSuite } from '../testing/playbook-laptops';
import { ADMIN, api, login, pullAll } from '../testing/test-server';
import { accountFixture, eventually } from '../testing/test-replicas';

/**
 * Exactly once across a team: every member's device runs the engine on its replica of the same accounts, through a
 * real sync server on 127.0.0.1, on a clock the test moves. Only the account owner's device runs an account's
 * executions; a re-assignment hands an execution over to the new owner's device at the step where it stood.
 */
const T0 = '2026-06-01T09:00:00.000Z';
const suite = playbookTeamSuite(T0);
const { clockAt } = suite;
const laptop = (member: Parameters<typeof suite.laptops.laptop>[0]) => suite.laptops.laptop(member);

const DRIP: PlaybookInput = {
  id: 'drip', version: 1, name: 'Renewal drip', trigger: { kind: 'renewal-date', daysBefore: 400 }, start: 't1',
  steps: [
    { id: 't1', type: 'create-task', task: { title: 'First touch: {{account.name}}', taskType: 'lifecycle', priority: 'medium', dueInDays: 1 }, next: 'w1' },
    { id: 'w1', type: 'wait', wait: { days: 2 }, next: 't2' },
    { id: 't2', type: 'create-task', task: { title: 'Second touch', taskType: 'lifecycle', priority: 'medium', dueInDays: 1 }, next: 'w2' },
    { id: 'w2', type: 'wait', wait: { days: 2 }, next: 't3' },
    { id: 't3', type: 'create-task', task: { title: 'Third touch', taskType: 'lifecycle', priority: 'medium', dueInDays: 1 }, next: 'end' },
    { id: 'end', type: 'end', outcome: 'no-effect' },
  ],
};

const serverTasks = async () => (await pullAll(suite.t.server, suite.team.managerA, 'tasks')).filter((doc) => !doc._deleted);
const serverExecutions = async () => (await pullAll(suite.t.server, suite.team.managerA, 'executions')).filter((doc) => !doc._deleted) as Execution[];

describe('playbook executions across replicas', () => {
  it('runs each step once although every device of the team runs the engine, and hands over on a change of owner', async () => {
    const checked = validatePlaybook(DRIP);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const managerClock = new HybridLogicalClock('mgr');
    // The manager publishes the playbook; the rep owns the account.
    const manager = await laptop({ ...suite.team.managerA, role: 'cs-manager' });
    await manager.db.playbooks.insert(stampNew({ id: 'drip@1', ownerId: suite.team.managerA.id, teamId: suite.team.managerA.teamId, playbookId: 'drip', version: 1, name: 'Renewal drip', status: 'active' as const, definition: checked.playbook as unknown as Record<string, unknown>, savedBy: 'Manager', savedAt: T0 }, managerClock));
    await manager.db.accounts.insert(accountFixture('acme', suite.team.repA, managerClock, { renewalDate: '2027-01-01' }));
    await manager.inSync();

    const ann = await laptop({ ...suite.team.repA, role: 'cs-rep' });
    await eventually(async () => (await ann.db.playbooks.findOne('drip@1').exec()) !== null && (await ann.db.accounts.findOne('acme').exec()) !== null, 'the rep’s device to hold playbook and account');

    // Day 0: every device ticks (the owner's twice); the manager's device runs nothing of the rep's account.
    for (const device of [ann, manager, ann]) await device.tick();
    for (const device of [ann, manager]) await device.inSync();
    await eventually(async () => (await serverTasks()).length === 1, 'the first task on the server');
    expect((await serverExecutions()).map((e) => e.ownerId)).toEqual([suite.team.repA.id]);

    // Day 2.5: the wait ends; the second task. Ticking twice, on all devices, still makes one of each.
    clockAt.now = addDays(T0, 2.5);
    for (const device of [ann, manager, ann]) await device.tick();
    await eventually(async () => (await serverTasks()).length === 2 && (await serverExecutions())[0]!.currentStepId === 'w2', 'the second step everywhere');

    // The account moves to another rep; the execution and its tasks follow it (they carry its accountId).
    const admin = await login(suite.t.server, ADMIN.email, ADMIN.password);
    expect((await api(suite.t.server, 'PUT', '/admin/accounts/acme/owner', { token: admin.accessToken, body: { ownerId: suite.team.repA2.id } })).status).toBe(200);
    const bob = await laptop({ ...suite.team.repA2, role: 'cs-rep' });
    await eventually(
      async () => (await bob.db.executions.find().exec()).length === 1 && (await bob.db.accounts.findOne('acme').exec()) !== null && (await bob.db.playbooks.findOne('drip@1').exec()) !== null,
      'the new owner to hold the execution, its account and its playbook version',
    );
    await eventually(async () => (await ann.db.accounts.findOne('acme').exec()) === null && (await ann.db.executions.find().exec()).length === 0, 'the old owner’s device to let go');

    // Day 5: everyone ticks; only the new owner's device runs the third step.
    clockAt.now = addDays(T0, 5);
    for (const device of [ann, manager, bob, bob]) await device.tick();
    await eventually(async () => (await serverExecutions())[0]?.status === 'completed', 'the execution to finish');

    const [execution] = await serverExecutions();
    expect(execution!.ownerId).toBe(suite.team.repA2.id);
    expect(execution!.log.map((entry) => `${entry.stepId}:${entry.status}@${entry.at.slice(0, 10)}`)).toEqual([
      't1:done@2026-06-01', 'w1:waiting@2026-06-01', 'w1:done@2026-06-03', 't2:done@2026-06-03', 'w2:waiting@2026-06-03', 'w2:done@2026-06-05', 't3:done@2026-06-05', 'end:done@2026-06-05',
    ]);
    const tasks = await serverTasks();
    expect(tasks.map((task) => task.title).sort()).toEqual(['First touch: Account acme', 'Second touch', 'Third touch']);
    expect(tasks.every((task) => task.ownerId === suite.team.repA2.id)).toBe(true);
    expect(tasks.find((task) => task.title === 'Third touch')!.assigneeId).toBe(suite.team.repA2.id);
  });

  it('completing a task on one device advances the execution on the owner’s device', async () => {
    clockAt.now = T0;
    const c = new HybridLogicalClock('mgr2');
    const manager = await laptop({ ...suite.team.managerA, role: 'cs-manager' });
    // Renews in 579 days: out of the first test's drip (400 days), inside this playbook's 700.
    const awaiting: PlaybookInput = { ...DRIP, id: 'await', name: 'Await', trigger: { kind: 'renewal-date', daysBefore: 700 }, steps: [{ id: 't1', type: 'create-task', task: { title: 'Do it', taskType: 'manual', priority: 'high', dueInDays: 0 }, awaitCompletion: true, next: 'end' }, { id: 'end', type: 'end', outcome: 'saved' }] };
    const checked = validatePlaybook(awaiting);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    await manager.db.playbooks.insert(stampNew({ id: 'await@1', ownerId: suite.team.managerA.id, teamId: suite.team.managerA.teamId, playbookId: 'await', version: 1, name: 'Await', status: 'active' as const, definition: checked.playbook as unknown as Record<string, unknown>, savedBy: 'Manager', savedAt: T0 }, c));
    await manager.db.accounts.insert(accountFixture('initech', suite.team.repA, c, { renewalDate: '2028-01-01' }));
    await manager.inSync();
    const ann = await laptop({ ...suite.team.repA, role: 'cs-rep' });
    await eventually(async () => (await ann.db.accounts.findOne('initech').exec()) !== null && (await ann.db.playbooks.findOne('await@1').exec()) !== null, 'the rep to hold it');
    await ann.tick();
    await eventually(async () => (await manager.db.tasks.find({ selector: { accountId: 'initech' } }).exec()).length === 1, 'the task to reach the manager');
    // The manager closes the task on their device.
    const task = (await manager.db.tasks.find({ selector: { accountId: 'initech' } }).exec())[0]!;
    await task.incrementalPatch(stampChanges(task.fieldStamps, { status: 'done' as const, completedAt: T0 }, c));
    await manager.inSync();
    await eventually(async () => (await ann.db.executions.find({ selector: { accountId: 'initech' } }).exec())[0]?.status === 'completed', 'the owner’s device to advance the execution');
    await ann.engine.idle();
    await ann.inSync();
    await eventually(async () => (await serverExecutions()).find((e) => e.accountId === 'initech')?.outcome === 'saved', 'the outcome on the server');
  });
});

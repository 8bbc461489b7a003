import { describe, expect, it } from 'vitest';
import { dryRun } from './dry-run';
import { executionId } from './execution-id';
import { playbookSchema, type Playbook, type PlaybookInput } from './playbook-definition';
import { PlaybookEngine } from './playbook-engine';
import { PLAYBOOK_TEMPLATES } from './playbook-templates';
import { cancelExecution, pauseExecution, resumeExecution, skipStep } from './run-execution';
import { MemoryWorld, testAccount } from './testing/memory-world';
import { addDays } from './time';

/** The clock the tests control: every engine call gets its "now" from here. */
const T0 = '2026-06-01T09:00:00.000Z';
const day = (n: number, hours = 0) => addDays(T0, n + hours / 24);

const template = (key: string, id = key): Playbook => playbookSchema.parse(PLAYBOOK_TEMPLATES.find((t) => t.key === key)!.build(id));
const playbook = (input: PlaybookInput): Playbook => playbookSchema.parse(input);

function setup(...playbooks: Playbook[]) {
  const world = new MemoryWorld();
  for (const pb of playbooks) world.addPlaybook(pb);
  const engine = new PlaybookEngine(world, world);
  return { world, engine };
}

const only = <T>(items: Iterable<T>): T => {
  const all = [...items];
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe('product-event trigger (ingested events rolled up into usage months)', () => {
  const integrations = () =>
    playbook({
      id: 'integrations', version: 1, name: 'Integration adopted', trigger: { kind: 'product-event', feature: 'integrations', atLeast: 5 }, start: 't',
      steps: [
        { id: 't', type: 'create-task', task: { title: 'Congratulate {{account.name}} on integrating', taskType: 'opportunity', priority: 'medium', dueInDays: 2 }, next: 'e' },
        { id: 'e', type: 'end', outcome: 'no-effect' },
      ],
    });

  it('starts once when the month\'s events of the feature reach the threshold, and again in a later month', async () => {
    const { world, engine } = setup(integrations());
    world.accounts.set('a1', { account: testAccount({ id: 'a1' }), usage: [{ month: '2026-06', featureEvents: { integrations: 4, api: 50 } }] });
    await engine.accountChanged('a1', day(0));
    expect(world.executions.size).toBe(0);

    // More events arrive (the ingestion's rollup raised the month's count): one execution, one task.
    world.accounts.get('a1')!.usage = [{ month: '2026-06', featureEvents: { integrations: 6, api: 50 } }];
    await engine.accountChanged('a1', day(1));
    const first = only(world.executions.values());
    expect(first).toMatchObject({ occurrence: 'product-event:integrations:2026-06', status: 'completed' });
    expect(first.id).toBe(executionId('integrations', 1, 'a1', 'product-event:integrations:2026-06'));
    expect(only(world.tasks.values()).title).toBe('Congratulate Account a1 on integrating');

    // Still above the threshold, more events, a timer tick, an engine restart: the same month never starts twice.
    world.accounts.get('a1')!.usage = [{ month: '2026-06', featureEvents: { integrations: 40 } }];
    await engine.accountChanged('a1', day(2));
    await engine.tick(day(3));
    await new PlaybookEngine(world, world).accountChanged('a1', day(4));
    expect(world.executions.size).toBe(1);

    // July: last month's count does not carry over; July's own count starts it once more.
    world.accounts.get('a1')!.usage = [{ month: '2026-06', featureEvents: { integrations: 40 } }, { month: '2026-07', featureEvents: { integrations: 2 } }];
    await engine.accountChanged('a1', day(31));
    expect(world.executions.size).toBe(1);
    world.accounts.get('a1')!.usage = [{ month: '2026-06', featureEvents: { integrations: 40 } }, { month: '2026-07', featureEvents: { integrations: 5 } }];
    await engine.accountChanged('a1', day(32));
    expect([...world.executions.values()].map((e) => e.occurrence).sort()).toEqual(['product-event:integrations:2026-06', 'product-event:integrations:2026-07']);
  });

  it('ignores other features, respects the playbook\'s filter, and is refused with a name that is not a feature key', async () => {
    const filtered = playbook({ ...integrations(), filter: { kind: 'group', match: 'all', conditions: [{ kind: 'rule', field: 'tier', op: 'eq', value: 'Enterprise' }] } });
    const { world, engine } = setup(filtered);
    world.accounts.set('mid', { account: testAccount({ id: 'mid', tier: 'Mid-Market' }), usage: [{ month: '2026-06', featureEvents: { integrations: 9 } }] });
    world.accounts.set('ent', { account: testAccount({ id: 'ent', tier: 'Enterprise' }), usage: [{ month: '2026-06', featureEvents: { api: 900 } }] });
    await engine.tick(day(0));
    expect(world.executions.size).toBe(0);
    world.accounts.get('ent')!.usage = [{ month: '2026-06', featureEvents: { api: 900, integrations: 5 } }];
    await engine.accountChanged('ent', day(0));
    expect(only(world.executions.values()).accountId).toBe('ent');
    // Any feature key is one (the six or the team's own, own-feature-trigger.test.ts); an event name as typed is not.
    expect(playbookSchema.safeParse({ ...integrations(), trigger: { kind: 'product-event', feature: 'Tele Pathy!', atLeast: 1 } }).success).toBe(false);
    expect(playbookSchema.safeParse({ ...integrations(), trigger: { kind: 'product-event', feature: 'api', atLeast: 0 } }).success).toBe(false);
  });
});

describe('playbook engine (controlled clock)', () => {
  it('starts on entering a segment once per episode, releases when the account leaves, starts again on re-entry', async () => {
    const { world, engine } = setup(template('risk-save'));
    world.accounts.set('a1', { account: testAccount({ id: 'a1' }), risk: 40 });
    await engine.accountChanged('a1', day(0));
    expect(world.executions.size).toBe(0);

    world.accounts.get('a1')!.risk = 80;
    await engine.accountChanged('a1', day(1));
    const first = only(world.executions.values());
    expect(first).toMatchObject({ status: 'waiting', currentStepId: 'call', triggerHolds: true, occurrence: 'segment-enter:2026-06-02' });
    expect(only(world.tasks.values()).title).toBe('Save call with Account a1 (risk 80)');

    // Still in the segment, even after a restart of the engine: no second start.
    await new PlaybookEngine(world, world).accountChanged('a1', day(2));
    await engine.tick(day(3));
    expect(world.executions.size).toBe(1);

    // Leaves (risk falls), then the run finishes; entering again later is a new episode.
    world.accounts.get('a1')!.risk = 30;
    await engine.accountChanged('a1', day(4));
    expect(world.execution(first.id)!.triggerHolds).toBe(false);
    await engine.tick(day(4));
    world.completeTask(first.awaitingTaskId);
    await engine.accountChanged('a1', day(5));
    expect(world.execution(first.id)).toMatchObject({ status: 'completed', outcome: 'saved' });
    world.accounts.get('a1')!.risk = 90;
    await engine.accountChanged('a1', day(9));
    expect(world.executions.size).toBe(2);
  });

  it('dated triggers start once per date: renewal in 120 days, an alert raised', async () => {
    const renewal = template('renewal-120');
    const alertPb = playbook({ id: 'on-alert', version: 1, name: 'On alert', trigger: { kind: 'alert-raised', rule: 'risk-above' }, start: 'n', steps: [{ id: 'n', type: 'notify', notify: { message: 'Alert at {{account.name}}' }, next: 'e' }, { id: 'e', type: 'end', outcome: 'no-effect' }] });
    const { world, engine } = setup(renewal, alertPb);
    world.accounts.set('r1', { account: testAccount({ id: 'r1', renewalDate: '2026-10-15' }) }); // 136 days out at day 0
    world.accounts.set('r2', { account: testAccount({ id: 'r2', renewalDate: '2026-07-01' }), alerts: [{ rule: 'risk-above', raisedAt: day(0), status: 'open' }] });
    await engine.tick(day(0));
    expect([...world.executions.values()].map((e) => `${e.accountId}:${e.occurrence}`).sort()).toEqual([
      'r2:alert:risk-above:2026-06-01T09:00:00.000Z',
      'r2:renewal:2026-07-01',
    ]);
    await engine.tick(day(20)); // r1 is now 116 days out
    await engine.tick(day(21));
    expect([...world.executions.values()].filter((e) => e.accountId === 'r1').map((e) => e.occurrence)).toEqual(['renewal:2026-10-15']);
    expect(world.notifications).toEqual(['Alert at Account r2']);
  });

  it('waits until a condition, and takes the timeout branch when it never holds', async () => {
    const { world, engine } = setup(template('risk-save'));
    world.accounts.set('slow', { account: testAccount({ id: 'slow' }), risk: 80 });
    world.accounts.set('fast', { account: testAccount({ id: 'fast' }), risk: 80 });
    await engine.tick(day(0));
    for (const task of [...world.tasks.values()]) world.completeTask(task.id);
    await engine.tick(day(0, 1));
    const slow = () => world.executionsOf('slow')[0]!;
    const fast = () => world.executionsOf('fast')[0]!;
    expect(slow()).toMatchObject({ currentStepId: 'wait', status: 'waiting', nextWakeAt: day(14, 1) });

    world.accounts.get('fast')!.risk = 20;
    await engine.accountChanged('fast', day(3));
    expect(fast()).toMatchObject({ status: 'completed', outcome: 'saved' });

    await engine.tick(day(14)); // not yet: the timeout is 14 days after the wait began (day 0 + 1 h)
    expect(slow().currentStepId).toBe('wait');
    await engine.tick(day(15));
    expect(slow().log.map((entry) => `${entry.stepId}:${entry.status}`)).toEqual(['call:waiting', 'call:done', 'log:done', 'wait:waiting', 'wait:timed-out', 'exec:done', 'not-saved:done']);
    expect(slow().log.find((entry) => entry.status === 'timed-out')!.at).toBe(day(14, 1));
    expect([...world.tasks.values()].map((task) => task.title)).toContain('Executive sponsor call for Account slow');
  });

  it('branches on the account: low seat use gets the adoption task, high does not', async () => {
    const onboarding = template('onboarding');
    const { world, engine } = setup(onboarding);
    world.accounts.set('low', { account: testAccount({ id: 'low', contractStart: '2026-06-01', seatsActive: 10 }) });
    world.accounts.set('high', { account: testAccount({ id: 'high', contractStart: '2026-06-01', seatsActive: 90 }) });
    await engine.tick(day(0));
    await engine.tick(day(31));
    const titles = (id: string) => [...world.tasks.values()].filter((task) => task.accountId === id).map((task) => task.title);
    expect(titles('low')).toContain('Low adoption at Account low: plan training');
    expect(titles('high').some((t) => t.startsWith('Low adoption'))).toBe(false);
    expect(world.executionsOf('high')[0]!.log.find((e) => e.stepId === 'adoption')!.detail).toBe('condition did not hold: else');
    // The email step left a ready mailto draft with the merge fields filled.
    const draft = [...world.tasks.values()].find((task) => task.accountId === 'low' && task.mailto)!;
    expect(decodeURIComponent(draft.mailto)).toContain('mailto:pat@low.example.com?subject=Welcome to the team, Account low');
  });

  it('a failing step rolls back what it did, stops the execution and shows PLAY001 with the reason', async () => {
    const { world, engine } = setup(template('expansion'));
    world.accounts.set('x1', { account: testAccount({ id: 'x1' }), expansion: 90, healthBand: 'green' });
    await engine.tick(day(0));
    const execution = world.executionsOf('x1')[0]!;
    world.completeTask(execution.awaitingTaskId);
    world.failing.add('log-activity'); // the email step drafts (a task) then logs it: the log fails
    await engine.accountChanged('x1', day(1));
    const after = world.execution(execution.id)!;
    expect(after.status).toBe('failed');
    expect(after.nextWakeAt).toBe('');
    expect(after.error).toEqual({ code: 'PLAY001', stepId: 'email', message: 'Step "email" (email) failed: log-activity refused. What it did was rolled back.' });
    expect([...world.tasks.values()].some((task) => task.mailto)).toBe(false); // the draft task was removed again
    expect(world.tasks.size).toBe(1);
    // A failed execution does not run again.
    world.failing.clear();
    await engine.tick(day(2));
    expect(world.execution(execution.id)!.status).toBe('failed');
  });

  it('resumes after a simulated restart without repeating a step', async () => {
    const pb = playbook({
      id: 'drip', version: 1, name: 'Drip', trigger: { kind: 'manual' }, start: 'n1',
      steps: [
        { id: 'n1', type: 'notify', notify: { message: 'one' }, next: 'w1' },
        { id: 'w1', type: 'wait', wait: { days: 2 }, next: 'n2' },
        { id: 'n2', type: 'notify', notify: { message: 'two' }, next: 'w2' },
        { id: 'w2', type: 'wait', wait: { days: 3 }, next: 'n3' },
        { id: 'n3', type: 'notify', notify: { message: 'three' }, next: 'e' },
        { id: 'e', type: 'end', outcome: 'no-effect' },
      ],
    });
    const { world, engine } = setup(pb);
    world.accounts.set('a', { account: testAccount({ id: 'a' }) });
    await engine.startManually(pb, ['a'], day(0));
    await engine.tick(day(1));
    expect(world.notifications).toEqual(['one']);
    // "Restart": a new engine over the stored state (the old one's memory is gone).
    const restarted = new PlaybookEngine(world, world);
    await restarted.tick(day(2, 1));
    await restarted.tick(day(2, 2));
    expect(world.notifications).toEqual(['one', 'two']);
    await new PlaybookEngine(world, world).tick(day(6));
    expect(world.notifications).toEqual(['one', 'two', 'three']);
    expect(world.executionsOf('a')[0]!.status).toBe('completed');
  });

  it('catches up after a week asleep: every due step once, in the order they fell due, at the time they were due', async () => {
    const drip = (id: string, first: number, second: number) =>
      playbook({
        id, version: 1, name: id, trigger: { kind: 'manual' }, start: 'w1',
        steps: [
          { id: 'w1', type: 'wait', wait: { days: first }, next: 't1' },
          { id: 't1', type: 'create-task', task: { title: `${id} first`, taskType: 'manual', priority: 'low', dueInDays: 0 }, next: 'w2' },
          { id: 'w2', type: 'wait', wait: { days: second }, next: 't2' },
          { id: 't2', type: 'create-task', task: { title: `${id} second`, taskType: 'manual', priority: 'low', dueInDays: 0 }, next: 'e' },
          { id: 'e', type: 'end', outcome: 'no-effect' },
        ],
      });
    const a = drip('a', 1, 4); // tasks due on days 1 and 5
    const b = drip('b', 2, 1); // days 2 and 3
    const c = drip('c', 3, 30); // day 3, then day 33 (after the week)
    const { world, engine } = setup(a, b, c);
    world.accounts.set('acc', { account: testAccount({ id: 'acc' }) });
    for (const pb of [a, b, c]) await engine.startManually(pb, ['acc'], day(0));
    expect(world.tasks.size).toBe(0);

    await engine.tick(day(7)); // the laptop wakes a week later
    const order = world.applied.map(({ effect }) => (effect.kind === 'create-task' ? `${effect.task.title}@${effect.task.dueDate}` : effect.kind));
    expect(order).toEqual(['a first@2026-06-02', 'b first@2026-06-03', 'b second@2026-06-04', 'c first@2026-06-04', 'a second@2026-06-06']);
    expect(world.executionsOf('acc').find((e) => e.playbookId === 'c')!.nextWakeAt).toBe(day(33));
    // Waking again changes nothing: no step twice.
    await engine.tick(day(7, 1));
    expect(world.applied).toHaveLength(5);
  });

  it('gives an execution the same id on every device: playbook version, account and trigger occurrence', () => {
    expect(executionId('risk-save', 1, 'a1', 'segment-enter:2026-06-02')).toBe(executionId('risk-save', 1, 'a1', 'segment-enter:2026-06-02'));
    expect(executionId('risk-save', 2, 'a1', 'segment-enter:2026-06-02')).not.toBe(executionId('risk-save', 1, 'a1', 'segment-enter:2026-06-02'));
    expect(executionId('risk-save', 1, 'a1', 'x').length).toBeLessThanOrEqual(41);
  });

  it('dry run lists the accounts it would start on and what each would do, writing nothing', () => {
    const pb = template('risk-save');
    const world = new MemoryWorld();
    world.accounts.set('hot', { account: testAccount({ id: 'hot', name: 'Hot Co' }), risk: 85 });
    world.accounts.set('cold', { account: testAccount({ id: 'cold' }), risk: 10 });
    const book = ['hot', 'cold'].map((id) => world.facts(id, '2026-06-01')!);
    expect(dryRun(pb, book, () => [], T0)).toEqual([
      { accountId: 'hot', accountName: 'Hot Co', occurrence: 'segment-enter:2026-06-01', actions: ['task "Save call with Hot Co (risk 85)" due 2026-06-03'] },
    ]);
    expect(world.executions.size + world.tasks.size).toBe(0);
  });

  it('pause, resume, skip and cancel', async () => {
    const pb = template('low-adoption');
    const { world, engine } = setup(pb);
    world.accounts.set('a', { account: testAccount({ id: 'a', seatsActive: 10 }) });
    await engine.tick(day(0));
    let state = world.executionsOf('a')[0]!;
    state = pauseExecution(state);
    expect(state).toMatchObject({ status: 'paused', nextWakeAt: '' });
    state = resumeExecution(state, day(1));
    expect(state).toMatchObject({ status: 'waiting', currentStepId: 'training' });
    state = skipStep(state, pb, day(1));
    await world.saveExecution(state);
    await engine.tick(day(1));
    state = world.executionsOf('a')[0]!;
    expect(state).toMatchObject({ currentStepId: 'wait', status: 'waiting' });
    expect(state.log.map((e) => `${e.stepId}:${e.status}`)).toContain('training:skipped');
    state = cancelExecution(state, day(2));
    await world.saveExecution(state);
    await engine.tick(day(30));
    expect(world.executionsOf('a')[0]).toMatchObject({ status: 'cancelled', nextWakeAt: '' });
    expect(world.notifications).toEqual([]);
  });

  it('an execution finishes on the version it started with after the playbook is edited', async () => {
    const v1 = template('low-adoption');
    const { world, engine } = setup(v1);
    world.accounts.set('a', { account: testAccount({ id: 'a', seatsActive: 10 }) });
    await engine.tick(day(0));
    const v2 = playbook({ ...PLAYBOOK_TEMPLATES.find((t) => t.key === 'low-adoption')!.build('low-adoption'), version: 2, start: 'only', steps: [{ id: 'only', type: 'end', outcome: 'no-effect' }] });
    world.addPlaybook(v2);
    engine.reloadPlaybooks();
    const state = world.executionsOf('a')[0]!;
    world.completeTask(state.awaitingTaskId);
    await engine.tick(day(1));
    await engine.tick(day(25));
    expect(world.executionsOf('a')).toHaveLength(1);
    expect(world.executionsOf('a')[0]).toMatchObject({ playbookVersion: 1, status: 'completed', outcome: 'no-effect' });
    expect(world.notifications).toEqual(['Adoption at Account a is still low after three weeks']);
  });
});

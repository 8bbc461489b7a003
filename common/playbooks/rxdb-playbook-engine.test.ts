import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../clock/hlc';
import { createOutpostDatabase, type OutpostDatabase } from '../db/create-database';
import { getOutpostDexieStorage } from '../db/dexie-storage';
import { stampNew } from '../db/stamp-writes';
import type { Account } from '../model';
import type { PlaybookInput } from './playbook-definition';
import { RxPlaybookEngine } from './rxdb-playbook-engine';
import { testAccount } from './testing/memory-world';
import { addDays } from './time';
import { validatePlaybook } from './validate-playbook';

const T0 = '2026-06-01T09:00:00.000Z';
const clock = new HybridLogicalClock('enginetest');
const open: { db: OutpostDatabase; engine?: RxPlaybookEngine }[] = [];
afterEach(async () => {
  for (const { db, engine } of open.splice(0)) {
    engine?.stop();
    if (!db.closed) await db.close();
  }
});

const openBook = (name: string) =>
  createOutpostDatabase({ name, storage: getOutpostDexieStorage(), collections: ['accounts', 'activities', 'revenue', 'playbooks', 'executions', 'tasks'] });

async function publish(db: OutpostDatabase, input: PlaybookInput): Promise<void> {
  const checked = validatePlaybook(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const p = checked.playbook;
  await db.playbooks.insert(stampNew({ id: `${p.id}@${p.version}`, ownerId: 'me', teamId: 'local', playbookId: p.id, version: p.version, name: p.name, status: 'active' as const, definition: p as unknown as Record<string, unknown>, savedBy: 'Me', savedAt: T0 }, clock));
}

const account = (id: string): Account => stampNew({ ...testAccount({ id, ownerId: 'me', teamId: 'local', renewalDate: '2026-09-01' }) }, clock);

describe('the playbook engine on the local database (Dexie)', () => {
  it('survives closing the app: after a week the steps run once each, in order, dated when they fell due', async () => {
    const name = `restart${process.pid}x${Date.now()}`;
    const now = { at: T0 };
    let db = await openBook(name);
    await publish(db, {
      id: 'drip', version: 1, name: 'Drip', trigger: { kind: 'renewal-date', daysBefore: 120 }, start: 't1',
      steps: [
        { id: 't1', type: 'create-task', task: { title: 'One', taskType: 'lifecycle', priority: 'low', dueInDays: 0 }, next: 'w1' },
        { id: 'w1', type: 'wait', wait: { days: 2 }, next: 't2' },
        { id: 't2', type: 'create-task', task: { title: 'Two', taskType: 'lifecycle', priority: 'low', dueInDays: 0 }, next: 'w2' },
        { id: 'w2', type: 'wait', wait: { days: 3 }, next: 'a' },
        { id: 'a', type: 'log-activity', activity: { subject: 'Drip done for {{account.name}}' }, next: 'end' },
        { id: 'end', type: 'end', outcome: 'no-effect' },
      ],
    });
    await db.accounts.insert(account('acme'));
    let engine = await RxPlaybookEngine.start({ db, user: null, now: () => now.at, clock });
    open.push({ db, engine });
    await engine.tick();
    expect((await db.tasks.find().exec()).map((t) => t.title)).toEqual(['One']);
    // The app closes.
    engine.stop();
    await db.close();

    // A week later it starts again: a new engine over the same database.
    now.at = addDays(T0, 7);
    db = await openBook(name);
    engine = await RxPlaybookEngine.start({ db, user: null, now: () => now.at, clock });
    open.push({ db, engine });
    await engine.tick();
    await engine.tick();
    const [execution] = await db.executions.find().exec();
    expect(execution!.log.map((e) => `${e.stepId}:${e.status}@${e.at.slice(0, 10)}`)).toEqual([
      't1:done@2026-06-01', 'w1:waiting@2026-06-01', 'w1:done@2026-06-03', 't2:done@2026-06-03', 'w2:waiting@2026-06-03', 'w2:done@2026-06-06', 'a:done@2026-06-06', 'end:done@2026-06-06',
    ]);
    expect((await db.tasks.find().exec()).map((t) => `${t.title} ${t.dueDate}`).sort()).toEqual(['One 2026-06-01', 'Two 2026-06-03']);
    expect((await db.activities.find().exec()).map((a) => a.subject)).toEqual(['Drip done for Account acme']);
  });

  it('a failing step rolls back and stops with PLAY001, stored', async () => {
    const db = await openBook(`fail${process.pid}x${Date.now()}`);
    await publish(db, {
      id: 'hook', version: 1, name: 'Hook', trigger: { kind: 'manual' }, start: 'e',
      steps: [
        { id: 'e', type: 'email', email: { to: 'a@b.example', subject: 'Hi {{account.name}}', body: '' }, next: 'w' },
        { id: 'w', type: 'webhook', webhook: { url: 'https://crm.example/hook', body: '{}' }, next: 'end' },
        { id: 'end', type: 'end', outcome: 'no-effect' },
      ],
    });
    await db.accounts.insert(account('initech'));
    const engine = await RxPlaybookEngine.start({ db, user: null, now: () => T0, clock });
    open.push({ db, engine });
    const definition = validatePlaybook((await db.playbooks.findOne('hook@1').exec())!.definition);
    if (!definition.ok) throw new Error('invalid');
    await engine.startManually(definition.playbook, ['initech']);
    const [execution] = await db.executions.find().exec();
    expect(execution!.status).toBe('failed');
    expect(execution!.error).toEqual({ code: 'PLAY001', stepId: 'w', message: 'Step "w" (webhook) failed: no webhook secret is set up on this device. What it did was rolled back.' });
    // The email step before it completed (its draft task stays); the failed step did nothing.
    expect((await db.tasks.find().exec()).map((t) => t.title)).toEqual(['Send email: Hi Account initech']);
  });

  it('an execution that ended "from revenue" takes the account’s later renewal as its outcome', async () => {
    const db = await openBook(`outcome${process.pid}x${Date.now()}`);
    await publish(db, { id: 'ren', version: 1, name: 'Renewal', trigger: { kind: 'manual' }, start: 'end', steps: [{ id: 'end', type: 'end', outcome: 'from-revenue' }] });
    await db.accounts.insert(account('globex'));
    const engine = await RxPlaybookEngine.start({ db, user: null, now: () => T0, clock });
    open.push({ db, engine });
    const definition = validatePlaybook((await db.playbooks.findOne('ren@1').exec())!.definition);
    if (!definition.ok) throw new Error('invalid');
    await engine.startManually(definition.playbook, ['globex']);
    expect((await db.executions.find().exec())[0]).toMatchObject({ status: 'completed', outcome: '' });
    await db.revenue.insert(stampNew({ id: 'r1', ownerId: 'me', teamId: 'local', externalId: '', accountId: 'globex', kind: 'renewal' as const, date: '2026-09-01', amount: 0, mrrAfter: 2000, note: '' }, clock));
    // The engine hears of the revenue event through the change stream: wait for the condition, not for a time.
    const until = Date.now() + 5000;
    while ((await db.executions.find().exec())[0]!.outcome === '' && Date.now() < until) await engine.idle().then(() => new Promise((r) => setTimeout(r, 10)));
    expect((await db.executions.find().exec())[0]!.outcome).toBe('renewed');
  });

  it('product events synced in as a usage month start a product-event playbook once, through the change stream', async () => {
    const db = await createOutpostDatabase({ name: `usage${process.pid}x${Date.now()}`, storage: getOutpostDexieStorage(), collections: ['accounts', 'usage', 'playbooks', 'executions', 'tasks'] });
    await publish(db, {
      id: 'sso', version: 1, name: 'SSO adopted', trigger: { kind: 'product-event', feature: 'sso', atLeast: 3 }, start: 't',
      steps: [
        { id: 't', type: 'create-task', task: { title: 'Offer the security review to {{account.name}}', taskType: 'opportunity', priority: 'medium', dueInDays: 1 }, next: 'end' },
        { id: 'end', type: 'end', outcome: 'no-effect' },
      ],
    });
    await db.accounts.insert(account('umbrella'));
    // Last month's usage (read neither at start nor by the trigger) already had many SSO events.
    const month = (m: string, sso: number) => stampNew({ id: `umbrella:${m}`, ownerId: 'me', teamId: 'local', accountId: 'umbrella', month: m, activeUsers: Array.from({ length: 30 }, () => null), featureEvents: { sso } }, clock);
    await db.usage.insert(month('2026-05', 40));
    const engine = await RxPlaybookEngine.start({ db, user: null, now: () => T0, clock });
    open.push({ db, engine });
    await engine.tick();
    expect(await db.executions.count().exec()).toBe(0);

    // The team server's ingestion rolled this month's events up; the pull writes the month as it would.
    await db.usage.insert(month('2026-06', 2));
    await engine.idle();
    expect(await db.executions.count().exec()).toBe(0);
    const june = await db.usage.findOne('umbrella:2026-06').exec();
    await june!.incrementalPatch({ featureEvents: { sso: 3 } });
    const until = Date.now() + 5000;
    while ((await db.executions.count().exec()) === 0 && Date.now() < until) await engine.idle().then(() => new Promise((r) => setTimeout(r, 10)));
    const [execution] = await db.executions.find().exec();
    expect(execution).toMatchObject({ occurrence: 'product-event:sso:2026-06', status: 'completed' });
    expect((await db.tasks.find().exec()).map((t) => t.title)).toEqual(['Offer the security review to Account umbrella']);

    await (await db.usage.findOne('umbrella:2026-06').exec())!.incrementalPatch({ featureEvents: { sso: 9 } });
    await engine.idle();
    await engine.tick();
    expect(await db.executions.count().exec()).toBe(1);
  });

  it("an own feature's events (a key none of the six means) in a usage month start its playbook through the change stream", async () => {
    const db = await createOutpostDatabase({ name: `ownusage${process.pid}x${Date.now()}`, storage: getOutpostDexieStorage(), collections: ['accounts', 'usage', 'playbooks', 'executions', 'tasks'] });
    await publish(db, {
      id: 'scheduled', version: 1, name: 'Reports scheduled', trigger: { kind: 'product-event', feature: 'report_scheduled', atLeast: 3 }, start: 't',
      steps: [
        { id: 't', type: 'create-task', task: { title: 'Ask {{account.name}} which reports they schedule', taskType: 'opportunity', priority: 'medium', dueInDays: 1 }, next: 'end' },
        { id: 'end', type: 'end', outcome: 'no-effect' },
      ],
    });
    await db.accounts.insert(account('initech'));
    const engine = await RxPlaybookEngine.start({ db, user: null, now: () => T0, clock });
    open.push({ db, engine });
    await db.usage.insert(stampNew({ id: 'initech:2026-06', ownerId: 'me', teamId: 'local', accountId: 'initech', month: '2026-06', activeUsers: Array.from({ length: 30 }, () => null), featureEvents: { reports: 50, report_scheduled: 2 } }, clock));
    await engine.idle();
    expect(await db.executions.count().exec()).toBe(0);
    await (await db.usage.findOne('initech:2026-06').exec())!.incrementalPatch({ featureEvents: { reports: 50, report_scheduled: 3 } });
    const until = Date.now() + 5000;
    while ((await db.executions.count().exec()) === 0 && Date.now() < until) await engine.idle().then(() => new Promise((r) => setTimeout(r, 10)));
    expect((await db.executions.find().exec()).map((e) => e.occurrence)).toEqual(['product-event:report_scheduled:2026-06']);
    expect((await db.tasks.find().exec()).map((t) => t.title)).toEqual(['Ask Account initech which reports they schedule']);
  });
});

describe("the engine's first read of the book", () => {
  it('keeps a write made while it reads: an account deleted then is not brought back by the older copy the read returns', async () => {
    const db = await openBook(`firstread${process.pid}x${Date.now()}`);
    await db.accounts.bulkInsert(['a1', 'a2', 'a3'].map(account));
    const instance = db.accounts.storageInstance;
    const query = instance.query.bind(instance);
    let deleted = false;
    instance.query = async (prepared) => {
      const result = await query(prepared);
      if (!deleted) {
        // The read's documents are already out of IndexedDB when someone removes a2 (another window, a sync pull).
        deleted = true;
        await (await db.accounts.findOne('a2').exec())!.remove();
      }
      return result;
    };
    const engine = await RxPlaybookEngine.start({ db, user: null, now: () => T0, clock });
    open.push({ db, engine });
    expect(deleted).toBe(true);
    expect([...engine.accountIds()].sort()).toEqual(['a1', 'a3']);
  });
});

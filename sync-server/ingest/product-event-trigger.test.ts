import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UsageMonth } from '../../common/model';
import { playbookSchema } from '../../common/playbooks/playbook-definition';
import { validatePlaybook } from '../../common/playbooks/validate-playbook';
import { PlaybookEngine } from '../../common/playbooks/playbook-engine';
import { MemoryWorld, testAccount } from '../../common/playbooks/testing/memory-world';
import { ADMIN, api, login, pullAll, seedTeams, startTestServer, syncedDoc, type TestServer } from '../testing/test-server';
import { eventually } from '../testing/test-replicas';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeEach(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
  const pushed = await api(t.server, 'POST', '/sync/accounts/push', { token: team.repA.token, body: [{ newDocumentState: syncedDoc('acc-1', team.repA, { externalId: 'SF-001' }) }] });
  expect(pushed.status).toBe(200);
});
afterEach(async () => {
  await t.stop();
});

/** The team's write key, and `track` sending one event of the account SF-001 to the real `/v1/track`. */
async function trackingKey() {
  const adminToken = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
  const { key } = (await api(t.server, 'POST', '/admin/write-keys', { token: adminToken, body: { teamId: team.repA.teamId, name: 'Product events' } })).body as { key: string };
  return (messageId: string, event: string, count: number) =>
    fetch(`${t.server.url}/v1/track`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messageId, userId: 'u-1', event, timestamp: '2026-06-03T10:00:00Z', properties: { accountId: 'SF-001', count } }),
    });
}
const usage = async () => (await pullAll(t.server, team.repA, 'usage')).find((d) => d['id'] === 'acc-1:2026-06') as unknown as UsageMonth | undefined;

describe('a product-event playbook over events sent to the ingestion endpoint', () => {
  it('starts once the usage the owner pulls counts enough events of the feature this month', async () => {
    const track = await trackingKey();

    // The owner's device: the account, its pulled usage, one active playbook on 3 integration events a month.
    const world = new MemoryWorld();
    world.addPlaybook(playbookSchema.parse({
      id: 'connected', version: 1, name: 'Integration connected', trigger: { kind: 'product-event', feature: 'integrations', atLeast: 3 }, start: 't',
      steps: [
        { id: 't', type: 'create-task', task: { title: 'Review the integration with {{account.name}}', taskType: 'opportunity', priority: 'medium', dueInDays: 1 }, next: 'e' },
        { id: 'e', type: 'end', outcome: 'no-effect' },
      ],
    }));
    const engine = new PlaybookEngine(world, world);
    const sync = async () => {
      const month = await usage();
      world.accounts.set('acc-1', { account: testAccount({ id: 'acc-1', name: 'Acme' }), usage: month ? [month] : [] });
      await engine.accountChanged('acc-1', '2026-06-03T12:00:00.000Z');
    };

    expect((await track('m-1', 'Integration Connected', 2)).status).toBe(200);
    await eventually(async () => (await usage())?.featureEvents.integrations === 2, 'the first rollup');
    await sync();
    expect(world.executions.size).toBe(0);

    expect((await track('m-2', 'Webhook Created', 1)).status).toBe(200);
    await eventually(async () => (await usage())?.featureEvents.integrations === 3, 'the second rollup');
    await sync();
    expect([...world.executions.values()].map((e) => e.occurrence)).toEqual(['product-event:integrations:2026-06']);
    expect([...world.tasks.values()].map((task) => task.title)).toEqual(['Review the integration with Acme']);

    // More events the same month: no second start.
    expect((await track('m-3', 'Connector Added', 4)).status).toBe(200);
    await eventually(async () => (await usage())?.featureEvents.integrations === 7, 'the third rollup');
    await sync();
    expect(world.executions.size).toBe(1);
  });

  it("starts on the team's own feature: \"Report Scheduled\" events counted under report_scheduled", async () => {
    const track = await trackingKey();
    const world = new MemoryWorld();
    const checked = validatePlaybook({
      id: 'scheduled', version: 1, name: 'Reports scheduled', trigger: { kind: 'product-event', feature: 'report_scheduled', atLeast: 3 }, start: 't',
      steps: [
        { id: 't', type: 'create-task', task: { title: 'Ask {{account.name}} which reports they schedule', taskType: 'opportunity', priority: 'medium', dueInDays: 1 }, next: 'e' },
        { id: 'e', type: 'end', outcome: 'no-effect' },
      ],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    world.addPlaybook(checked.playbook);
    const engine = new PlaybookEngine(world, world);
    const sync = async () => {
      const month = await usage();
      world.accounts.set('acc-1', { account: testAccount({ id: 'acc-1', name: 'Acme' }), usage: month ? [month] : [] });
      await engine.accountChanged('acc-1', '2026-06-03T12:00:00.000Z');
    };

    // Reports of the six (a synonym) do not count for the own feature.
    expect((await track('m-1', 'Report Scheduled', 2)).status).toBe(200);
    expect((await track('m-2', 'Report Exported', 9)).status).toBe(200);
    await eventually(async () => (await usage())?.featureEvents.reports === 9 && (await usage())?.featureEvents['report_scheduled'] === 2, 'the first rollup');
    await sync();
    expect(world.executions.size).toBe(0);

    expect((await track('m-3', 'report scheduled', 1)).status).toBe(200);
    await eventually(async () => (await usage())?.featureEvents['report_scheduled'] === 3, 'the second rollup');
    await sync();
    expect([...world.executions.values()].map((e) => e.occurrence)).toEqual(['product-event:report_scheduled:2026-06']);
    expect([...world.tasks.values()].map((task) => task.title)).toEqual(['Ask Acme which reports they schedule']);
  });
});

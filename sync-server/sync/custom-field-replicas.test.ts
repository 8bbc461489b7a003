import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import type { OutpostDatabase } from '../../common/db/create-database';
import { canonicalJson } from '../../common/json/json-equality';
import type { Account } from '../../common/model';
import { customFieldPatch } from '../../common/workbench/custom-field-edit';
import { seedTeams, startTestServer, type TestServer } from '../testing/test-server';
import { accountFixture, eventually, network, openReplica, syncReplica } from '../testing/test-replicas';

/**
 * Custom fields (the team's own columns on an account) merge per field: two people editing different custom fields
 * of one account at the same time both keep their edit, and the losing value of one custom field edited twice is
 * kept in the account's field history, through real RxDB replicas and the sync server.
 */
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const open: OutpostDatabase[] = [];
const replications: { cancel(): Promise<unknown>; awaitInSync(): Promise<unknown> }[] = [];

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterEach(async () => {
  await Promise.all(replications.splice(0).map((replication) => replication.cancel()));
  await Promise.all(open.splice(0).map((db) => db.close()));
});
afterAll(() => t.stop());

async function editCustomField(db: OutpostDatabase, id: string, name: string, value: string, clock: HybridLogicalClock) {
  const doc = await db.accounts.findOne(id).exec();
  if (!doc) throw new Error(`no account ${id}`);
  await doc.incrementalPatch(customFieldPatch(doc.toJSON() as Account, name, value, clock) as Partial<Account>);
}

/** Two replicas of one account, in sync, then both offline: what each person then edits is concurrent. */
async function twoOfflineReplicas(id: string, customFields: Record<string, string>) {
  const replicas = await Promise.all([openReplica(['accounts']), openReplica(['accounts'])]);
  open.push(...replicas);
  const [laptop, desktop] = replicas;
  const nets = [network(), network()];
  // The desktop's clock runs a minute ahead, so its edits are the later ones whatever the timing of the test.
  const clocks = [new HybridLogicalClock('laptop'), new HybridLogicalClock('desktop', () => Date.now() + 60_000)];
  replicas.forEach((db, i) => replications.push(...syncReplica(db, t.server.url, () => team.repA.token, { net: nets[i]! })));
  await laptop!.accounts.insert(accountFixture(id, team.repA, clocks[0]!, { customFields }));
  await eventually(async () => (await desktop!.accounts.findOne(id).exec()) !== null, `the desktop to receive ${id}`);
  // Both replicas know the server has the account (the laptop's insert acknowledged), so each later push names it
  // as the state it started from, and the server can tell concurrent losses from knowingly replaced values.
  await Promise.all(replications.map((replication) => replication.awaitInSync()));
  for (const net of nets) net.goOffline();
  const reconnect = () => nets.forEach((net) => (net.online = true));
  return { laptop: laptop!, desktop: desktop!, laptopClock: clocks[0]!, desktopClock: clocks[1]!, reconnect };
}

async function converged(laptop: OutpostDatabase, desktop: OutpostDatabase, id: string, done: (doc: Account) => boolean) {
  let last: unknown;
  await eventually(async () => {
    const a = (await laptop.accounts.findOne(id).exec())?.toJSON() as Account | undefined;
    const b = (await desktop.accounts.findOne(id).exec())?.toJSON() as Account | undefined;
    last = { laptop: a, desktop: b };
    return a !== undefined && canonicalJson(a) === canonicalJson(b) && done(a);
  }, 'both replicas to hold the same account').catch((error: Error) => {
    throw new Error(`${error.message}; last states: ${JSON.stringify(last)}`);
  });
  return (await laptop.accounts.findOne(id).exec())!.toJSON() as Account;
}

describe('custom fields edited on two replicas at once', () => {
  it('keeps both edits when two people change different custom fields of one account', async () => {
    const { laptop, desktop, laptopClock, desktopClock, reconnect } = await twoOfflineReplicas('cf-different', { Region: 'EMEA', Segment: 'Mid' });
    await editCustomField(laptop, 'cf-different', 'Region', 'APAC', laptopClock);
    await editCustomField(desktop, 'cf-different', 'Segment', 'Enterprise', desktopClock);
    await editCustomField(desktop, 'cf-different', 'Champion', 'Dana', desktopClock);
    reconnect();

    const final = await converged(laptop, desktop, 'cf-different', (doc) => doc.customFields?.['Champion'] === 'Dana');
    expect(final.customFields).toEqual({ Region: 'APAC', Segment: 'Enterprise', Champion: 'Dana' });
    // Nobody lost anything, so nothing is history.
    expect(final.fieldHistory ?? []).toEqual([]);
  });

  it('keeps a removal of one custom field next to another person’s edit of another', async () => {
    const { laptop, desktop, laptopClock, desktopClock, reconnect } = await twoOfflineReplicas('cf-removed', { Region: 'EMEA', Segment: 'Mid' });
    await editCustomField(laptop, 'cf-removed', 'Region', '', laptopClock);
    await editCustomField(desktop, 'cf-removed', 'Segment', 'Enterprise', desktopClock);
    reconnect();

    const final = await converged(laptop, desktop, 'cf-removed', (doc) => doc.customFields?.['Segment'] === 'Enterprise');
    expect(final.customFields).toEqual({ Segment: 'Enterprise' });
  });

  it('puts the losing value of one custom field edited by both into the field history', async () => {
    const { laptop, desktop, laptopClock, desktopClock, reconnect } = await twoOfflineReplicas('cf-same', { Region: 'EMEA', Segment: 'Mid' });
    await editCustomField(laptop, 'cf-same', 'Region', 'APAC', laptopClock);
    await editCustomField(desktop, 'cf-same', 'Segment', 'Enterprise', desktopClock);
    await editCustomField(desktop, 'cf-same', 'Region', 'LATAM', desktopClock); // the later edit of Region
    reconnect();

    const final = await converged(laptop, desktop, 'cf-same', (doc) => (doc.fieldHistory ?? []).length > 0 && doc.customFields?.['Segment'] === 'Enterprise');
    expect(final.customFields).toEqual({ Region: 'LATAM', Segment: 'Enterprise' });
    expect(final.fieldHistory).toEqual([
      expect.objectContaining({ field: 'customFields.Region', value: 'APAC' }),
    ]);
  });
});

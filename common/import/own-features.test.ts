import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import { featureKey, OWN_FEATURE_CAP, storedFeatureKey } from '../model';
import { commitPlan } from './import-batches';
import { loadBookSnapshot } from './load-book';
import { planImport, type ImportPlan } from './plan-import';
import { readSources } from './read-sources';
import { suggestSetup } from './suggest-setup';
import { sourceFile } from './testing/source-files';

const NOW = new Date('2026-06-20T12:00:00Z');
let db: OutpostDatabase;
beforeEach(async () => {
  db = await openTestDatabase('own-features');
});
afterEach(async () => {
  await db.close();
});

const ACCOUNTS = ['account_id,account_name,seats', 'A-1,Acme,20', 'A-2,Globex,10'].join('\n');
const events = (rows: [string, string, number][]) =>
  ['account_id,user_id,event_name,count,timestamp', ...rows.map(([account, name, count], i) => `${account},u-${i % 3},${name},${count},2026-06-0${1 + (i % 5)}T10:00:00Z`)].join('\n');

async function plan(files: { name: string; text: string }[]): Promise<ImportPlan> {
  const { tables, refusals } = await readSources(files.map((f) => sourceFile(f.name, f.text)));
  expect(refusals).toEqual([]);
  const setups = tables.map((table) => suggestSetup(table));
  return planImport(await loadBookSnapshot(db, setups), setups, { ownerId: 'u-ann', ownerName: 'Ann Lee', teamId: 'team-east', now: NOW });
}

async function juneOf(externalId: string): Promise<Record<string, number | undefined>> {
  const account = (await db.accounts.findOne({ selector: { externalId } }).exec())!;
  return (await db.usage.findOne(`${account.id}:2026-06`).exec())!.toJSON().featureEvents;
}

describe('feature keys', () => {
  it('an event name is one of the six only as the feature itself or a listed synonym; any other name keeps its own key', () => {
    expect(['Dashboards', 'Dashboard Viewed', 'Report Exported', 'API Call', 'api_request', 'SSO Login', 'workflow_run', 'integration_sync'].map(storedFeatureKey))
      .toEqual(['dashboards', 'dashboards', 'reports', 'api', 'api', 'sso', 'automation', 'integrations']);
    expect(['Dashboards Shared', 'Report Scheduled', 'ai_assistant', 'Öffnen der App', '2FA enabled', '  --  '].map(storedFeatureKey))
      .toEqual(['dashboards_shared', 'report_scheduled', 'ai_assistant', 'offnen_der_app', 'f_2fa_enabled', null]);
    expect(featureKey('x'.repeat(60))).toHaveLength(40);
  });
});

describe("import of a team's own features", () => {
  it('stores a long-format file\'s "Dashboards Shared" events as featureEvents.dashboards_shared (under validation), next to the six', async () => {
    const result = await plan([
      { name: 'accounts.csv', text: ACCOUNTS },
      { name: 'product_events.csv', text: events([['A-1', 'Dashboards Shared', 7], ['A-1', 'Dashboard Viewed', 12], ['A-1', 'Dashboards Shared', 2], ['A-2', 'API Call', 40]]) },
    ]);
    expect(result.files.flatMap((f) => f.errors)).toEqual([]);
    expect(result.features.map((f) => [f.name, f.events, f.storedAs, f.own])).toEqual([
      ['API Call', 40, 'api', false],
      ['Dashboard Viewed', 12, 'dashboards', false],
      ['Dashboards Shared', 9, 'dashboards_shared', true],
    ]);
    expect(result.featuresDropped).toEqual([]);
    await commitPlan(db, result, { who: 'Ann Lee', files: [] });
    expect(await juneOf('A-1')).toEqual({ dashboards: 12, dashboards_shared: 9 });
    expect(await juneOf('A-2')).toEqual({ api: 40 });
    // Importing the same files again changes nothing.
    const again = await plan([
      { name: 'accounts.csv', text: ACCOUNTS },
      { name: 'product_events.csv', text: events([['A-1', 'Dashboards Shared', 7], ['A-1', 'Dashboard Viewed', 12], ['A-1', 'Dashboards Shared', 2], ['A-2', 'API Call', 40]]) },
    ]);
    expect(again.docs).toEqual([]);
  });

  it(`keeps at most ${OWN_FEATURE_CAP} own features per book, most events first; the preview names the events not stored, and a later import cannot add a 25th`, async () => {
    // 26 own names: "Feature 01" has 101 events (106 with A-2's) ... "Feature 26" 126; the six's names do not count.
    const names = Array.from({ length: 26 }, (_, i) => `Feature ${String(i + 1).padStart(2, '0')}`);
    const rows: [string, string, number][] = names.map((name, i) => ['A-1', name, 101 + i]);
    rows.push(['A-1', 'Report Exported', 1], ['A-2', 'Feature 01', 5]);
    const first = await plan([{ name: 'accounts.csv', text: ACCOUNTS }, { name: 'product_events.csv', text: events(rows) }]);
    expect(first.featuresDropped).toEqual([{ file: 'product_events.csv', names: ['Feature 03', 'Feature 02'], events: 103 + 102 }]);
    const stored = first.features.filter((f) => f.own).map((f) => f.storedAs);
    expect(stored).toHaveLength(OWN_FEATURE_CAP);
    expect(first.features.find((f) => f.name === 'Feature 02')).toMatchObject({ storedAs: null, reason: expect.stringContaining(`${OWN_FEATURE_CAP} features of its own`) });
    await commitPlan(db, first, { who: 'Ann Lee', files: [] });
    const june = await juneOf('A-1');
    expect(Object.keys(june)).toHaveLength(OWN_FEATURE_CAP + 1);
    expect(june).toMatchObject({ reports: 1, feature_26: 126, feature_01: 101 });
    expect(june['feature_02']).toBeUndefined();
    expect(june['feature_03']).toBeUndefined();
    expect(await juneOf('A-2')).toEqual({ feature_01: 5 });

    // Later: a new name with the most events of all still cannot be the book's 25th; a known one is stored for A-2.
    const later = await plan([{ name: 'more_events.csv', text: events([['A-2', 'Brand New Thing', 5000], ['A-2', 'Feature 26', 3], ['A-2', 'SSO Login', 2]]) }]);
    expect(later.featuresDropped).toEqual([{ file: 'more_events.csv', names: ['Brand New Thing'], events: 5000 }]);
    await commitPlan(db, later, { who: 'Ann Lee', files: [] });
    expect(await juneOf('A-2')).toEqual({ feature_01: 5, feature_26: 3, sso: 2 });
  });

  it("reads a wide usage file's own feature columns (`Feature: <key>`, as the export writes them) and refuses a row whose cell is not a whole number", async () => {
    const usage = ['Account ID,Date,Active Users,Dashboards Events,Feature: dashboards_shared', 'A-1,2026-06-01,4,3,7', 'A-1,2026-06-02,5,,2', 'A-2,2026-06-01,1,1,many'].join('\n');
    const result = await plan([{ name: 'accounts.csv', text: ACCOUNTS }, { name: 'usage.csv', text: usage }]);
    expect(result.files[1]!.kept).toEqual(['Feature: dashboards_shared']);
    expect(result.files.flatMap((f) => f.errors).map((e) => [e.line, e.column, e.reason])).toEqual([[4, 'Feature: dashboards_shared', 'Feature: dashboards_shared: "many" is not a whole number']]);
    expect(result.features).toEqual([{ file: 'usage.csv', name: 'Feature: dashboards_shared', events: 9, storedAs: 'dashboards_shared', own: true }]);
    await commitPlan(db, result, { who: 'Ann Lee', files: [] });
    expect(await juneOf('A-1')).toEqual({ dashboards: 3, dashboards_shared: 9 });
  });
});

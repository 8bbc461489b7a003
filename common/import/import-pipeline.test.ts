import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import type { Account } from '../model';
import { bookFingerprint } from './book-fingerprint';
import { EMPTY_BOOK } from './book-snapshot';
import { commitPlan, ImportCancelled, listImportBatches, recoverInterruptedImports, undoImportBatch } from './import-batches';
import { loadBookSnapshot } from './load-book';
import type { FileSetup } from './plan-context';
import { planImport, type ImportPlan } from './plan-import';
import { readSources } from './read-sources';
import { suggestSetup, valueReadings } from './suggest-setup';
import { linkedSources } from './testing/source-files';

const NOW = new Date('2026-06-15T12:00:00Z');
const OWNER = { ownerId: 'u-ann', ownerName: 'Ann Lee', teamId: 'team-east', now: NOW };
const TIERS = { Basic: 'SMB', Pro: 'Mid-Market' };

let db: OutpostDatabase;
beforeEach(async () => {
  db = await openTestDatabase('pipeline');
});
afterEach(async () => {
  await db.close();
});

/** The five linked files as a person would set them up: plan names recoded, one column kept as a custom field. */
async function linkedSetups(): Promise<FileSetup[]> {
  const { tables, refusals } = await readSources(linkedSources());
  expect(refusals).toEqual([]);
  return tables.map((table) => {
    const setup = suggestSetup(table);
    if (setup.kind === 'accounts') return { ...setup, keep: ['referral_source'], options: { ...setup.options, valueMaps: { tier: TIERS } } };
    if (setup.kind === 'subscriptions') return { ...setup, options: { ...setup.options, valueMaps: { tier: TIERS } } };
    return setup;
  });
}

async function plan(setups: FileSetup[]): Promise<ImportPlan> {
  return planImport(await loadBookSnapshot(db, setups), setups, OWNER);
}

async function account(externalId: string): Promise<Account> {
  return (await db.accounts.findOne({ selector: { externalId } }).exec())!.toJSON() as Account;
}

describe('kind detection and linking', () => {
  it('recognises each linked export by its headers and contents', async () => {
    const setups = await linkedSetups();
    expect(setups.map((s) => [s.table.fileName, s.kind])).toEqual([
      ['accounts.csv', 'accounts'],
      ['subscriptions.csv', 'subscriptions'],
      ['feature_usage.csv', 'events'],
      ['support_tickets.csv', 'tickets'],
      ['churn_events.csv', 'outcomes'],
    ]);
    const events = setups[2]!;
    expect(events.mapping).toMatchObject({ subscriptionId: 'subscription_id', feature: 'feature_name', count: 'usage_count', timestamp: 'usage_date', accountExternalId: null });
    // Churn reasons ("support") are outcomes' reasons, never support tickets.
    expect(setups[4]!.mapping).toMatchObject({ reason: 'reason_code', feedback: 'feedback_text', date: 'churn_date' });
  });

  it('shows how each plan name reads, and reads it as a tier once recoded', async () => {
    const [accounts] = await linkedSetups();
    const bare = { ...accounts!, options: { valueMaps: {} } };
    expect(valueReadings(bare, 'tier').map((r) => [r.value, r.reads.ok])).toEqual([['Pro', false], ['Basic', false], ['Enterprise', true]]);
    expect(valueReadings(accounts!, 'tier').map((r) => [r.value, r.reads])).toEqual([
      ['Pro', { ok: true, value: 'Mid-Market' }],
      ['Basic', { ok: true, value: 'SMB' }],
      ['Enterprise', { ok: true, value: 'Enterprise' }],
    ]);
  });
});

describe('preview', () => {
  it('counts new / rejected rows per file with file, line, column and reason, lists unmapped columns and defaults', async () => {
    const result = await plan(await linkedSetups());
    const counts = Object.fromEntries(result.files.map((f) => [f.file, [f.new, f.updated, f.unchanged, f.rejected]]));
    expect(counts).toEqual({
      'accounts.csv': [4, 0, 0, 0],
      'subscriptions.csv': [5, 0, 0, 1],
      'feature_usage.csv': [6, 0, 0, 2],
      'support_tickets.csv': [3, 0, 0, 1],
      'churn_events.csv': [2, 0, 0, 0],
    });
    const errors = result.files.flatMap((f) => f.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.reason}`));
    expect(errors).toEqual([
      'subscriptions.csv:7:account_id: no account has the ID "A-9999"; add the accounts file or import the accounts first',
      'feature_usage.csv:8:subscription_id: no subscription "S-7777" is known: add the subscriptions file that links it to an account',
      'feature_usage.csv:9:usage_count: Count: "many" is not a whole number',
      expect.stringMatching(/^support_tickets\.csv:5:closed_at: closed 2026-01-19T08:00:00\.000Z, before it was opened/),
    ]);
    const accounts = result.files[0]!;
    expect(accounts.unmapped).toEqual(['signup_date', 'referral_source', 'is_trial', 'churn_flag']);
    expect(accounts.kept).toEqual(['referral_source']);
    expect(accounts.defaults.find((d) => d.field === 'renewalDate')).toMatchObject({ fallback: 'contract start plus a year', rows: 4 });
    expect(result.features.map((f) => [f.name, f.events, f.storedAs])).toEqual([
      ['api_call', 400, 'api'],
      ['dashboard_view', 22, 'dashboards'],
      ['ai_assistant', 5, 'ai_assistant'],
      ['report_export', 3, 'reports'],
    ]);
    expect(result.reviews.map((r) => [r.externalId, r.renewalDate])).toEqual([['A-0003', '2025-11-19']]);
    expect(await db.accounts.count().exec()).toBe(0);
  });

  it('flags a wrong mapping of a name field: every account name would change', async () => {
    const setups = await linkedSetups();
    await commitPlan(db, await plan(setups), { who: 'Ann Lee', files: [] });
    const accounts = setups[0]!;
    const wrong: FileSetup = { ...accounts, mapping: { ...accounts.mapping, name: 'referral_source' }, keep: [] };
    const result = await plan([wrong]);
    const preview = result.files[0]!;
    expect([preview.new, preview.updated, preview.unchanged]).toEqual([0, 4, 0]);
    expect(preview.flaggedCount).toBe(4);
    expect(preview.flagged[0]).toMatchObject({ field: 'name', before: 'Acme Analytics', after: 'partner', flagged: true });
  });
});

describe('commit, undo, re-import', () => {
  it('writes revenue, outcomes, tickets and usage once, with the batch id; undo restores the exact prior book', async () => {
    // A book that already has one of the accounts, with a stored value the import overwrites.
    const seeded = planImport(EMPTY_BOOK, [{ ...(await linkedSetups())[0]!, keep: [] }], OWNER);
    await commitPlan(db, { ...seeded, docs: seeded.docs.filter((d) => d.after['externalId'] === 'A-0001') }, { who: 'seed', files: [] });
    await db.accounts.findOne({ selector: { externalId: 'A-0001' } }).update({ $set: { mrr: 999 } });
    const before = await bookFingerprint(db);

    const setups = await linkedSetups();
    const result = await plan(setups);
    const progress: number[] = [];
    const batch = (await commitPlan(db, result, { who: 'Ann Lee', files: setups.map((s) => s.table.fileName), onProgress: (p) => progress.push(p.done) }))!;
    expect(batch.status).toBe('committed');
    expect(progress.at(-1)).toBe(result.docs.length);

    const acme = await account('A-0001');
    expect(acme).toMatchObject({ mrr: 6000, tier: 'Enterprise', seatsPurchased: 120, contractStart: '2026-01-10', renewalDate: '2027-01-09', status: 'active', customFields: { referral_source: 'partner' }, importBatch: batch.id });
    // A kept column is stamped per custom field, so a colleague's concurrent edit of another one survives sync.
    expect(acme.fieldStamps['customFields.referral_source']).toBe(acme.updatedAt);
    expect(acme.fieldStamps['customFields']).not.toBe(acme.updatedAt);
    expect((await account('A-0002')).status).toBe('churned');
    const revenue = (await db.revenue.find().exec()).map((d) => d.toJSON()).sort((a, b) => a.externalId.localeCompare(b.externalId));
    expect(revenue.map((r) => [r.externalId, r.kind, r.date, r.amount, r.mrrAfter, r.note])).toEqual([
      ['C-1', 'churn', '2026-03-01', -1600, 0, 'pricing — Too expensive for our team size'],
      ['C-2', 'churn', '2026-02-13', -1000, 0, 'support — Slow answers from support'],
      ['sub:S-1002:expansion', 'expansion', '2026-01-10', 0, 6000, 'Subscription S-1002 upgraded'],
    ]);
    const t1 = (await db.activities.findOne({ selector: { externalId: 'T-1' } }).exec())!.toJSON();
    expect(t1).toMatchObject({ type: 'support_ticket', accountId: acme.id, importBatch: batch.id, ticket: { severity: 'high', status: 'closed', closedAt: '2026-05-02T17:45:00.000Z', resolutionMinutes: 510, csat: 5, escalated: false } });
    const june = (await db.usage.findOne(`${acme.id}:2026-06`).exec())!.toJSON();
    expect(june.featureEvents).toEqual({ dashboards: 20, reports: 3, ai_assistant: 5 });
    // No user column: active users are unknown, not zero.
    expect(june.activeUsers.every((n) => n === null)).toBe(true);

    const history = await listImportBatches(db);
    expect(history[0]).toMatchObject({ id: batch.id, who: 'Ann Lee', files: setups.map((s) => s.table.fileName), status: 'committed' });

    // Re-importing the same files changes nothing.
    const again = await plan(await linkedSetups());
    expect(again.docs).toEqual([]);
    expect(again.files.map((f) => f.new + f.updated)).toEqual([0, 0, 0, 0, 0]);
    expect(await commitPlan(db, again, { who: 'Ann Lee', files: [] })).toBeNull();

    const undone = await undoImportBatch(db, batch.id);
    expect(undone).toMatchObject({ status: 'undone', skippedOnUndo: 0 });
    expect(await bookFingerprint(db)).toEqual(before);
    expect((await account('A-0001')).mrr).toBe(999);

    // After undo the same import applies again in full.
    const redo = await plan(await linkedSetups());
    expect(redo.files[0]).toMatchObject({ new: 3, updated: 1 });
    await commitPlan(db, redo, { who: 'Ann Lee', files: [] });
    expect((await account('A-0001')).mrr).toBe(6000);
  });

  it('undo leaves a document someone changed after the import and says so', async () => {
    const batch = (await commitPlan(db, await plan(await linkedSetups()), { who: 'Ann Lee', files: [] }))!;
    await db.accounts.findOne({ selector: { externalId: 'A-0003' } }).update({ $set: { name: 'Cedar Health Group' } });
    const undone = await undoImportBatch(db, batch.id);
    expect(undone.skippedOnUndo).toBe(1);
    expect((await db.accounts.find().exec()).map((a) => a.name)).toEqual(['Cedar Health Group']);
  });

  it('a cancelled commit leaves nothing written, and an interrupted one is rolled back on the next open', async () => {
    const before = await bookFingerprint(db);
    const result = await plan(await linkedSetups());
    const controller = new AbortController();
    controller.abort();
    await expect(commitPlan(db, result, { who: 'Ann Lee', files: [], signal: controller.signal })).rejects.toBeInstanceOf(ImportCancelled);
    expect(await bookFingerprint(db)).toEqual(before);
    expect((await listImportBatches(db))[0]?.status).toBe('cancelled');

    // A window closed mid-commit: the process stops after two collections were written (nothing after runs).
    let calls = 0;
    const crash = () => {
      calls += 1;
      if (calls === 3) throw new Error('window closed');
    };
    await expect(commitPlan(db, result, { who: 'Ann Lee', files: [], batchId: 'cut', onProgress: crash })).rejects.toThrow('window closed');
    expect(await bookFingerprint(db)).not.toEqual(before);
    expect((await listImportBatches(db))[0]).toMatchObject({ id: 'cut', status: 'writing' });
    expect(await recoverInterruptedImports(db)).toEqual(['cut']);
    expect(await bookFingerprint(db)).toEqual(before);
    expect((await listImportBatches(db))[0]).toMatchObject({ id: 'cut', status: 'cancelled' });
  });

  it('refuses to commit a preview the book has moved away from, writing nothing', async () => {
    const setups = await linkedSetups();
    await commitPlan(db, await plan(setups), { who: 'Ann Lee', files: [] });
    const wrong: FileSetup = { ...setups[0]!, mapping: { ...setups[0]!.mapping, name: 'referral_source' } };
    const stale = await plan([wrong]);
    await db.accounts.findOne({ selector: { externalId: 'A-0001' } }).update({ $set: { industry: 'Banking' } });
    const before = await bookFingerprint(db);
    await expect(commitPlan(db, stale, { who: 'Ann Lee', files: [] })).rejects.toThrow(/changed in the book since the preview/);
    expect(await bookFingerprint(db)).toEqual(before);
  });
});

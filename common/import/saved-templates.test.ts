import { afterEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import type { FileSetup } from './plan-context';
import { EMPTY_BOOK } from './book-snapshot';
import { planImport } from './plan-import';
import { applyTemplate, matchingTemplates, parseSavedTemplates, SAVED_TEMPLATES_CAP, templateFromSetup, withTemplate, type SavedImportTemplate } from './saved-templates';
import { deleteTemplate, loadSavedTemplates, saveTemplate } from './saved-templates-store';
import { suggestSetup, valueReadings } from './suggest-setup';
import { parsedTable } from './testing/test-fixtures';
import { validateRows } from './validate-rows';

const NOW = new Date('2026-06-15T12:00:00Z');

/** An accounts export with an odd id column, plan names and a day-first date. */
const FIRST = ['Cust Ref,Company,Plan Level,Go Live,Priority', 'K-1,Acme Analytics,Gold,31/03/2026,High', 'K-2,Birch Robotics,Silver,01/04/2026,Low'].join('\n');
/** Next month's export of the same report: the same headers, other spelling and order, other rows. */
const SECOND = ['company,cust_ref,priority,plan level,go live', 'Cinder Health,K-3,High,Silver,15/05/2026', 'Acme Analytics,K-1,Medium,Gold,30/06/2026'].join('\n');

/** The first file as the person fixed it in the wizard. */
function fixedSetup(): FileSetup {
  const setup = suggestSetup(parsedTable('crm.csv', FIRST));
  return {
    ...setup,
    kind: 'accounts',
    mapping: { ...setup.mapping, externalId: 'Cust Ref', name: 'Company', tier: 'Plan Level', contractStart: 'Go Live' },
    options: {
      valueMaps: { tier: { gold: 'Enterprise', silver: 'Mid-Market' }, status: { x: 'active' } },
      formats: { contractStart: { dates: 'day-first' }, renewalDate: { dates: 'day-first' } },
    },
    keep: ['Priority'],
  };
}

describe('saved import templates', () => {
  it('saves the mapping, the value maps and formats of mapped fields, and the kept columns', () => {
    const template = templateFromSetup(fixedSetup(), '  CRM monthly  ', 'tpl-1', NOW);
    expect(template).toMatchObject({
      id: 'tpl-1',
      name: 'CRM monthly',
      kind: 'accounts',
      headers: ['Cust Ref', 'Company', 'Plan Level', 'Go Live', 'Priority'],
      valueMaps: { tier: { gold: 'Enterprise', silver: 'Mid-Market' } },
      formats: { contractStart: { dates: 'day-first' } },
      keep: ['Priority'],
      savedAt: NOW.toISOString(),
    });
    expect(template.mapping).toMatchObject({ externalId: 'Cust Ref', name: 'Company', tier: 'Plan Level', contractStart: 'Go Live', status: null });
  });

  it('is offered for a file with the same headers in any case, spelling or order, and not for others', () => {
    const template = templateFromSetup(fixedSetup(), 'CRM monthly', 'tpl-1', NOW);
    const older = { ...template, id: 'tpl-0', name: 'Older', savedAt: '2026-01-01T00:00:00.000Z' };
    const second = parsedTable('crm-june.csv', SECOND);
    expect(matchingTemplates([older, template], second.headers).map((t) => t.id)).toEqual(['tpl-1', 'tpl-0']);
    expect(matchingTemplates([template], [...second.headers, 'Extra'])).toEqual([]);
    expect(matchingTemplates([template], second.headers.slice(1))).toEqual([]);
  });

  it('applied to the next file, reads it as the first was read', () => {
    const template = templateFromSetup(fixedSetup(), 'CRM monthly', 'tpl-1', NOW);
    const guessed = suggestSetup(parsedTable('crm-june.csv', SECOND));
    const applied = applyTemplate(guessed, template)!;
    expect(applied.mapping).toMatchObject({ externalId: 'cust_ref', name: 'company', tier: 'plan level', contractStart: 'go live' });
    expect(applied.keep).toEqual(['priority']);
    expect(applied.keepAs).toEqual({ priority: 'Priority' });
    // The kept column fills the custom field under the name it had when the template was saved.
    const planned = planImport(EMPTY_BOOK, [applied], { ownerId: 'u-ann', ownerName: 'Ann Lee', teamId: 'team-east', now: NOW });
    expect(planned.docs.map((d) => d.after['customFields'])).toEqual([{ Priority: 'High' }, { Priority: 'Medium' }]);
    // Saved again from this file, the template keeps the name, and the next file fills it too.
    const resaved = templateFromSetup(applied, 'CRM monthly', 'tpl-1', NOW);
    expect(resaved.keepAs).toEqual({ priority: 'Priority' });
    expect(applyTemplate(suggestSetup(parsedTable('crm-july.csv', FIRST.replace('Priority', 'PRIORITY'))), resaved)?.keepAs).toEqual({ PRIORITY: 'Priority' });
    expect(applied.savedTemplateId).toBe('tpl-1');
    expect(applied.template?.label).toContain('CRM monthly');
    expect(valueReadings(applied, 'tier').map((r) => [r.value, r.reads])).toEqual([
      ['Gold', { ok: true, value: 'Enterprise' }],
      ['Silver', { ok: true, value: 'Mid-Market' }],
    ]);
    const { records, errors } = validateRows('accounts', applied.table, applied.mapping, applied.options);
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.fields.externalId, r.fields.tier, r.fields.contractStart])).toEqual([
      ['K-3', 'Mid-Market', '2026-05-15'],
      ['K-1', 'Enterprise', '2026-06-30'],
    ]);
    // The template itself is not changed by what the wizard does with the setup afterwards.
    (applied.options!.valueMaps!.tier as Record<string, string>)['gold'] = 'SMB';
    expect(template.valueMaps.tier).toEqual({ gold: 'Enterprise', silver: 'Mid-Market' });
  });

  it('refuses a file with other headers', () => {
    const template = templateFromSetup(fixedSetup(), 'CRM monthly', 'tpl-1', NOW);
    expect(applyTemplate(suggestSetup(parsedTable('other.csv', 'Account ID,Account Name\nA-1,Acme')), template)).toBeNull();
  });

  it('replaces a template of the same name and refuses a new one beyond the cap', () => {
    const template = templateFromSetup(fixedSetup(), 'CRM monthly', 'tpl-1', NOW);
    const again = withTemplate([template], { ...template, id: 'tpl-2', name: 'crm MONTHLY' });
    expect(again.ok && again.templates.map((t) => [t.id, t.name])).toEqual([['tpl-1', 'crm MONTHLY']]);
    const full = Array.from({ length: SAVED_TEMPLATES_CAP }, (_, i) => ({ ...template, id: `t-${i}`, name: `T ${i}` }));
    expect(withTemplate(full, { ...template, id: 'new', name: 'One more' })).toMatchObject({ ok: false });
    expect(withTemplate(full, { ...template, id: 'new', name: 'T 3' }).ok).toBe(true);
    expect(withTemplate([], { ...template, name: '' })).toMatchObject({ ok: false });
  });

  it('leaves out stored templates that do not validate', () => {
    const template = templateFromSetup(fixedSetup(), 'CRM monthly', 'tpl-1', NOW);
    expect(parseSavedTemplates({ templates: [template, { ...template, kind: 'invoices' }, { name: 'x' }] }).map((t) => t.id)).toEqual(['tpl-1']);
    expect(parseSavedTemplates('garbage')).toEqual([]);
    expect(parseSavedTemplates(null)).toEqual([]);
  });
});

describe('saved import templates on the device', () => {
  let db: OutpostDatabase | undefined;
  afterEach(async () => {
    await db?.close();
  });

  it('are stored as a local document, read back, replaced by name and deleted', async () => {
    db = await openTestDatabase('templates');
    expect(await loadSavedTemplates(db)).toEqual([]);
    const template = templateFromSetup(fixedSetup(), 'CRM monthly', 'tpl-1', NOW);
    const saved = await saveTemplate(db, template);
    expect(saved.ok).toBe(true);
    const read: SavedImportTemplate[] = await loadSavedTemplates(db);
    expect(read).toEqual([template]);
    await saveTemplate(db, { ...template, id: 'tpl-9', valueMaps: {}, savedAt: '2026-06-16T00:00:00.000Z' });
    expect((await loadSavedTemplates(db)).map((t) => [t.id, t.valueMaps])).toEqual([['tpl-1', {}]]);
    // Not a document of the book: nothing to sync, nothing in the accounts collection.
    expect(await db.accounts.count().exec()).toBe(0);
    expect(await deleteTemplate(db, 'tpl-1')).toEqual([]);
    expect(await loadSavedTemplates(db)).toEqual([]);
  });
});

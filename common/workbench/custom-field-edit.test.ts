import { describe, expect, it } from 'vitest';
import { CUSTOM_FIELD_MAX } from '../model';
import { customFieldKinds } from '../book-views/custom-field-columns';
import { HybridLogicalClock } from '../clock/hlc';
import { customFieldPatch, parseCustomField, withCustomField } from './custom-field-edit';

describe('editing a custom field', () => {
  it('types the input by the kind its column has in the book', () => {
    const book: { customFields?: Record<string, string> }[] = [{ customFields: { Score: '42', Since: '2026-01-31', Tier: 'Gold' } }, { customFields: { Score: '7', Since: 'n/a' } }, {}];
    expect(Object.fromEntries(customFieldKinds(book, ['Score', 'Since', 'Tier', 'Nowhere']))).toEqual({ Score: 'number', Since: 'text', Tier: 'text', Nowhere: 'text' });
    expect(customFieldKinds([{ customFields: { Since: '2026-01-31' } }], ['Since']).get('Since')).toBe('date');
  });

  it('accepts numbers (thousands separators dropped), calendar dates and one line of text; blank clears', () => {
    expect(parseCustomField('Score', 'number', ' 1,064 ')).toEqual({ ok: true, value: '1064' });
    expect(parseCustomField('Score', 'number', '-2.5e3')).toEqual({ ok: true, value: '-2.5e3' });
    expect(parseCustomField('Since', 'date', '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseCustomField('Tier', 'text', '  Gold ')).toEqual({ ok: true, value: 'Gold' });
    expect(parseCustomField('Score', 'number', '')).toEqual({ ok: true, value: '' });
  });

  it('refuses what the kind does not allow, with a message naming the field', () => {
    expect(parseCustomField('Score', 'number', 'lots')).toEqual({ ok: false, error: 'Score must be a number' });
    expect(parseCustomField('Since', 'date', '2023-02-29')).toEqual({ ok: false, error: 'Since must be a valid date (YYYY-MM-DD)' });
    expect(parseCustomField('Tier', 'text', 'a\nb')).toEqual({ ok: false, error: 'Tier must be one line of text' });
    expect(parseCustomField('Tier', 'text', 'x'.repeat(CUSTOM_FIELD_MAX + 1))).toEqual({ ok: false, error: `Tier must be at most ${CUSTOM_FIELD_MAX} characters` });
  });

  it('changes one field and keeps the others; blank removes it', () => {
    const fields = { Score: '42', Tier: 'Gold' };
    expect(withCustomField(fields, 'Score', '64')).toEqual({ Score: '64', Tier: 'Gold' });
    expect(withCustomField(fields, 'Score', '')).toEqual({ Tier: 'Gold' });
    expect(fields).toEqual({ Score: '42', Tier: 'Gold' });
  });
});

describe('the stamped patch of a custom field edit', () => {
  const T0 = '1767225600000-0000-nodeA';
  const account = { updatedAt: T0, fieldStamps: { name: T0 }, customFields: { Region: 'EMEA', Segment: 'Mid' } };

  it('stamps only the custom field it changes, and keeps the whole object’s stamp where it was', () => {
    const clock = new HybridLogicalClock('nodeB', () => 1767225700000);
    const patch = customFieldPatch(account, 'Region', 'APAC', clock);
    expect(patch.customFields).toEqual({ Region: 'APAC', Segment: 'Mid' });
    expect(patch.fieldStamps).toEqual({ name: T0, customFields: T0, 'customFields.Region': patch.updatedAt });
    const removal = customFieldPatch({ ...account, ...patch }, 'Segment', '', clock);
    expect(removal.customFields).toEqual({ Region: 'APAC' });
    expect(removal.fieldStamps['customFields.Segment']).toBe(removal.updatedAt);
    expect(removal.fieldStamps['customFields.Region']).toBe(patch.updatedAt);
  });
});

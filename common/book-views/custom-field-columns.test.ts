import { describe, expect, it } from 'vitest';
import type { Account } from '../model';
import { gridViewStateSchema } from './grid-view';
import { accountCustomFields, customColumnId, customFieldSpecs, customFieldSpecsKey, customFieldValue, CUSTOM_COLUMNS_CAP, isCustomColumnId } from './custom-field-columns';

const book: Pick<Account, 'customFields'>[] = [
  { customFields: { 'Customer Priority': 'High', 'Partner Score': '42', 'Go-live': '2026-03-01' } },
  { customFields: { 'Customer Priority': 'Low', 'Partner Score': '7.5', 'Go-live': '' } },
  { customFields: { 'Partner Score': 'n/a' } },
  {},
  { customFields: { Seats_Note: ' ' } },
];

describe('custom fields as grid columns', () => {
  it('finds every field with a value, sorted by name, with the kind its values read as', () => {
    const specs = customFieldSpecs([...book, { customFields: { 'Contract Ref': '0042' } }]);
    expect(specs.map((s) => [s.name, s.kind, s.accounts])).toEqual([
      ['Contract Ref', 'number', 1],
      ['Customer Priority', 'text', 2],
      ['Go-live', 'date', 1],
      // one value is not a number, so the column is text
      ['Partner Score', 'text', 3],
    ]);
    expect(specs.every((s) => isCustomColumnId(s.id))).toBe(true);
  });

  it('reads numbers as numbers and leaves blanks out', () => {
    const specs = customFieldSpecs(book.slice(0, 2));
    const score = specs.find((s) => s.name === 'Partner Score')!;
    expect(score.kind).toBe('number');
    expect(customFieldValue(book[1]!, score)).toBe(7.5);
    const live = specs.find((s) => s.name === 'Go-live')!;
    expect(customFieldValue(book[0]!, live)).toBe('2026-03-01');
    expect(customFieldValue(book[1]!, live)).toBeUndefined();
    expect(customFieldValue({}, live)).toBeUndefined();
  });

  it('gives long names a stable id a saved view can store', () => {
    const name = 'A very long custom field name that a spreadsheet export happened to carry along';
    const id = customColumnId(name);
    expect(id).toBe(customColumnId(name));
    expect(id).not.toBe(customColumnId(`${name}!`));
    expect(id.length).toBeLessThanOrEqual(64);
    expect(gridViewStateSchema.safeParse({ columnOrder: [id], hiddenColumns: [id], sorting: [{ id, desc: false }], filters: [{ id, value: 'x' }], search: '' }).success).toBe(true);
    expect(customColumnId('Tier note')).toBe('custom:Tier note');
  });

  it('keeps the most used fields when a book has more than the cap', () => {
    const many = Array.from({ length: CUSTOM_COLUMNS_CAP + 5 }, (_, i) => ({ customFields: { [`f${String(i).padStart(2, '0')}`]: 'x' } }));
    const specs = customFieldSpecs([...many, { customFields: { f44: 'y' } }]);
    expect(specs).toHaveLength(CUSTOM_COLUMNS_CAP);
    expect(specs.map((s) => s.name)).toContain('f44');
  });

  it('changes its key only when the columns change', () => {
    const a = customFieldSpecsKey(customFieldSpecs(book));
    expect(customFieldSpecsKey(customFieldSpecs([...book, { customFields: { 'Customer Priority': 'Mid' } }]))).toBe(a);
    expect(customFieldSpecsKey(customFieldSpecs([...book, { customFields: { Other: 'x' } }]))).not.toBe(a);
  });

  it('lists one account’s fields for the workbench', () => {
    expect(accountCustomFields(book[1]!)).toEqual([
      { name: 'Customer Priority', value: 'Low' },
      { name: 'Partner Score', value: '7.5' },
    ]);
    expect(accountCustomFields({})).toEqual([]);
  });
});

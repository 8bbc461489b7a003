import { customFieldValue, type CustomFieldSpec } from '../../../../../common/book-views/custom-field-columns';
import type { AccountColumn } from './account-columns';

/**
 * The book's custom fields as grid columns: hidden until a person shows them in the Columns popover, then filtered
 * and sorted like the grid's own columns (text "contains", number and date ranges).
 */
export function customColumns(specs: readonly CustomFieldSpec[]): AccountColumn[] {
  return specs.map((spec) => ({
    id: spec.id,
    label: spec.name,
    kind: spec.kind,
    width: spec.kind === 'date' ? 150 : 160,
    align: spec.kind === 'number' ? 'end' : 'start',
    hiddenByDefault: true,
    value: (account) => customFieldValue(account, spec),
    // Numbers keep the text they were imported with (a reference like "0042" stays as written).
    format: (_value, account) => account.customFields?.[spec.name]?.trim() ?? '',
  }));
}

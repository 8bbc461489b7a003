import type { ColumnDef, FilterFn, SortingFn } from '@tanstack/react-table';
import type { Account } from '../../../../../common/model';
import {
  dateInRange,
  enumEquals,
  isEmptyFilterValue,
  numberInRange,
  textContains,
  type DateRange,
  type NumberRange,
} from '../../../../../common/book-views/grid-filters';
import { compareBasic, type CompareValues } from './keyed-sorted-row-model';
import type { AccountColumn, AccountColumnContext, AccountColumnKind, AccountColumnValue } from './account-columns';

const textFilter: FilterFn<Account> = (row, id, query: string) => textContains(row.getValue(id), query);
const enumFilter: FilterFn<Account> = (row, id, selected: string) => enumEquals(row.getValue(id), selected);
const numberFilter: FilterFn<Account> = (row, id, range: NumberRange) =>
  numberInRange(row.getValue<AccountColumnValue>(id) as number | undefined, range);
const dateFilter: FilterFn<Account> = (row, id, range: DateRange) =>
  dateInRange(row.getValue<AccountColumnValue>(id) as string | undefined, range);
for (const fn of [textFilter, enumFilter, numberFilter, dateFilter]) fn.autoRemove = isEmptyFilterValue;

const FILTERS: Record<AccountColumnKind, FilterFn<Account>> = {
  text: textFilter,
  enum: enumFilter,
  number: numberFilter,
  date: dateFilter,
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const compareText: CompareValues = (a, b) => collator.compare(String(a), String(b));
const textSort: SortingFn<Account> = (a, b, id) =>
  collator.compare(String(a.getValue(id) ?? ''), String(b.getValue(id) ?? ''));

/** The registry's columns as TanStack column definitions; values are computed once per row and cached by the table. */
export function buildTableColumns(
  columns: readonly AccountColumn[],
  context: AccountColumnContext,
): ColumnDef<Account, AccountColumnValue>[] {
  return columns.map((column) => ({
    id: column.id,
    header: column.label,
    accessorFn: (account: Account) => column.value(account, context),
    filterFn: FILTERS[column.kind],
    sortingFn: column.kind === 'text' || column.kind === 'enum' ? textSort : 'basic',
    // What the keyed sorted row model ranks values by (the same order as sortingFn).
    meta: { compareValues: column.kind === 'text' || column.kind === 'enum' ? compareText : compareBasic },
    sortUndefined: 'last',
    sortDescFirst: false,
  }));
}

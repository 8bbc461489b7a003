import type { Account } from '../../../../../common/model';
import { toCsv } from '../../../../../common/export/to-csv';
import type { AccountColumn, AccountColumnContext } from './account-columns';

/** The current view as CSV: the visible columns in display order, the rows as filtered and sorted. */
export function accountsViewToCsv(
  columns: readonly AccountColumn[],
  accounts: readonly Account[],
  context: AccountColumnContext,
): string {
  return toCsv(
    columns.map((column) => ({
      header: column.label,
      value: (account: Account) => (column.exportValue ? column.exportValue(account, context) : column.value(account, context)),
    })),
    accounts,
  );
}

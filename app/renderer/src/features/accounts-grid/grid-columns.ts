import { ACCOUNT_FIELD_COLUMNS, type AccountColumn } from './account-columns';
import { SCORE_COLUMNS } from './score-columns';

/** The Accounts grid's columns in default order: the account's fields, then its scores. */
export const ACCOUNT_COLUMNS: readonly AccountColumn[] = [...ACCOUNT_FIELD_COLUMNS, ...SCORE_COLUMNS];

import { ACCOUNT_FIELD_COLUMNS, type AccountColumn } from './account-columns';
import { SCORE_COLUMNS } from './score-columns';

const [NAME, ...OTHER_FIELDS] = ACCOUNT_FIELD_COLUMNS;

/**
 * The Accounts grid's columns in default order: the name (frozen at the left edge), then the scores a CSM opens the
 * book for, then the account's other fields; so name and scores are on screen together on a laptop (1280 px and up).
 */
export const ACCOUNT_COLUMNS: readonly AccountColumn[] = [NAME!, ...SCORE_COLUMNS, ...OTHER_FIELDS];

/** The column that stays at the left edge while the grid scrolls sideways. */
export const FROZEN_COLUMN_ID = 'name';

import { accountsSpec, type AccountImportRow } from './account-fields';
import { activitiesSpec, type ActivityImportRow } from './activity-fields';
import { contactsSpec, type ContactImportRow } from './contact-fields';
import type { ImportKind, ImportKindSpec } from './field-spec';
import { usageSpec, type UsageImportRow } from './usage-fields';

/** The record type each import kind produces. */
export interface ImportRowByKind {
  accounts: AccountImportRow;
  contacts: ContactImportRow;
  usage: UsageImportRow;
  activities: ActivityImportRow;
}

export const IMPORT_KIND_SPECS: { [K in ImportKind]: ImportKindSpec<ImportRowByKind[K]> } = {
  accounts: accountsSpec,
  contacts: contactsSpec,
  usage: usageSpec,
  activities: activitiesSpec,
};

export function importKindSpec<K extends ImportKind>(kind: K): ImportKindSpec<ImportRowByKind[K]> {
  return IMPORT_KIND_SPECS[kind];
}

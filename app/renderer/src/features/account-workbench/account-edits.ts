import type { RxDocument } from 'rxdb';
import type { Account, EditableAccountField } from '../../../../../common/model';
import { ACCOUNT_FIELD_LABELS } from '../../../../../common/workbench/account-edit-schema';
import { stampChanges } from '../../../../../common/db/stamp-writes';
import { customFieldPatch } from '../../../../../common/workbench/custom-field-edit';
import type { ReversibleAction } from '../../stores/undo-store';

async function writeField<K extends EditableAccountField>(doc: RxDocument<Account>, field: K, value: Account[K]) {
  const latest = doc.getLatest();
  const changes = { [field]: value } as Pick<Account, K>;
  await latest.incrementalPatch(stampChanges(latest.fieldStamps, changes) as Partial<Account>);
}

/**
 * Writes one validated field (stamped for sync) and returns how to revert it, or null when nothing changed.
 * The revert writes the previous value back as a new, stamped edit rather than rewinding history.
 */
export async function saveAccountField<K extends EditableAccountField>(
  doc: RxDocument<Account>,
  field: K,
  value: Account[K],
): Promise<ReversibleAction | null> {
  const previous = doc.getLatest().get(field) as Account[K];
  if (previous === value) return null;
  await writeField(doc, field, value);
  return {
    label: `Saved ${ACCOUNT_FIELD_LABELS[field]}`,
    undo: () => writeField(doc, field, previous),
  };
}

/** Sets one custom field on the latest account (stamped for sync like any field edit); the other fields as they are. */
async function writeCustomField(doc: RxDocument<Account>, name: string, value: string) {
  const latest = doc.getLatest();
  await latest.incrementalPatch(customFieldPatch(latest.toJSON() as Account, name, value) as Partial<Account>);
}

/**
 * Writes one validated custom field and returns how to revert it, or null when nothing changed. The revert writes
 * that field's previous value back (blank: removes it) on whatever the account holds then, so other edits stay.
 */
export async function saveCustomField(doc: RxDocument<Account>, name: string, value: string): Promise<ReversibleAction | null> {
  const previous = (doc.getLatest().get('customFields') as Account['customFields'])?.[name] ?? '';
  if (previous === value) return null;
  await writeCustomField(doc, name, value);
  return {
    label: `Saved ${name}`,
    undo: () => writeCustomField(doc, name, previous),
  };
}

import type { RxDocument } from 'rxdb';
import type { Account, EditableAccountField } from '../../../../../common/model';
import { ACCOUNT_FIELD_LABELS } from '../../../../../common/workbench/account-edit-schema';
import { stampChanges } from '../../../../../common/db/stamp-writes';
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

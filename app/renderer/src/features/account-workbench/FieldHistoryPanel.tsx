import { useState } from 'react';
import type { RxDocument } from 'rxdb';
import { ACCOUNT_FIELD_LABELS } from '../../../../../common/workbench/account-edit-schema';
import type { Account, EditableAccountField } from '../../../../../common/model';
import { currentValueOf, isRestorable, mergeFieldHistory, restoreFieldPatch, setFieldPatch, type FieldHistoryEntry } from '../../../../../common/sync/field-history';
import { useUndoStore } from '../../stores/undo-store';
import { useSyncSession } from '../../session/session-store';
import { useEditPermission } from '../../session/use-edit-permission';

const CUSTOM_FIELD_PREFIX = 'customFields.';

function fieldLabel(field: string): string {
  if (field.startsWith(CUSTOM_FIELD_PREFIX)) return field.slice(CUSTOM_FIELD_PREFIX.length);
  return ACCOUNT_FIELD_LABELS[field as EditableAccountField] ?? field;
}

function shown(value: FieldHistoryEntry['value']): string {
  return value === null || value === '' ? 'no value' : String(value);
}

/**
 * Values that lost a concurrent edit (same field, two people, last writer won), newest first, each with a Restore
 * that writes it back as a new edit (undoable). Shown when the account has any such history.
 */
export function FieldHistoryPanel({ doc }: { doc: RxDocument<Account> }) {
  const me = useSyncSession((state) => state.session?.user.id ?? null);
  const permission = useEditPermission(doc);
  const pushUndo = useUndoStore((state) => state.push);
  const [error, setError] = useState<string | null>(null);
  const history = mergeFieldHistory(doc.fieldHistory, []);
  const isCurrent = (entry: FieldHistoryEntry) => currentValueOf(doc.toJSON() as Account, entry) === entry.value;
  if (history.length === 0) return null;

  const restore = async (entry: FieldHistoryEntry) => {
    setError(null);
    try {
      const latest = doc.getLatest();
      const previous = currentValueOf(latest.toJSON() as Account, entry);
      await latest.incrementalPatch(restoreFieldPatch(latest.toJSON() as Account, entry) as Partial<Account>);
      pushUndo({
        label: `Restored ${fieldLabel(entry.field)}`,
        undo: async () => {
          const now = doc.getLatest();
          await now.incrementalPatch(setFieldPatch(now.toJSON() as Account, entry.field, previous) as Partial<Account>);
        },
      });
    } catch (cause) {
      setError(`Could not restore ${fieldLabel(entry.field)}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  };

  return (
    <section className="panel" aria-labelledby="field-history-heading" data-testid="field-history">
      <h2 id="field-history-heading">Overwritten values</h2>
      <p className="muted">When two people changed the same field at once, the later change won; the other value is kept here.</p>
      <ul className="field-history-list">
        {history.map((entry) => (
          <li key={`${entry.field}/${entry.stamp}`} data-testid="field-history-entry">
            <strong>{fieldLabel(entry.field)}</strong>: “{shown(entry.value)}”{' '}
            <span className="muted">
              replaced {new Date(entry.recordedAt).toLocaleString()}
              {entry.userId ? (entry.userId === me ? ', written by you' : ', written by a teammate') : ''}
            </span>{' '}
            {isRestorable(entry) && (
              <button
                type="button"
                onClick={() => void restore(entry)}
                disabled={!permission.allowed || isCurrent(entry)}
                title={permission.reason ?? (isCurrent(entry) ? 'This is the current value' : undefined)}
                aria-label={`Restore ${fieldLabel(entry.field)} to ${shown(entry.value)}`}
              >
                Restore
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

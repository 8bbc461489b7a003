import { useState } from 'react';
import type { RxDocument } from 'rxdb';
import { ACCOUNT_FIELD_LABELS } from '../../../../../common/workbench/account-edit-schema';
import type { Account, EditableAccountField } from '../../../../../common/model';
import { isRestorable, mergeFieldHistory, restoreFieldPatch, type FieldHistoryEntry } from '../../../../../common/sync/field-history';
import { stampChanges } from '../../../../../common/db/stamp-writes';
import { useUndoStore } from '../../stores/undo-store';
import { useSyncSession } from '../../session/session-store';
import { useEditPermission } from '../../session/use-edit-permission';

function fieldLabel(field: string): string {
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
  if (history.length === 0) return null;

  const restore = async (entry: FieldHistoryEntry) => {
    setError(null);
    try {
      const latest = doc.getLatest();
      const previous = latest.get(entry.field) as unknown;
      await latest.incrementalPatch(restoreFieldPatch(latest, entry) as Partial<Account>);
      pushUndo({
        label: `Restored ${fieldLabel(entry.field)}`,
        undo: async () => {
          const now = doc.getLatest();
          await now.incrementalPatch(stampChanges(now.fieldStamps, { [entry.field]: previous }) as Partial<Account>);
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
                disabled={!permission.allowed || doc.get(entry.field) === entry.value}
                title={permission.reason ?? (doc.get(entry.field) === entry.value ? 'This is the current value' : undefined)}
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

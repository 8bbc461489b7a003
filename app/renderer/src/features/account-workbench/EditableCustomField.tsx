import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RxDocument } from 'rxdb';
import type { Account } from '../../../../../common/model';
import type { CustomFieldKind } from '../../../../../common/book-views/custom-field-columns';
import { parseCustomField } from '../../../../../common/workbench/custom-field-edit';
import { useUndoStore } from '../../stores/undo-store';
import { useEditPermission } from '../../session/use-edit-permission';
import { saveCustomField } from './account-edits';

/**
 * One custom field shown as a button, edited in place like the account's own fields: Enter or click edits, Enter
 * saves, Escape cancels, leaving the field saves a change. The input is typed by the field's kind in the book (a
 * number, a date or text), validated before anything is written; the save can be undone from the toast.
 */
export function EditableCustomField({ doc, name, value, kind }: { doc: RxDocument<Account>; name: string; value: string; kind: CustomFieldKind }) {
  const pushUndo = useUndoStore((state) => state.push);
  const permission = useEditPermission(doc);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const errorId = useId();

  useEffect(() => {
    if (draft === null && returnFocus.current) {
      returnFocus.current = false;
      buttonRef.current?.focus();
    }
  }, [draft]);

  const close = (refocus: boolean) => {
    returnFocus.current = refocus;
    setDraft(null);
    setError(null);
  };

  const save = async (refocus: boolean) => {
    if (draft === null || saving) return;
    const parsed = parseCustomField(name, kind, draft);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setSaving(true);
    try {
      const action = await saveCustomField(doc, name, parsed.value);
      if (action) pushUndo(action);
      close(refocus);
    } catch (cause) {
      setError(`Could not save ${name}: ${cause instanceof Error ? cause.message : String(cause)}`);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void save(true);
    }
  };

  if (draft === null) {
    return (
      <button
        ref={buttonRef}
        type="button"
        className="editable-value"
        aria-label={`Edit ${name}: ${value}`}
        title={permission.allowed ? `Edit ${name}` : permission.reason}
        disabled={!permission.allowed}
        onClick={() => setDraft(value)}
      >
        {value}
      </button>
    );
  }

  return (
    <span className="editable-editor">
      <input
        aria-label={`Edit ${name}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        autoFocus
        disabled={saving}
        type={kind === 'date' ? 'date' : 'text'}
        inputMode={kind === 'number' ? 'decimal' : undefined}
        value={draft}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (draft === null || saving) return;
          if (draft === value) close(false);
          else void save(false);
        }}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
      />
      {error && (
        <span id={errorId} className="error-text field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

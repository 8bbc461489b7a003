import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RxDocument } from 'rxdb';
import type { Account, EditableAccountField } from '../../../../../common/model';
import {
  ACCOUNT_FIELD_INPUTS,
  ACCOUNT_FIELD_LABELS,
  accountFieldToInput,
  parseAccountField,
} from '../../../../../common/workbench/account-edit-schema';
import { formatCount, formatIsoDate, formatUsd, humanize } from '../../../../../common/format/format';
import { useUndoStore } from '../../stores/undo-store';
import { saveAccountField } from './account-edits';
import { useEditPermission } from '../../session/use-edit-permission';

function displayValue(field: EditableAccountField, value: Account[EditableAccountField]): string {
  if (value === '') return 'Not set';
  switch (field) {
    case 'mrr':
      return formatUsd(value as number);
    case 'seatsPurchased':
    case 'seatsActive':
      return formatCount(value as number);
    case 'renewalDate':
      return formatIsoDate(value as string);
    case 'lifecycleStage':
      return humanize(value as string);
    default:
      return String(value);
  }
}

/** One account field shown as a button; Enter or click edits, Enter saves, Escape cancels. */
export function EditableField({ doc, field }: { doc: RxDocument<Account>; field: EditableAccountField }) {
  const label = ACCOUNT_FIELD_LABELS[field];
  const input = ACCOUNT_FIELD_INPUTS[field];
  const value = doc.get(field) as Account[EditableAccountField];
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
    const parsed = parseAccountField(field, draft);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setSaving(true);
    try {
      const action = await saveAccountField(doc, field, parsed.value);
      if (action) pushUndo(action);
      close(refocus);
    } catch (cause) {
      setError(`Could not save ${label}: ${cause instanceof Error ? cause.message : String(cause)}`);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void save(true);
    }
  };

  const onBlur = () => {
    if (draft === null || saving) return;
    if (draft === accountFieldToInput(value)) close(false);
    else void save(false);
  };

  if (draft === null) {
    return (
      <button
        ref={buttonRef}
        type="button"
        className={`editable-value${value === '' ? ' muted' : ''}`}
        // The name holds the visible value too (WCAG 2.5.3, label in name), after the action it starts with.
        aria-label={`Edit ${label}: ${displayValue(field, value) || 'empty'}`}
        title={permission.allowed ? `Edit ${label}` : permission.reason}
        disabled={!permission.allowed}
        onClick={() => setDraft(accountFieldToInput(value))}
      >
        {displayValue(field, value)}
      </button>
    );
  }

  const common = {
    'aria-label': `Edit ${label}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    autoFocus: true,
    disabled: saving,
    onKeyDown,
    onBlur,
  } as const;

  return (
    <span className="editable-editor">
      {input.kind === 'select' ? (
        <select {...common} value={draft} onChange={(event) => setDraft(event.target.value)}>
          {input.options.map((option) => (
            <option key={option} value={option}>
              {field === 'lifecycleStage' ? humanize(option) : option}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={input.kind === 'date' ? 'date' : 'text'}
          inputMode={input.kind === 'number' ? 'decimal' : undefined}
          maxLength={input.kind === 'text' ? input.maxLength : undefined}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
        />
      )}
      {error && (
        <span id={errorId} className="error-text field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

import type { RxDocument } from 'rxdb';
import type { Account, EditableAccountField } from '../../../../../common/model';
import {
  ACCOUNT_FIELD_INPUTS,
  ACCOUNT_FIELD_LABELS,
  accountFieldToInput,
  parseAccountField,
} from '../../../../../common/workbench/account-edit-schema';
import { formatCount, formatIsoDate, formatUsd, humanize } from '../../../../../common/format/format';
import { saveAccountField } from './account-edits';
import { useEditPermission } from '../../session/use-edit-permission';
import { InlineEditError } from './InlineEditError';
import { useInlineEdit } from './use-inline-edit';

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
  const permission = useEditPermission(doc);
  const edit = useInlineEdit({
    label,
    current: accountFieldToInput(value),
    parse: (draft) => parseAccountField(field, draft),
    write: (parsed) => saveAccountField(doc, field, parsed),
  });

  if (edit.draft === null) {
    return (
      <button
        ref={edit.buttonRef}
        type="button"
        className={`editable-value${value === '' ? ' muted' : ''}`}
        // The name holds the visible value too (WCAG 2.5.3, label in name), after the action it starts with.
        aria-label={`Edit ${label}: ${displayValue(field, value) || 'empty'}`}
        title={permission.allowed ? `Edit ${label}` : permission.reason}
        disabled={!permission.allowed}
        onClick={edit.start}
      >
        {displayValue(field, value)}
      </button>
    );
  }

  return (
    <span className="editable-editor">
      {input.kind === 'select' ? (
        <select {...edit.editorProps} value={edit.draft} onChange={(event) => edit.change(event.target.value)}>
          {input.options.map((option) => (
            <option key={option} value={option}>
              {field === 'lifecycleStage' ? humanize(option) : option}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...edit.editorProps}
          type={input.kind === 'date' ? 'date' : 'text'}
          inputMode={input.kind === 'number' ? 'decimal' : undefined}
          maxLength={input.kind === 'text' ? input.maxLength : undefined}
          value={edit.draft}
          onChange={(event) => edit.change(event.target.value)}
        />
      )}
      <InlineEditError edit={edit} />
    </span>
  );
}

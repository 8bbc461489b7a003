import type { RxDocument } from 'rxdb';
import type { Account } from '../../../../../common/model';
import type { CustomFieldKind } from '../../../../../common/book-views/custom-field-columns';
import { parseCustomField } from '../../../../../common/workbench/custom-field-edit';
import { useEditPermission } from '../../session/use-edit-permission';
import { saveCustomField } from './account-edits';
import { InlineEditError } from './InlineEditError';
import { useInlineEdit } from './use-inline-edit';

/**
 * One custom field shown as a button, edited in place like the account's own fields: Enter or click edits, Enter
 * saves, Escape cancels, leaving the field saves a change. The input is typed by the field's kind in the book (a
 * number, a date or text), validated before anything is written; the save can be undone from the toast.
 */
export function EditableCustomField({ doc, name, value, kind }: { doc: RxDocument<Account>; name: string; value: string; kind: CustomFieldKind }) {
  const permission = useEditPermission(doc);
  const edit = useInlineEdit({
    label: name,
    current: value,
    parse: (draft) => parseCustomField(name, kind, draft),
    write: (parsed) => saveCustomField(doc, name, parsed),
  });

  if (edit.draft === null) {
    return (
      <button
        ref={edit.buttonRef}
        type="button"
        className="editable-value"
        aria-label={`Edit ${name}: ${value}`}
        title={permission.allowed ? `Edit ${name}` : permission.reason}
        disabled={!permission.allowed}
        onClick={edit.start}
      >
        {value}
      </button>
    );
  }

  return (
    <span className="editable-editor">
      <input
        {...edit.editorProps}
        type={kind === 'date' ? 'date' : 'text'}
        inputMode={kind === 'number' ? 'decimal' : undefined}
        value={edit.draft}
        onChange={(event) => edit.change(event.target.value)}
      />
      <InlineEditError edit={edit} />
    </span>
  );
}

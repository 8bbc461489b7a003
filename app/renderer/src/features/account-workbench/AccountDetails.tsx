import type { RxDocument } from 'rxdb';
import { EDITABLE_ACCOUNT_FIELDS, type Account } from '../../../../../common/model';
import { ACCOUNT_FIELD_LABELS } from '../../../../../common/workbench/account-edit-schema';
import { EditableField } from './EditableField';

/** Every field a person may edit, each editable in place. */
export function AccountDetails({ doc }: { doc: RxDocument<Account> }) {
  return (
    <section className="panel" aria-labelledby="account-details-heading">
      <h2 id="account-details-heading">Account details</h2>
      <dl className="field-list">
        {EDITABLE_ACCOUNT_FIELDS.map((field) => (
          <div key={field} className="field-row">
            <dt>{ACCOUNT_FIELD_LABELS[field]}</dt>
            <dd>
              <EditableField doc={doc} field={field} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

import { useMemo } from 'react';
import type { RxDocument } from 'rxdb';
import type { Account } from '../../../../../common/model';
import { accountCustomFields, customFieldKinds } from '../../../../../common/book-views/custom-field-columns';
import { useAccountsStore } from '../../stores/accounts-store';
import { EditableCustomField } from './EditableCustomField';

/**
 * The columns of imported files kept on this account (custom fields), by name, each editable in place as the kind
 * its column has in the book (number, date or text); nothing when it has none.
 */
export function CustomFieldsPanel({ doc }: { doc: RxDocument<Account> }) {
  const fields = accountCustomFields({ customFields: doc.customFields });
  const accounts = useAccountsStore((state) => state.accounts);
  const namesKey = fields.map((f) => f.name).join('\u0000');
  const kinds = useMemo(() => customFieldKinds(accounts, namesKey === '' ? [] : namesKey.split('\u0000')), [accounts, namesKey]);
  if (fields.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="custom-fields-heading" data-testid="custom-fields">
      <h2 id="custom-fields-heading">Custom fields</h2>
      <p className="muted">Columns kept from imported files; show them in the Accounts grid with Columns.</p>
      <dl className="field-list">
        {fields.map(({ name, value }) => (
          <div key={name} className="field-row" data-field={name}>
            <dt>{name}</dt>
            <dd>
              <EditableCustomField doc={doc} name={name} value={value} kind={kinds.get(name) ?? 'text'} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

import type { Account } from '../../../../../common/model';
import { accountCustomFields } from '../../../../../common/book-views/custom-field-columns';

/** The columns of imported files kept on this account (custom fields), by name; nothing when it has none. */
export function CustomFieldsPanel({ account }: { account: Pick<Account, 'customFields'> }) {
  const fields = accountCustomFields(account);
  if (fields.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="custom-fields-heading" data-testid="custom-fields">
      <h2 id="custom-fields-heading">Custom fields</h2>
      <p className="muted">Columns kept from imported files; show them in the Accounts grid with Columns.</p>
      <dl className="field-list">
        {fields.map(({ name, value }) => (
          <div key={name} className="field-row" data-field={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

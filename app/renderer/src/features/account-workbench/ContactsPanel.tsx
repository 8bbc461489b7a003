import { CONTACT_ROLES, type Contact } from '../../../../../common/model';
import { formatIsoDate, humanize } from '../../../../../common/format/format';

function byStatusThenRole(a: Contact, b: Contact): number {
  if (a.status !== b.status) return a.status === 'active' ? -1 : 1;
  const role = CONTACT_ROLES.indexOf(a.role) - CONTACT_ROLES.indexOf(b.role);
  return role !== 0 ? role : a.name.localeCompare(b.name);
}

export function ContactsPanel({ contacts }: { contacts: readonly Contact[] | undefined }) {
  const sorted = contacts ? [...contacts].sort(byStatusThenRole) : [];
  return (
    <section className="panel" aria-labelledby="contacts-heading" data-testid="contacts-panel">
      <h2 id="contacts-heading">Contacts</h2>
      {contacts === undefined ? (
        <p className="muted">Loading…</p>
      ) : sorted.length === 0 ? (
        <p className="muted">No contacts recorded.</p>
      ) : (
        <ul className="contact-list">
          {sorted.map((contact) => (
            <li key={contact.id} className={contact.status === 'departed' ? 'contact departed' : 'contact'}>
              <div className="contact-name">
                <span>{contact.name}</span>
                <span className={`badge role-${contact.role}`}>{humanize(contact.role)}</span>
                {contact.status === 'departed' && (
                  <span className="badge badge-danger">
                    Departed{contact.departedOn ? ` ${formatIsoDate(contact.departedOn)}` : ''}
                  </span>
                )}
              </div>
              <div className="muted">
                {contact.title}
                {contact.title && contact.email ? ' · ' : ''}
                {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

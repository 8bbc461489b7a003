import { useId, useState, type FormEvent } from 'react';
import type { Account } from '../../../../../common/model';
import {
  ACTIVITY_BODY_MAX,
  ACTIVITY_SUBJECT_MAX,
  LOGGABLE_ACTIVITY_TYPES,
  parseActivityForm,
  toDateTimeLocal,
  type ActivityFormInput,
} from '../../../../../common/workbench/activity-form-schema';
import { humanize } from '../../../../../common/format/format';
import { stampNew } from '../../../../../common/db/stamp-writes';
import { useEditPermission } from '../../session/use-edit-permission';
import { useDatabase } from '../../db/database-context';
import { useUndoStore } from '../../stores/undo-store';

type Errors = Partial<Record<keyof ActivityFormInput | 'form', string>>;

const emptyForm = (): ActivityFormInput => ({ type: 'note', subject: '', body: '', occurredAt: toDateTimeLocal(new Date()) });

/** Adds a note or logs an email, call, meeting or QBR; saved at once, undoable. */
export function ActivityForm({ account }: { account: Pick<Account, 'id' | 'ownerId' | 'teamId'> }) {
  const db = useDatabase();
  const pushUndo = useUndoStore((state) => state.push);
  const permission = useEditPermission(account);
  const [form, setForm] = useState<ActivityFormInput>(emptyForm);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const ids = { type: useId(), date: useId(), subject: useId(), body: useId(), error: useId() };

  const update = (key: keyof ActivityFormInput) => (event: { target: { value: string } }) => {
    setForm((current) => ({ ...current, [key]: event.target.value }));
    setErrors((current) => ({ ...current, [key]: undefined, form: undefined }));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseActivityForm(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    const { type, subject, body, occurredAt } = parsed.values;
    const id = crypto.randomUUID();
    setSaving(true);
    try {
      await db.activities.insert(
        stampNew({
          id,
          externalId: '',
          accountId: account.id,
          type,
          occurredAt,
          subject,
          body,
          actorName: 'You',
          result: '',
          ownerId: account.ownerId,
          teamId: account.teamId,
        }),
      );
      pushUndo({
        label: type === 'note' ? 'Added note' : `Logged ${humanize(type)}`,
        undo: async () => {
          const doc = await db.activities.findOne(id).exec();
          await doc?.remove();
        },
      });
      setForm({ ...emptyForm(), type });
      setErrors({});
    } catch (cause) {
      setErrors({ form: `Could not save: ${cause instanceof Error ? cause.message : String(cause)}` });
    } finally {
      setSaving(false);
    }
  };

  const invalid = (key: keyof ActivityFormInput) =>
    errors[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${ids.error}-${key}` } : {};
  const errorText = (key: keyof ActivityFormInput) =>
    errors[key] && (
      <span id={`${ids.error}-${key}`} className="error-text field-error" role="alert">
        {errors[key]}
      </span>
    );

  return (
    <section className="panel" aria-labelledby="log-activity-heading">
      <h2 id="log-activity-heading">Log activity</h2>
      <form className="activity-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="form-row">
          <div className="form-field">
            <label htmlFor={ids.type}>Type</label>
            <select id={ids.type} value={form.type} onChange={update('type')} {...invalid('type')}>
              {LOGGABLE_ACTIVITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {humanize(type)}
                </option>
              ))}
            </select>
            {errorText('type')}
          </div>
          <div className="form-field">
            <label htmlFor={ids.date}>Date</label>
            <input id={ids.date} type="datetime-local" value={form.occurredAt} onChange={update('occurredAt')} {...invalid('occurredAt')} />
            {errorText('occurredAt')}
          </div>
          <div className="form-field grow">
            <label htmlFor={ids.subject}>Subject</label>
            <input
              id={ids.subject}
              type="text"
              value={form.subject}
              maxLength={ACTIVITY_SUBJECT_MAX}
              onChange={update('subject')}
              {...invalid('subject')}
            />
            {errorText('subject')}
          </div>
        </div>
        <div className="form-field">
          <label htmlFor={ids.body}>Note</label>
          <textarea
            id={ids.body}
            rows={3}
            value={form.body}
            maxLength={ACTIVITY_BODY_MAX}
            onChange={update('body')}
            {...invalid('body')}
          />
          {errorText('body')}
        </div>
        {errors.form && (
          <p className="error-text" role="alert">
            {errors.form}
          </p>
        )}
        <div>
          <button type="submit" className="primary" disabled={saving || !permission.allowed} title={permission.reason}>
            {form.type === 'note' ? 'Add note' : 'Log activity'}
          </button>
          {!permission.allowed && <span className="muted"> {permission.reason}</span>}
        </div>
      </form>
    </section>
  );
}

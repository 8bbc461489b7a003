import { useState, type FormEvent } from 'react';
import type { SavedImportTemplate } from '../../../../../common/import/saved-templates';

interface Props {
  prefix: string;
  /** The saved templates of files with these headers, newest first. */
  matches: readonly SavedImportTemplate[];
  /** The template the file is set up from, if any. */
  appliedId: string | undefined;
  /** Set the file up from a template, or (null) as Outpost guesses it. */
  onApply(template: SavedImportTemplate | null): void;
  /** Saves the file's setup under a name; resolves to why it was refused, or null. */
  onSave(name: string): Promise<string | null>;
  onDelete(template: SavedImportTemplate): void;
}

/** Offers the person's saved templates for a file with these headers, and saves the file's setup as one. */
export function SavedTemplateBar({ prefix, matches, appliedId, onApply, onSave, onDelete }: Props) {
  const applied = matches.find((t) => t.id === appliedId);
  const [name, setName] = useState(applied?.name ?? '');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    const refused = await onSave(trimmed);
    setMessage(refused ? { error: true, text: refused } : { error: false, text: `Saved as template “${trimmed}”: files with these columns will be set up this way.` });
  }

  return (
    <div className="import-templates" data-testid={`${prefix}-templates`}>
      {matches.length > 0 && (
        <label>
          Set up from{' '}
          <select
            data-testid={`${prefix}-template`}
            value={applied?.id ?? ''}
            onChange={(e) => onApply(matches.find((t) => t.id === e.target.value) ?? null)}
          >
            <option value="">Outpost’s own guess</option>
            {matches.map((t) => (
              <option key={t.id} value={t.id}>
                your template “{t.name}”
              </option>
            ))}
          </select>
        </label>
      )}
      {applied && (
        <button type="button" data-testid={`${prefix}-template-delete`} onClick={() => onDelete(applied)}>
          Delete template
        </button>
      )}
      <form className="import-template-save" onSubmit={(e) => void save(e)}>
        <label>
          Save this setup as a template{' '}
          <input
            data-testid={`${prefix}-template-name`}
            value={name}
            maxLength={80}
            placeholder="e.g. CRM monthly accounts"
            onChange={(e) => setName(e.target.value)}
          />
        </label>{' '}
        <button type="submit" data-testid={`${prefix}-template-save`} disabled={name.trim() === ''}>
          Save template
        </button>
      </form>
      {message && (
        <span role="status" className={message.error ? 'error-text' : 'muted'} data-testid={`${prefix}-template-message`}>
          {message.text}
        </span>
      )}
    </div>
  );
}

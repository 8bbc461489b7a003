import type { FormEvent } from 'react';

interface NameFormProps {
  /** What is named ("View name", "Segment name"): the field's label and placeholder. */
  label: string;
  /** The form's accessible name, when it should have one. */
  formLabel?: string;
  submitText: string;
  maxLength: number;
  name: string;
  onNameChange(name: string): void;
  onSubmit(event: FormEvent): void;
  /** Cancel, and Escape in the field. */
  onCancel(): void;
}

/** The grid toolbar's inline "name it and save" form (saved views, segments). */
export function NameForm({ label, formLabel, submitText, maxLength, name, onNameChange, onSubmit, onCancel }: NameFormProps) {
  return (
    <form className="saved-views-form" aria-label={formLabel} onSubmit={onSubmit}>
      <input
        aria-label={label}
        placeholder={label}
        value={name}
        autoFocus
        maxLength={maxLength}
        onChange={(event) => onNameChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      />
      <button type="submit" className="primary" disabled={name.trim() === ''}>
        {submitText}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

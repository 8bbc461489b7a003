import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useUndoStore, type ReversibleAction } from '../../stores/undo-store';

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The edit-in-place state of one field shown as a button (the account's own fields and its custom fields): Enter or
 * click edits, Enter saves, Escape cancels, leaving the field saves a change; the draft is validated before anything
 * is written, a failed save says why, focus returns to the button, and the save's undo goes to the toast.
 */
export function useInlineEdit<T>({ label, current, parse, write }: {
  label: string;
  /** The stored value as the input shows it. */
  current: string;
  parse(draft: string): Parsed<T>;
  write(value: T): Promise<ReversibleAction | null>;
}) {
  const pushUndo = useUndoStore((state) => state.push);
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
    const parsed = parse(draft);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setSaving(true);
    try {
      const action = await write(parsed.value);
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
    if (draft === current) close(false);
    else void save(false);
  };

  return {
    draft,
    error,
    saving,
    buttonRef,
    errorId,
    start: () => setDraft(current),
    change: (next: string) => {
      setDraft(next);
      setError(null);
    },
    onKeyDown,
    onBlur,
    /** What the field's input (or select) takes from the edit: its name, error wiring, focus, keys and blur. */
    editorProps: {
      'aria-label': `Edit ${label}`,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? errorId : undefined,
      autoFocus: true,
      disabled: saving,
      onKeyDown,
      onBlur,
    } as const,
  };
}

import { useEffect } from 'react';
import { useUndoStore } from '../stores/undo-store';
import './undo-toast.css';

const NOTICE_MS = 6000;

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/** Ctrl+Z / Cmd+Z reverts the last change, except while typing, where the field's own undo applies. */
export function useUndoShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || event.shiftKey || event.altKey) return;
      if (!(event.ctrlKey || event.metaKey) || isTextEntry(event.target)) return;
      if (useUndoStore.getState().stack.length === 0) return;
      event.preventDefault();
      void useUndoStore.getState().undoLast();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** The live region announcing saved changes, with Undo for the latest one. */
export function UndoToast() {
  const notice = useUndoStore((state) => state.notice);
  const undoLast = useUndoStore((state) => state.undoLast);
  const dismiss = useUndoStore((state) => state.dismiss);
  useUndoShortcut();

  // The stack outlives the page (its actions stay valid), but an old notice should not greet the next visit.
  useEffect(() => dismiss, [dismiss]);

  useEffect(() => {
    if (!notice || notice.undoable) return;
    const timer = window.setTimeout(dismiss, NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notice, dismiss]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {notice && (
        <div data-testid="undo-toast" className={`toast toast-${notice.tone}`}>
          <span>{notice.text}</span>
          {notice.undoable && (
            <>
              <span aria-hidden="true">·</span>
              <button type="button" className="toast-undo" onClick={() => void undoLast()} title="Undo (Ctrl+Z)">
                Undo
              </button>
            </>
          )}
          <button type="button" className="toast-dismiss" onClick={dismiss} aria-label="Dismiss notification">
            ×
          </button>
        </div>
      )}
    </div>
  );
}

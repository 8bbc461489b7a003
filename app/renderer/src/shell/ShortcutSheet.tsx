import { useEffect, useRef, useState } from 'react';
import { SHORTCUT_GROUPS, isTypingTarget } from './shortcuts';

/**
 * The keyboard shortcut sheet: `?` anywhere (outside text fields) or the navigation's "Keyboard shortcuts" button
 * opens it; Escape, `?` again or Close shuts it. A native modal <dialog>: focus moves in, is kept in, and goes back.
 */
export function ShortcutSheet() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      event.preventDefault();
      setOpen((was) => !was);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button type="button" className="shortcuts-button" onClick={() => setOpen(true)} aria-keyshortcuts="?">
        Keyboard shortcuts (?)
      </button>
      <dialog ref={dialogRef} className="shortcut-sheet" aria-labelledby="shortcut-sheet-title" onClose={() => setOpen(false)} data-testid="shortcut-sheet">
        <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
        <div className="shortcut-groups">
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group.title} aria-label={group.title}>
              <h3>{group.title}</h3>
              <dl>
                {group.shortcuts.map((shortcut) => (
                  <div key={shortcut.keys + shortcut.does} className="shortcut-row">
                    <dt>
                      <kbd>{shortcut.keys}</kbd>
                    </dt>
                    <dd>{shortcut.does}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <button type="button" className="primary" onClick={() => setOpen(false)}>
          Close
        </button>
      </dialog>
    </>
  );
}

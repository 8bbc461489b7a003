import { NAV_SECTIONS } from './nav-sections';

export interface Shortcut {
  keys: string;
  does: string;
}
export interface ShortcutGroup {
  title: string;
  shortcuts: readonly Shortcut[];
}

/** Every keyboard shortcut of the workbench, as the `?` sheet lists them (the handlers live with their features). */
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: '?', does: 'Show or hide this list of shortcuts' },
      ...NAV_SECTIONS.map((section) => ({ keys: `Alt+${section.shortcut}`, does: `Go to ${section.label}` })),
      { keys: 'Ctrl+Z (⌘Z)', does: 'Undo the last change (an edit, an acknowledged alert), outside text fields' },
      { keys: 'Escape', does: 'Close a dialog or popover (Columns, this list)' },
    ],
  },
  {
    title: 'Accounts grid (once focused: Tab to it)',
    shortcuts: [
      { keys: '↑ ↓', does: 'Move between accounts' },
      { keys: 'Page Up / Page Down', does: 'Move a screen at a time' },
      { keys: 'Home / End', does: 'First / last account' },
      { keys: 'Enter', does: 'Open the account' },
      { keys: 'Space', does: 'Select or unselect the account' },
      { keys: 'Shift+click a header', does: 'Add the column to the sort' },
    ],
  },
  {
    title: 'Account page',
    shortcuts: [
      { keys: 'Enter', does: 'Save a field being edited' },
      { keys: 'Escape', does: 'Cancel the edit' },
    ],
  },
];

/** True when a key press belongs to what the person is typing, so a shortcut must not take it. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

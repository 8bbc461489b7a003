import { FEATURES } from '../features';

/** A navigation entry, contributed by a feature's manifest (`nav`). */
export interface NavSection {
  path: string;
  label: string;
  /** Alt+<key> jumps to the section: a digit or an upper-case letter. */
  shortcut: string;
}

/**
 * The physical key of a shortcut (`KeyboardEvent.code`): matched by key position, so Alt+N is Alt+N on a Mac too, where
 * Option+N types a character instead of "n".
 */
export function shortcutCode(shortcut: string): string {
  return /^[0-9]$/.test(shortcut) ? `Digit${shortcut}` : `Key${shortcut.toUpperCase()}`;
}

export const NAV_SECTIONS: readonly NavSection[] = FEATURES.flatMap((feature) => (feature.nav ? [feature.nav] : []));

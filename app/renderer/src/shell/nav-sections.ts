import { FEATURES } from '../features';

/** A navigation entry, contributed by a feature's manifest (`nav`). */
export interface NavSection {
  path: string;
  label: string;
  /** Alt+<key> jumps to the section. */
  shortcut: string;
}

export const NAV_SECTIONS: readonly NavSection[] = FEATURES.flatMap((feature) => (feature.nav ? [feature.nav] : []));

/**
 * The navigation shell. Sections appear here only once they exist (Playbooks, Calendar and Analytics arrive with
 * later issues and are added to this list then).
 */
export interface NavSection {
  path: string;
  label: string;
  /** Alt+<key> jumps to the section. */
  shortcut: string;
}

export const NAV_SECTIONS: readonly NavSection[] = [
  { path: '/', label: 'Dashboard', shortcut: '1' },
  { path: '/accounts', label: 'Accounts', shortcut: '2' },
  { path: '/alerts', label: 'Alerts', shortcut: '3' },
  { path: '/opportunities', label: 'Opportunities', shortcut: '4' },
  { path: '/scoring', label: 'Scoring', shortcut: '8' },
  { path: '/settings', label: 'Settings', shortcut: '9' },
];

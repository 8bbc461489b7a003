import { pagesIn } from './ui-pages';

// The pages for acting on the book and reading the team's numbers in the dark theme: axe-core (no serious or critical
// violation), no text overflowing its box, screenshots kept under test-results/, and no console error or warning.
pagesIn('dark', ['my-day', 'segments', 'playbooks', 'calendar', 'analytics', 'import']);

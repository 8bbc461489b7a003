import { pagesIn } from './ui-pages';

// The pages for acting on the book and reading the team's numbers in the light theme: axe-core (no serious or critical
// violation), no text overflowing its box, screenshots kept under test-results/, and no console error or warning.
pagesIn('light', ['my-day', 'segments', 'playbooks', 'calendar', 'analytics', 'import']);

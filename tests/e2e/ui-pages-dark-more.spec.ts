import { pagesIn } from './ui-pages';

// The other pages in the dark theme: axe-core (no serious or critical violation), no text overflowing its box,
// screenshots at 1440 x 900 and 1280 x 800 kept under test-results/, and no console error or warning.
pagesIn('dark', ['alerts', 'opportunities', 'scoring', 'settings']);

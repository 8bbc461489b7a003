import { everyPageIn } from './ui-pages';

// Every page in the light theme: axe-core (no serious or critical violation), no text overflowing its box, screenshots
// at 1440 x 900 and 1280 x 800 kept under test-results/, and no console error or warning (the fixtures' guard).
everyPageIn('light');

// The entry holds only what opens the book (open-early): IndexedDB starts opening it and reading the grid's accounts
// once the database code alone has been parsed and run; the rest of the app (React, the shell, the grid) is loaded,
// parsed and evaluated while IndexedDB reads.
import { readUnderWay } from './db/open-early';
import './theme.css';

void readUnderWay
  .then(() => import('./start-app'))
  .catch((error: unknown) => {
    // The app chunk could not load (e.g. a damaged install): say so instead of leaving an empty window.
    console.error('Outpost: the app could not start', error);
    const root = document.getElementById('root');
    if (!root) return;
    root.setAttribute('role', 'alert');
    root.textContent = `Outpost could not start: ${error instanceof Error ? error.message : String(error)}. Reload the window to try again.`;
  });

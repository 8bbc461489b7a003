// The entry holds only what opens the book (open-early): IndexedDB starts opening it and reading the grid's accounts
// once the database code alone has been parsed and run; the rest of the app (React, the shell, the grid) is loaded,
// parsed and evaluated while IndexedDB reads.
import { readUnderWay } from './db/open-early';
import './theme.css';

void readUnderWay.then(() => import('./start-app'));

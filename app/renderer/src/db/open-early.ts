import { openLocalBook } from './local-book';

// Imported first by main.tsx: IndexedDB starts opening the book while the rest of the app (React, the pages) is still
// being evaluated, instead of after the first render. BookLoader awaits the same promise and reports any failure.
openLocalBook().catch(() => {});

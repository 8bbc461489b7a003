import { BehaviorSubject, distinctUntilChanged, filter, firstValueFrom, map, type Observable } from 'rxjs';

/**
 * A long run of writes under way on a database (an import's commit): watchers that react to every write (the scoring
 * engine) wait while it lasts and react once at the end, instead of re-reading the book after every chunk and
 * competing with the writes for IndexedDB and the main thread. Per database object; nothing is stored.
 */
const holds = new WeakMap<object, BehaviorSubject<number>>();

function counter(db: object): BehaviorSubject<number> {
  let subject = holds.get(db);
  if (!subject) holds.set(db, (subject = new BehaviorSubject(0)));
  return subject;
}

/** Starts a hold; the returned release ends it (calling it again does nothing). Holds nest. */
export function holdReactions(db: object): () => void {
  const subject = counter(db);
  subject.next(subject.value + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    subject.next(subject.value - 1);
  };
}

/** Whether a hold is under way now. */
export function reactionsHeld(db: object): boolean {
  return counter(db).value > 0;
}

/** Emits whether a hold is under way, now and at every change. */
export function reactionsHeld$(db: object): Observable<boolean> {
  return counter(db).pipe(
    map((n) => n > 0),
    distinctUntilChanged(),
  );
}

/** Resolves once no hold is under way (at once when none is). */
export async function reactionsFree(db: object): Promise<void> {
  await firstValueFrom(reactionsHeld$(db).pipe(filter((isHeld) => !isHeld)));
}

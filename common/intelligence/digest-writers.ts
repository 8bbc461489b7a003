/**
 * Who writes feature digests on one database object (a page or a worker), so that a digest built from history read
 * before a DigestsAlongWrites session wrote more history is never stored where the session's claim vouches for it.
 *
 * While a session runs (from its open to its close), a refresh or a rescore of the same database object stores none
 * of the digests it built (they are used for that run only): it may have read an account's history before the session
 * wrote it, and the session's claim would vouch for its stale digest. A rescore that read before a session began or
 * ended stores nothing either (the epoch moved). A session opens once the refreshes under way have settled, so it
 * reads the meta they leave. Another window or worker is covered by the claim's compare-and-set on the meta
 * (DigestStore.claim): a refresh there that stored digests also rewrites the meta, and the claim then gives up.
 * In memory only: nothing here outlives the page.
 */
interface Writers {
  sessions: number;
  epoch: number;
  refreshes: Set<Promise<unknown>>;
}

const writers = new WeakMap<object, Writers>();

function writersOf(db: object): Writers {
  let state = writers.get(db);
  if (!state) writers.set(db, (state = { sessions: 0, epoch: 0, refreshes: new Set() }));
  return state;
}

/** A session begins; the returned function ends it (calling it again does nothing). */
export function beginDigestSession(db: object): () => void {
  const state = writersOf(db);
  state.sessions += 1;
  state.epoch += 1;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    state.sessions -= 1;
    state.epoch += 1;
  };
}

/** Where the sessions stand now: taken before reading raw history, handed to mayStoreDigests before storing. */
export const digestEpoch = (db: object): number => writersOf(db).epoch;

/** Whether digests built from history read at `readAt` may be stored now: no session runs, none began or ended since. */
export function mayStoreDigests(db: object, readAt: number): boolean {
  const state = writersOf(db);
  return state.sessions === 0 && state.epoch === readAt;
}

/** Counts a refresh as under way until it settles (a session opening waits for it). */
export function trackRefresh<T>(db: object, refresh: Promise<T>): Promise<T> {
  const { refreshes } = writersOf(db);
  refreshes.add(refresh);
  const settled = () => void refreshes.delete(refresh);
  refresh.then(settled, settled);
  return refresh;
}

/** Resolves once every refresh under way now has settled. */
export async function refreshesSettled(db: object): Promise<void> {
  await Promise.allSettled([...writersOf(db).refreshes]);
}

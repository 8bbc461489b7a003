/**
 * Catching a team replica up with its server: resolves once the device holds what the server held when it was
 * called. The playbook engine waits for it before it decides anything for an account that just arrived by sync (a
 * re-assignment), since that account's executions replicate on their own and may not be here yet.
 */

/** What a replication offers to catch up with (RxDB's RxReplicationState). */
export interface CatchingUp {
  reSync(): void;
  awaitInSync(): Promise<unknown>;
}

/** Pulls again from each replication's checkpoint and resolves when all are in sync (never, while offline). */
export async function catchUpReplications(states: readonly CatchingUp[]): Promise<void> {
  for (const state of states) state.reSync();
  await Promise.all(states.map((state) => state.awaitInSync()));
}

const registered = new WeakMap<object, () => Promise<void>>();

/** The team replication of `db` says how to catch it up; the returned function withdraws it. */
export function registerCatchUp(db: object, catchUp: () => Promise<void>): () => void {
  registered.set(db, catchUp);
  return () => {
    if (registered.get(db) === catchUp) registered.delete(db);
  };
}

/** How to catch `db` up with its server, or null for a book that does not sync (nothing can arrive late). */
export function catchUpOf(db: object): (() => Promise<void>) | null {
  return registered.get(db) ?? null;
}

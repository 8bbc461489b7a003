import { useEffect } from 'react';
import { create } from 'zustand';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import type { Execution } from '../../../../../common/playbooks/execution';
import { useDatabase } from '../../db/database-context';

/**
 * The book's playbook executions as the console's intervention success reads them, followed for the session (not per
 * mount): the same array until an execution is written, so the console's figures kept per book version are found
 * again when the console opens again. Null until the first read.
 */
export const useConsoleExecutions = create<{ executions: readonly Execution[] | null }>(() => ({ executions: null }));

let followed: { db: OutpostDatabase; unsubscribe(): void } | null = null;

/** Follows the database's executions for the session (once per database; a second call is a no-op). */
export function followExecutions(db: OutpostDatabase): void {
  if (followed?.db === db) return;
  followed?.unsubscribe();
  useConsoleExecutions.setState({ executions: null });
  let byId = new Map<string, Execution>();
  const subscription = db.executions.find().$.subscribe((docs) => {
    const next = new Map<string, Execution>();
    let changed = docs.length !== byId.size;
    const list = docs.map((doc) => {
      const before = byId.get(doc.id);
      // An unwritten document keeps its stamp: the object read before is used again.
      const execution = before && before.updatedAt === doc.updatedAt ? before : (doc.toJSON() as unknown as Execution);
      if (execution !== before) changed = true;
      next.set(execution.id, execution);
      return execution;
    });
    byId = next;
    if (!changed && useConsoleExecutions.getState().executions !== null) return;
    // Newest first, as the playbooks pages list them.
    useConsoleExecutions.setState({ executions: list.sort((a, b) => b.startedAt.localeCompare(a.startedAt)) });
  });
  followed = { db, unsubscribe: () => subscription.unsubscribe() };
}

/** The executions (null until read), following the database from the first call on. */
export function useExecutionsForConsole(): readonly Execution[] | null {
  const db = useDatabase();
  useEffect(() => followExecutions(db), [db]);
  return useConsoleExecutions((s) => s.executions);
}

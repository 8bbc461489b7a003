import { useEffect, useState } from 'react';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { stampChanges } from '../../../../../common/db/stamp-writes';
import type { Task } from '../../../../../common/tasks/task';
import { useDatabase } from '../../db/database-context';

/** Live open tasks, soonest due first. */
export function useOpenTasks(): Task[] | undefined {
  const db = useDatabase();
  const [tasks, setTasks] = useState<Task[]>();
  useEffect(() => {
    const sub = db.tasks.find({ selector: { status: 'open' }, sort: [{ dueDate: 'asc' }] }).$.subscribe((docs) => setTasks(docs.map((d) => d.toJSON() as unknown as Task)));
    return () => sub.unsubscribe();
  }, [db]);
  return tasks;
}

/** Changes several tasks at once (bulk close / assign), each as a stamped edit. Returns how many changed. */
export async function updateTasks(db: OutpostDatabase, ids: readonly string[], changes: Partial<Task>): Promise<number> {
  let changed = 0;
  for (const doc of await db.tasks.findByIds([...ids]).exec().then((m) => [...m.values()])) {
    await doc.incrementalPatch(stampChanges(doc.fieldStamps, changes) as Partial<Task>);
    changed++;
  }
  return changed;
}

export type DayGroup = 'overdue' | 'today' | 'upcoming';

export function groupOf(task: Pick<Task, 'dueDate'>, today: string): DayGroup {
  return task.dueDate < today ? 'overdue' : task.dueDate === today ? 'today' : 'upcoming';
}

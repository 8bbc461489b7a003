import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'wouter';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import type { Task } from '../../../../../common/tasks/task';
import { useDatabase } from '../../db/database-context';
import { LOCAL_USER } from '../../session/local-user';
import { useSyncSession } from '../../session/session-store';
import { groupOf, updateTasks, useOpenTasks, type DayGroup } from './task-data';
import '../../components/data-table.css';
import './tasks.css';

const GROUPS: { id: DayGroup; label: string }[] = [
  { id: 'overdue', label: 'Overdue' },
  { id: 'today', label: 'Due today' },
  { id: 'upcoming', label: 'Upcoming' },
];

/**
 * "My day": the CSM's open tasks, overdue / due today / upcoming, with bulk close and assign. Keyboard first:
 * ↑/↓ (or j/k) move, x or Space selects, Enter or c completes the focused task (or the selection), a assigns.
 * Completing a task a playbook created advances its execution (the engine sees the change).
 */
export function MyDayPage() {
  const db = useDatabase();
  const session = useSyncSession((s) => s.session);
  const me = session ? session.user.id : LOCAL_USER.ownerId;
  const tasks = useOpenTasks();
  const [scope, setScope] = useState<'mine' | 'team'>('mine');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [assignee, setAssignee] = useState('');
  const [message, setMessage] = useState('');
  const today = todayIsoDate();
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);

  const shown = useMemo(() => {
    // On the device's own book every task is the person's; on a team, "mine" is what is assigned to me.
    const mine = (t: Task) => !session || t.assigneeId === me;
    const list = (tasks ?? []).filter((t) => scope === 'team' || mine(t));
    const order: Record<DayGroup, number> = { overdue: 0, today: 1, upcoming: 2 };
    return list.sort((a, b) => order[groupOf(a, today)] - order[groupOf(b, today)] || a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title));
  }, [tasks, scope, session, me, today]);

  const targets = (fallback?: Task) => (selected.size ? [...selected] : fallback ? [fallback.id] : []);
  const complete = async (fallback?: Task) => {
    const ids = targets(fallback);
    if (!ids.length) return;
    const n = await updateTasks(db, ids, { status: 'done', completedAt: new Date().toISOString() });
    setSelected(new Set());
    setMessage(`Completed ${n} ${n === 1 ? 'task' : 'tasks'}`);
  };
  const assign = async () => {
    const ids = targets(shown[focus]);
    if (!ids.length || !assignee.trim()) return setMessage('Type who to assign to, then assign.');
    const n = await updateTasks(db, ids, { assigneeId: assignee.trim(), assigneeName: assignee.trim() });
    setSelected(new Set());
    setMessage(`Assigned ${n} to ${assignee.trim()}`);
  };
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const move = (to: number) => {
    const index = Math.max(0, Math.min(shown.length - 1, to));
    setFocus(index);
    rowRefs.current[index]?.focus();
  };
  const onKey = (event: KeyboardEvent, task: Task, index: number) => {
    if (event.target instanceof HTMLInputElement && event.key !== 'Enter') return;
    const key = event.key;
    if (key === 'ArrowDown' || key === 'j') move(index + 1);
    else if (key === 'ArrowUp' || key === 'k') move(index - 1);
    else if (key === 'x' || key === ' ') toggle(task.id);
    else if (key === 'Enter' || key === 'c') void complete(task);
    else if (key === 'a') document.getElementById('assign-to')?.focus();
    else return;
    event.preventDefault();
  };

  let row = -1;
  return (
    <div className="page">
      <h1>My day</h1>
      <p className="muted">↑/↓ move · x select · Enter complete · a assign</p>
      <div role="tablist" aria-label="Whose tasks">
        <button role="tab" aria-selected={scope === 'mine'} className={scope === 'mine' ? 'primary' : ''} onClick={() => setScope('mine')}>
          My tasks
        </button>
        <button role="tab" aria-selected={scope === 'team'} className={scope === 'team' ? 'primary' : ''} onClick={() => setScope('team')}>
          Team’s tasks
        </button>
      </div>
      <div className="task-bulk" aria-label="Bulk actions">
        <span>{selected.size} selected</span>
        <button disabled={!selected.size} onClick={() => void complete()}>
          Complete selected
        </button>
        <input id="assign-to" aria-label="Assign to" placeholder="user id" value={assignee} onChange={(e) => setAssignee(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void assign()} />
        <button onClick={() => void assign()}>Assign</button>
      </div>
      <p role="status" aria-live="polite" className="muted">
        {message}
      </p>
      {tasks === undefined ? (
        <p className="muted" aria-busy="true">Loading tasks…</p>
      ) : shown.length === 0 ? (
        <p className="muted">Nothing to do. Playbooks put their tasks here.</p>
      ) : (
        GROUPS.map((group) => {
          const items = shown.filter((t) => groupOf(t, today) === group.id);
          if (!items.length) return null;
          return (
            <section key={group.id} aria-label={group.label} data-testid={`tasks-${group.id}`}>
              <h2>
                {group.label} ({items.length})
              </h2>
              <table className="data-table">
                <tbody>
                  {items.map((task) => {
                    row++;
                    const index = row;
                    return (
                      <tr
                        key={task.id}
                        ref={(el) => {
                          rowRefs.current[index] = el;
                        }}
                        tabIndex={index === focus ? 0 : -1}
                        onKeyDown={(e) => onKey(e, task, index)}
                        onFocus={() => setFocus(index)}
                        data-testid="task"
                        className={`task-row priority-${task.priority}`}
                        aria-selected={selected.has(task.id)}
                      >
                        <td>
                          <input type="checkbox" aria-label={`Select ${task.title}`} checked={selected.has(task.id)} onChange={() => toggle(task.id)} tabIndex={-1} />
                        </td>
                        <td>
                          <strong>{task.title}</strong>
                          {task.mailto && (
                            <>
                              {' '}
                              <a href={task.mailto}>Open email draft</a>
                            </>
                          )}
                          <div className="muted">
                            <Link href={`/accounts/${task.accountId}`}>{task.accountName}</Link> · {task.type} · {task.priority} · due {task.dueDate}
                            {task.executionId && ' · from a playbook'}
                            {task.meetingId && ' · from a meeting'}
                            {scope === 'team' && ` · ${task.assigneeName}`}
                          </div>
                        </td>
                        <td className="actions">
                          <button tabIndex={-1} onClick={() => void complete(task)} aria-label={`Complete ${task.title}`}>
                            Done
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          );
        })
      )}
    </div>
  );
}

import { Link } from 'wouter';
import type { Execution } from '../../../../../common/playbooks/execution';
import { OUTCOMES, playbookSchema } from '../../../../../common/playbooks/playbook-definition';
import { cancelExecution, pauseExecution, resumeExecution, skipStep } from '../../../../../common/playbooks/run-execution';
import { useDatabase } from '../../db/database-context';
import { updateExecution, usePlaybookDocs } from './playbook-data';
import { usePlaybookEngine } from './engine-store';
import '../../components/data-table.css';
import './playbooks.css';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const fmt = (iso: string) => (iso ? when.format(new Date(iso)) : '');

/**
 * Executions with their steps (what happened and when), what comes next, and pause / resume / cancel / skip.
 * A person's change is a stamped edit of the execution; the engine picks it up from the change stream.
 */
export function ExecutionList({
  executions,
  showAccount,
  empty = 'No playbook has run here yet.',
}: {
  executions: readonly Execution[];
  showAccount: boolean;
  /** What to say when there are none. */
  empty?: string;
}) {
  const db = useDatabase();
  const docs = usePlaybookDocs();
  const engine = usePlaybookEngine((s) => s.engine);
  const definition = (e: Execution) => {
    const doc = docs?.find((d) => d.id === `${e.playbookId}@${e.playbookVersion}`);
    const parsed = doc && playbookSchema.safeParse(doc.definition);
    return parsed?.success ? parsed.data : undefined;
  };
  const apply = async (e: Execution, next: Partial<Execution>) => {
    await updateExecution(db, e, next);
    await engine?.tick();
  };
  if (executions.length === 0) return <p className="muted" data-testid="executions-empty">{empty}</p>;
  return (
    <ul className="execution-list" aria-label="Executions">
      {executions.map((e) => {
        const playbook = definition(e);
        const now = new Date().toISOString();
        const current = playbook?.steps.find((s) => s.id === e.currentStepId);
        return (
          <li key={e.id} className={`execution execution-${e.status}`} data-testid="execution" data-status={e.status}>
            <div className="execution-head">
              <strong>{e.playbookName}</strong> <span className="muted">v{e.playbookVersion}</span>
              {showAccount && (
                <>
                  {' '}
                  on <Link href={`/accounts/${e.accountId}`}>{e.accountName}</Link>
                </>
              )}{' '}
              <span className={`status-pill status-${e.status}`}>{e.status}</span>
              {e.outcome && <span className="muted"> outcome: {e.outcome}</span>}
            </div>
            {e.error && (
              <p className="notice" role="alert">
                {e.error.code}: {e.error.message}
              </p>
            )}
            <ol className="execution-log">
              {e.log.map((entry, i) => (
                <li key={i}>
                  <span className="muted">{fmt(entry.at)}</span> {entry.stepId} — {entry.detail}
                </li>
              ))}
            </ol>
            {(e.status === 'running' || e.status === 'waiting' || e.status === 'paused') && (
              <p className="muted" data-testid="execution-next">
                Next: {current ? `${current.title ?? current.id} (${current.type})` : e.currentStepId}
                {e.nextWakeAt ? `, due ${fmt(e.nextWakeAt)}` : e.awaitingTaskId ? ', when its task is completed' : ''}
              </p>
            )}
            <div className="execution-actions">
              {(e.status === 'running' || e.status === 'waiting') && <button onClick={() => apply(e, pauseExecution(e))}>Pause</button>}
              {e.status === 'paused' && <button onClick={() => apply(e, resumeExecution(e, now))}>Resume</button>}
              {playbook && (e.status === 'running' || e.status === 'waiting' || e.status === 'paused') && current?.type !== 'end' && (
                <button onClick={() => apply(e, skipStep(e, playbook, now))}>Skip step</button>
              )}
              {(e.status === 'running' || e.status === 'waiting' || e.status === 'paused') && <button onClick={() => apply(e, cancelExecution(e, now))}>Cancel</button>}
              {(e.status === 'completed' || e.status === 'cancelled' || e.status === 'failed') && (
                <label>
                  Outcome{' '}
                  <select value={e.outcome} onChange={(ev) => void updateExecution(db, e, { outcome: ev.target.value as Execution['outcome'] })}>
                    <option value="">not known yet</option>
                    {OUTCOMES.map((o) => (
                      <option key={o}>{o}</option>
                    ))}
                  </select>
                </label>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

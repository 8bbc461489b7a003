import { useMemo, useState } from 'react';
import { playbookSchema } from '../../../../../common/playbooks/playbook-definition';
import type { Account } from '../../../../../common/model';
import { runningEngine, usePlaybookEngine, WAITING_FOR_AUTOMATION } from './engine-store';
import { ExecutionList } from './ExecutionList';
import { latestVersions, useExecutions, usePlaybookDocs } from './playbook-data';
import './playbooks.css';

/** The workbench's "Intervention actions": the account's active and past playbook runs, and a manual start. */
export function InterventionsPanel({ account }: { account: Account }) {
  const executions = useExecutions({ accountId: account.id });
  const docs = usePlaybookDocs();
  const engine = usePlaybookEngine((s) => s.engine);
  const startable = useMemo(() => latestVersions((docs ?? []).filter((d) => d.status === 'active')), [docs]);
  const [choice, setChoice] = useState('');
  const [message, setMessage] = useState('');
  const active = (executions ?? []).filter((e) => e.status === 'running' || e.status === 'waiting' || e.status === 'paused');
  const past = (executions ?? []).filter((e) => !active.includes(e));

  const start = async () => {
    const doc = startable.find((d) => d.id === choice);
    const parsed = doc && playbookSchema.safeParse(doc.definition);
    if (!parsed?.success) return setMessage(`This playbook cannot start: ${parsed?.error.issues[0]?.message ?? 'it is no longer active'}.`);
    if (!engine) setMessage(WAITING_FOR_AUTOMATION);
    const started = await (engine ?? (await runningEngine())).startManually(parsed.data, [account.id]);
    setMessage(started.length ? `Started “${parsed.data.name}”` : `“${parsed.data.name}” is already running here, or this account is not yours to run.`);
  };

  return (
    <section className="panel" aria-labelledby="interventions-heading" data-slot="interventions">
      <h2 id="interventions-heading">Intervention actions</h2>
      <div className="builder-actions">
        <select aria-label="Playbook to start" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Start a playbook…</option>
          {startable.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <button type="button" disabled={!choice} onClick={() => void start()}>
          Start
        </button>
      </div>
      <p role="status" className="muted">
        {message}
      </p>
      <h3>Active</h3>
      <ExecutionList
        executions={active}
        showAccount={false}
        empty={
          executions === undefined
            ? 'Loading…'
            : past.length > 0
              ? 'No playbook is running on this account now; the past runs are below.'
              : 'No playbook has run on this account yet. Start one above, or activate a playbook under Playbooks: it starts here by itself when its trigger fires.'
        }
      />
      {past.length > 0 && (
        <details>
          <summary>Past ({past.length})</summary>
          <ExecutionList executions={past} showAccount={false} />
        </details>
      )}
    </section>
  );
}

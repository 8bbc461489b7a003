import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { dryRun, type DryRunEntry } from '../../../../../common/playbooks/dry-run';
import { playbookSchema, type PlaybookInput } from '../../../../../common/playbooks/playbook-definition';
import { PLAYBOOK_TEMPLATES } from '../../../../../common/playbooks/playbook-templates';
import { validatePlaybook, type PlaybookProblem } from '../../../../../common/playbooks/validate-playbook';
import { MATCH_ALL } from '../../../../../common/segments/segment-condition';
import { useDatabase } from '../../db/database-context';
import { ConditionEditor } from '../segments/ConditionEditor';
import { useBookFacts } from '../segments/book-facts';
import { runningEngine, usePlaybookEngine, WAITING_FOR_AUTOMATION } from './engine-store';
import { latestVersions, PlaybookRefused, savePlaybook, useExecutions, usePlaybookDocs } from './playbook-data';
import { StepsEditor } from './StepsEditor';
import { TriggerEditor } from './TriggerEditor';
import { usePlaybookCoEditing } from './use-playbook-coediting';
import './playbooks.css';

function fromTemplate(key: string): PlaybookInput | null {
  const template = PLAYBOOK_TEMPLATES.find((t) => t.key === key);
  return template ? template.build(`${key}-${crypto.randomUUID().slice(0, 6)}`) : null;
}

/**
 * The playbook builder (the seed's wireframe): name, description, trigger conditions, action sequence, Save Draft /
 * Activate, plus a dry run over the book. Saving validates first; a refusal lists what is wrong and where.
 */
export function PlaybookBuilder({ id }: { id: string }) {
  const db = useDatabase();
  const [, navigate] = useLocation();
  const docs = usePlaybookDocs();
  const facts = useBookFacts();
  const executions = useExecutions();
  const engine = usePlaybookEngine((s) => s.engine);
  const [draft, setDraft] = useState<PlaybookInput | null>(null);
  const [problems, setProblems] = useState<PlaybookProblem[]>([]);
  const [message, setMessage] = useState('');
  const [dry, setDry] = useState<DryRunEntry[] | null>(null);
  const coEditing = usePlaybookCoEditing(id.startsWith('new-') ? null : draft, setDraft);

  // Another playbook opened in the same page: load it (saving a new one only renames the route to its id).
  useEffect(() => {
    if (draft && !id.startsWith('new-') && draft.id !== id) {
      setDraft(null);
      setProblems([]);
      setMessage('');
      setDry(null);
    }
  }, [id, draft]);

  useEffect(() => {
    if (draft || !docs) return;
    if (id.startsWith('new-')) {
      setDraft(fromTemplate(id.slice(4)));
      return;
    }
    const latest = latestVersions(docs).find((d) => d.playbookId === id);
    if (latest) setDraft(latest.definition as unknown as PlaybookInput);
  }, [docs, id, draft]);

  const stored = useMemo(() => (docs ?? []).filter((d) => d.playbookId === draft?.id).sort((a, b) => b.version - a.version), [docs, draft?.id]);
  if (!docs) return <p className="muted" aria-busy="true">Loading…</p>;
  if (!draft) return <p>No playbook “{id}”. <Link href="/playbooks">Back to playbooks</Link></p>;

  // Every edit on this page goes through co-editing, which writes only what the edit changed into a shared room.
  const change = (next: PlaybookInput) => coEditing.edit(draft, next);

  const save = async (activate: boolean) => {
    setDry(null);
    try {
      // An activation waits for the automation, which then sees the playbook become active, as it does later on.
      let running = engine;
      if (activate && !running) {
        setMessage(WAITING_FOR_AUTOMATION);
        running = await runningEngine();
      }
      const saved = await savePlaybook(db, draft, activate);
      setProblems([]);
      coEditing.edit(draft, saved);
      setMessage(activate ? `Activated “${saved.name}” (version ${saved.version})` : `Saved draft of “${saved.name}” (version ${saved.version})`);
      if (id !== saved.id) navigate(`/playbooks/${saved.id}`, { replace: true });
      if (activate) await running?.tick();
    } catch (error) {
      if (error instanceof PlaybookRefused) {
        setProblems(error.problems);
        setMessage('Not saved: fix the problems below.');
      } else setMessage(`Not saved: ${(error as Error).message}`);
    }
  };

  const runDry = () => {
    const checked = validatePlaybook(draft);
    if (!checked.ok) {
      setProblems(checked.problems);
      setDry(null);
      return;
    }
    setProblems([]);
    const byAccount = new Map<string, typeof executions>();
    for (const e of executions ?? []) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e]);
    setDry(dryRun(playbookSchema.parse(draft), facts, (accountId) => byAccount.get(accountId) ?? [], new Date().toISOString()));
  };

  return (
    <div className="page">
      <p>
        <Link href="/playbooks">← Playbooks</Link>
      </p>
      <h1>Playbook builder</h1>
      {coEditing.connected && (
        <p className="muted" role="status" data-testid="co-editors">
          {coEditing.others.length ? `Also editing: ${coEditing.others.join(', ')}` : 'Shared with your team: edits merge as you type.'}
        </p>
      )}
      <p className="muted">
        {stored.length ? stored.map((d) => `v${d.version} ${d.status}`).join(' · ') : 'Not saved yet'} — editing an active playbook saves a new version; running executions finish on theirs.
      </p>
      <form className="builder-form" onSubmit={(e) => e.preventDefault()} aria-label="Playbook">
        <label className="block">
          Name <input value={draft.name} onChange={(e) => change({ ...draft, name: e.target.value })} />
        </label>
        <label className="block">
          Description <textarea rows={2} value={draft.description ?? ''} onChange={(e) => change({ ...draft, description: e.target.value })} />
        </label>
        <TriggerEditor value={draft.trigger} onChange={(trigger) => change({ ...draft, trigger })} />
        <fieldset>
          <legend>Trigger conditions (every start must also meet these)</legend>
          <ConditionEditor label="Filter" value={draft.filter ?? MATCH_ALL} onChange={(filter) => change({ ...draft, filter })} />
        </fieldset>
        <label className="block">
          Start step
          <select value={draft.start} onChange={(e) => change({ ...draft, start: e.target.value })}>
            {draft.steps.map((s) => (
              <option key={s.id}>{s.id}</option>
            ))}
          </select>
        </label>
        <StepsEditor steps={draft.steps} onChange={(steps) => change({ ...draft, steps })} />
        {problems.length > 0 && (
          <ul className="problems" role="alert" aria-label="Problems">
            {problems.map((p, i) => (
              <li key={i}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        )}
        <div className="builder-actions">
          <button type="button" onClick={() => void save(false)}>
            Save Draft
          </button>
          <button type="button" onClick={runDry}>
            Dry run
          </button>
          <button type="button" className="primary" onClick={() => void save(true)}>
            Activate
          </button>
        </div>
        <p role="status" aria-live="polite">
          {message}
        </p>
      </form>
      {dry && (
        <section aria-label="Dry run">
          <h2>Dry run: {dry.length} {dry.length === 1 ? 'account' : 'accounts'} would start now</h2>
          <table className="data-table" data-testid="dry-run">
            <thead>
              <tr>
                <th>Account</th>
                <th>Would do now</th>
              </tr>
            </thead>
            <tbody>
              {dry.slice(0, 200).map((entry) => (
                <tr key={entry.accountId}>
                  <td>{entry.accountName}</td>
                  <td>{entry.actions.join(' → ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

import { createElement, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { PLAYBOOK_TEMPLATES } from '../../../../../common/playbooks/playbook-templates';
import { useDatabase } from '../../db/database-context';
import type { PageProps } from '../feature-manifest';
import { usePlaybookEngine } from './engine-store';
import { ExecutionList } from './ExecutionList';
import { PlaybookBuilder } from './PlaybookBuilder';
import { latestVersions, setPlaybookStatus, useExecutions, usePlaybookDocs } from './playbook-data';
import '../../components/data-table.css';
import './playbooks.css';

function PlaybookList() {
  const db = useDatabase();
  const docs = usePlaybookDocs();
  const executions = useExecutions();
  const lastError = usePlaybookEngine((s) => s.lastError);
  const [template, setTemplate] = useState(PLAYBOOK_TEMPLATES[0]!.key);
  const [, navigate] = useLocation();
  const [filter, setFilter] = useState<'active' | 'all'>('active');
  const shown = (executions ?? []).filter((e) => filter === 'all' || e.status === 'running' || e.status === 'waiting' || e.status === 'paused' || e.status === 'failed');
  return (
    <div className="page">
      <h1>Playbooks</h1>
      {lastError && <p className="notice" role="alert">The automation stopped on an error: {lastError}</p>}
      <div className="builder-actions">
        <label>
          Template{' '}
          <select aria-label="Template" value={template} onChange={(e) => setTemplate(e.target.value)}>
            {PLAYBOOK_TEMPLATES.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <button className="primary" onClick={() => navigate(`/playbooks/new-${template}`)}>
          New from template
        </button>
      </div>
      {docs && docs.length > 0 && (
        <table className="data-table" aria-label="Playbooks">
          <thead>
            <tr>
              <th>Name</th>
              <th>Version</th>
              <th>Status</th>
              <th className="num">Running</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {latestVersions(docs).map((d) => {
              const active = docs.find((x) => x.playbookId === d.playbookId && x.status === 'active');
              return (
                <tr key={d.playbookId}>
                  <td>
                    <Link href={`/playbooks/${d.playbookId}`}>{d.name}</Link>
                  </td>
                  <td>v{d.version}</td>
                  <td>{active ? `active (v${active.version})${d.status === 'draft' ? ', draft v' + d.version : ''}` : d.status}</td>
                  <td className="num">{(executions ?? []).filter((e) => e.playbookId === d.playbookId && (e.status === 'running' || e.status === 'waiting')).length}</td>
                  <td className="actions">{active && <button onClick={() => void setPlaybookStatus(db, active.id, 'retired')}>Deactivate</button>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Executions</h2>
      <div role="tablist" aria-label="Which executions">
        <button role="tab" aria-selected={filter === 'active'} className={filter === 'active' ? 'primary' : ''} onClick={() => setFilter('active')}>
          Running and failed
        </button>
        <button role="tab" aria-selected={filter === 'all'} className={filter === 'all' ? 'primary' : ''} onClick={() => setFilter('all')}>
          All
        </button>
      </div>
      {executions === undefined ? <p className="muted">Loading…</p> : <ExecutionList executions={shown.slice(0, 200)} showAccount />}
    </div>
  );
}

/** /playbooks: the list, templates and executions; /playbooks/<id>: the builder. */
export function PlaybooksPage({ params }: PageProps) {
  const id = params['id'];
  return id ? createElement(PlaybookBuilder, { id }) : <PlaybookList />;
}

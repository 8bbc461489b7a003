import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { segmentMembers } from '../../../../../common/segments/segment-members';
import { checkCondition, type Condition } from '../../../../../common/segments/segment-condition';
import { useDatabase } from '../../db/database-context';
import { useBookFacts } from './book-facts';
import { ConditionEditor } from './ConditionEditor';
import { deleteSegment, saveSegment, useSegments } from './segments-store';
import '../../components/data-table.css';

const EMPTY: Condition = { kind: 'group', match: 'all', conditions: [{ kind: 'rule', field: 'healthBand', op: 'eq', value: 'red' }] };

/** Segments: named, live definitions over the book, with their member count as you edit. */
export function SegmentsPage() {
  const db = useDatabase();
  const stored = useSegments();
  const facts = useBookFacts();
  const [editing, setEditing] = useState<{ id: string; name: string; condition: Condition }>({ id: crypto.randomUUID(), name: '', condition: EMPTY });
  const [message, setMessage] = useState('');
  const problems = useMemo(() => checkCondition(editing.condition), [editing.condition]);
  // Kept per book version and condition (common/segments/segment-members.ts): a saved segment chosen again, or
  // counted in the list, is not evaluated over the book again.
  const members = useMemo(() => (problems.length ? null : segmentMembers(facts, editing.condition).facts), [facts, editing.condition, problems]);
  const counts = useMemo(() => new Map((stored?.segments ?? []).map((s) => [s.id, segmentMembers(facts, s.condition).facts.length])), [stored, facts]);

  return (
    <div className="page">
      <h1>Segments</h1>
      <p className="muted">Named, live definitions over your book. A playbook can start when an account enters one.</p>
      <div className="segment-layout">
        <nav aria-label="Saved segments">
          <button type="button" onClick={() => setEditing({ id: crypto.randomUUID(), name: '', condition: EMPTY })}>
            New segment
          </button>
          <ul className="segment-list">
            {stored?.segments.map((s) => (
              <li key={s.id}>
                <button type="button" onClick={() => setEditing({ id: s.id, name: s.name, condition: s.condition })} aria-current={s.id === editing.id}>
                  {s.name} ({counts.get(s.id) ?? 0})
                </button>
              </li>
            ))}
          </ul>
          {stored?.broken.map((b) => (
            <p key={b.id} className="notice" role="alert">
              Segment {b.id} cannot be read: {b.problem}
            </p>
          ))}
        </nav>
        <section aria-label="Segment editor">
          <label>
            Name <input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
          </label>
          <ConditionEditor label="Segment" value={editing.condition} onChange={(condition) => setEditing({ ...editing, condition })} />
          {problems.map((p, i) => (
            <p key={i} className="notice" role="alert">
              {p.path}: {p.message}
            </p>
          ))}
          <p className="member-count" role="status" aria-live="polite" data-testid="segment-count">
            {members === null ? 'Fix the conditions to count members' : `${members.length} of ${facts.length} accounts`}
          </p>
          <div className="condition-actions">
            <button
              type="button"
              className="primary"
              onClick={() =>
                saveSegment(db, editing).then(
                  () => setMessage(`Saved segment ${editing.name}`),
                  (e: Error) => setMessage(e.message),
                )
              }
            >
              Save segment
            </button>
            <button type="button" onClick={() => deleteSegment(db, editing.id).then(() => setMessage('Deleted'))}>
              Delete
            </button>
          </div>
          <p role="status" className="muted">
            {message}
          </p>
          {members && members.length > 0 && (
            <table className="data-table" aria-label="Segment members">
              <thead>
                <tr>
                  <th>Account</th>
                  <th>Tier</th>
                  <th>Health</th>
                  <th className="num">Risk</th>
                </tr>
              </thead>
              <tbody>
                {members.slice(0, 50).map((m) => (
                  <tr key={m.accountId}>
                    <td>
                      <Link href={`/accounts/${m.accountId}`}>{m.account.name}</Link>
                    </td>
                    <td>{m.account.tier}</td>
                    <td>{m.healthBand}</td>
                    <td className="num">{m.risk ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}

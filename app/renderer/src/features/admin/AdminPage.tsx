import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../../../common/sync/access-policy';
import { useSyncSession } from '../../session/session-store';
import { getActiveTokens } from '../team-sync/team-book';
import { adminApi, type AdminPerson, type AdminTeam, type AuditRow } from './admin-api';
import { PrivacySection } from './PrivacySection';
import { ReassignSection } from './ReassignSection';

const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', 'cs-manager': 'CS Manager', 'cs-rep': 'CS Rep', viewer: 'Viewer' };

/**
 * Team administration for Admins (and the parts CS Managers may use: their own team's reps and viewers): teams,
 * people (invite with a one-time code, role, team, disable, sign out everywhere, unlock, reset second factor, delete),
 * bulk re-assignment of accounts with a preview, export and erasure of personal data (Admins: PrivacySection), and the
 * audit log (Admins). Everything goes through the server's admin HTTP API, which decides what each role may do; the
 * screen only hides what it would refuse.
 */
export function AdminPage() {
  const session = useSyncSession((s) => s.session);
  const api = useMemo(
    () => session && adminApi(session.serverUrl, async () => (await getActiveTokens()?.getAccessToken()) ?? session.accessToken),
    [session],
  );
  const [people, setPeople] = useState<AdminPerson[]>([]);
  const [teams, setTeams] = useState<AdminTeam[]>([]);
  const [message, setMessage] = useState('');
  const isAdmin = session?.user.role === 'admin';

  const reload = useCallback(async () => {
    if (!api) return;
    try {
      const [nextPeople, nextTeams] = await Promise.all([api.people(), api.teams()]);
      setPeople(nextPeople);
      setTeams(nextTeams);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  }, [api]);
  useEffect(() => void reload(), [reload]);

  if (!session || !api) return <div className="page admin-page"><h1>Team administration</h1><p>Sign in to your team's sync server in Settings first.</p></div>;
  if (session.user.role !== 'admin' && session.user.role !== 'cs-manager') {
    return <div className="page admin-page"><h1>Team administration</h1><p>Only Admins and CS Managers administer the team.</p></div>;
  }

  /** Runs an action, reports its outcome in the status line, and reloads the lists. */
  const act = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
      setMessage(`${what}: done`);
    } catch (error) {
      setMessage(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await reload();
  };
  const teamName = (id: string | null) => teams.find((team) => team.id === id)?.name ?? (id === null ? '—' : id);

  return (
    <div className="page admin-page">
      <h1>Team administration</h1>
      <p role="status" aria-live="polite" data-testid="admin-status">{message}</p>
      {isAdmin && <TeamsSection teams={teams} onCreate={(name) => act('Create team', () => api.createTeam(name))} />}
      <InviteSection teams={teams} isAdmin={isAdmin} invite={api.invite} onDone={reload} />
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        <table>
          <thead>
            <tr><th>Name</th><th>Email</th><th>Role</th><th>Team</th><th>State</th><th>Actions</th></tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id} data-testid={`person-${person.email}`}>
                <td>{person.name}</td>
                <td>{person.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${person.name}`}
                    value={person.role}
                    onChange={(event) => void act('Change role', () => api.setRole(person.id, event.target.value as Role, person.teamId))}
                  >
                    {ROLES.map((role) => <option key={role} value={role}>{ROLE_LABELS[role]}</option>)}
                  </select>
                </td>
                <td>
                  {isAdmin ? (
                    <select
                      aria-label={`Team of ${person.name}`}
                      value={person.teamId ?? ''}
                      onChange={(event) => void act('Change team', () => api.setRole(person.id, person.role, event.target.value || null))}
                    >
                      <option value="">—</option>
                      {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
                    </select>
                  ) : teamName(person.teamId)}
                </td>
                <td>{[person.disabled && 'disabled', person.locked && 'locked', person.secondFactorEnabled && '2FA', `${person.sessions} session(s)`].filter(Boolean).join(', ')}</td>
                <td>
                  <button type="button" onClick={() => void act(person.disabled ? 'Enable' : 'Disable', () => api.setDisabled(person.id, !person.disabled))}>
                    {person.disabled ? 'Enable' : 'Disable'} {person.name}
                  </button>
                  <button type="button" onClick={() => void act('Sign out everywhere', () => api.signOutEverywhere(person.id))}>Sign out everywhere</button>
                  {person.locked && <button type="button" onClick={() => void act('Unlock', () => api.unlock(person.id))}>Unlock</button>}
                  {isAdmin && person.secondFactorEnabled && (
                    <button type="button" onClick={() => void act('Reset second factor', () => api.resetSecondFactor(person.id))}>Reset second factor</button>
                  )}
                  {isAdmin && (
                    <button
                      type="button"
                      onClick={() => window.confirm(`Delete ${person.name}? This cannot be undone.`) && void act('Delete', () => api.remove(person.id))}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ReassignSection people={people} teams={teams} reassign={api.reassignInTeams} />
      {isAdmin && <PrivacySection api={api} teams={teams} onErased={reload} />}
      {isAdmin && <AuditSection api={api} />}
    </div>
  );
}

function TeamsSection({ teams, onCreate }: { teams: AdminTeam[]; onCreate(name: string): Promise<void> }) {
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) void onCreate(name.trim()).then(() => setName(''));
  };
  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">Teams</h2>
      <ul>{teams.map((team) => <li key={team.id}>{team.name}</li>)}</ul>
      <form onSubmit={submit}>
        <label>New team <input value={name} onChange={(event) => setName(event.target.value)} /></label>
        <button type="submit">Create team</button>
      </form>
    </section>
  );
}

function InviteSection(props: { teams: AdminTeam[]; isAdmin: boolean; invite: ReturnType<typeof adminApi>['invite']; onDone(): Promise<void> }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cs-rep');
  const [teamId, setTeamId] = useState('');
  const [result, setResult] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const invite = await props.invite({ email, name, role, teamId: teamId || (props.teams[0]?.id ?? null) });
      setResult(`Invitation code for ${email} (shown once, valid until ${new Date(invite.expiresAt).toLocaleDateString()}): ${invite.code}`);
      setEmail('');
      setName('');
      await props.onDone();
    } catch (error) {
      setResult(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a person</h2>
      <form onSubmit={(event) => void submit(event)}>
        <label>Email <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} /></label>
        <label>Name <input required value={name} onChange={(event) => setName(event.target.value)} /></label>
        <label>
          Role
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.filter((each) => props.isAdmin || each === 'cs-rep' || each === 'viewer').map((each) => <option key={each} value={each}>{ROLE_LABELS[each]}</option>)}
          </select>
        </label>
        <label>
          Team
          <select value={teamId} onChange={(event) => setTeamId(event.target.value)}>
            {props.teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
          </select>
        </label>
        <button type="submit">Invite</button>
      </form>
      {result && <p data-testid="invite-result">{result}</p>}
    </section>
  );
}

function AuditSection({ api }: { api: ReturnType<typeof adminApi> }) {
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<AuditRow[]>([]);
  const [check, setCheck] = useState('');
  const search = useCallback(async () => setEntries(await api.audit({ q: query, limit: 200 }).catch(() => [])), [api, query]);
  useEffect(() => void search(), [search]);
  const exportCsv = async () => {
    const csv = await api.auditCsv(query);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = 'outpost-audit.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <label>Search <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} /></label>
      <button type="button" onClick={() => void exportCsv()}>Export CSV</button>
      <button type="button" onClick={() => void api.verifyAudit().then((result) => setCheck(result.ok ? `Chain intact (${result.entries} entries)` : `TAMPERED: ${result.problem}`))}>
        Verify chain
      </button>
      {check && <p role="status">{check}</p>}
      <table>
        <thead><tr><th>#</th><th>When</th><th>Action</th><th>By</th><th>Detail</th></tr></thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}><td>{entry.seq}</td><td>{entry.at}</td><td>{entry.action}</td><td>{entry.actorId ?? '—'}</td><td>{JSON.stringify(entry.detail)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

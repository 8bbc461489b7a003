import { useState } from 'react';
import type { AdminApi, AdminPerson, AdminTeam, ReassignResult } from './admin-api';

/**
 * Bulk re-assignment of accounts with a preview of what moves. Each team has its own id space, so an Admin may enter an
 * id that several teams hold: the preview then asks, on that account's row, which team's account is meant (the server
 * names the teams), and the preview and the move are sent with the team chosen, touching only that team's account.
 */
export function ReassignSection({ people, teams, reassign }: { people: AdminPerson[]; teams: AdminTeam[]; reassign: AdminApi['reassignInTeams'] }) {
  const owners = people.filter((person) => !person.disabled && person.teamId !== null && (person.role === 'cs-rep' || person.role === 'cs-manager'));
  const [ids, setIds] = useState('');
  const [ownerId, setOwnerId] = useState('');
  /** The team chosen for an account id several teams hold, and the teams the server named for it (kept once chosen). */
  const [teamOf, setTeamOf] = useState<Record<string, string>>({});
  const [offered, setOffered] = useState<Record<string, string[]>>({});
  const [preview, setPreview] = useState<ReassignResult[] | null>(null);
  const [message, setMessage] = useState('');
  const accountIds = ids.split(/[\s,]+/).filter(Boolean);
  const teamName = (id: string) => teams.find((team) => team.id === id)?.name ?? id;
  const undecided = (preview ?? []).some((row) => row.status === 'conflict' && row.teams?.length && !teamOf[row.accountId]);

  const run = async (dryRun: boolean, chosen = teamOf) => {
    try {
      const answer = await reassign(accountIds, ownerId || owners[0]!.id, dryRun, chosen);
      if (dryRun) {
        setPreview(answer.results);
        const named = answer.results.filter((row) => row.teams?.length).map((row) => [row.accountId, row.teams!] as const);
        if (named.length) setOffered((before) => ({ ...before, ...Object.fromEntries(named) }));
      }
      else {
        setPreview(null);
        setMessage(`Moved ${answer.results.filter((each) => each.status === 'ok').length} account(s)`);
      }
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };
  const chooseTeam = (accountId: string, teamId: string) => {
    const chosen = { ...teamOf };
    if (teamId) chosen[accountId] = teamId;
    else delete chosen[accountId];
    setTeamOf(chosen);
    void run(true, chosen);
  };

  return (
    <section aria-labelledby="reassign-heading">
      <h2 id="reassign-heading">Re-assign accounts</h2>
      <label>Account ids <textarea value={ids} onChange={(event) => (setIds(event.target.value), setPreview(null))} /></label>
      <label>
        New owner
        <select value={ownerId} onChange={(event) => (setOwnerId(event.target.value), setPreview(null))}>
          {owners.map((owner) => <option key={owner.id} value={owner.id}>{owner.name}</option>)}
        </select>
      </label>
      <button type="button" disabled={accountIds.length === 0 || owners.length === 0} onClick={() => void run(true)}>Preview</button>
      {preview && (
        <>
          <table aria-label="What would move">
            <thead><tr><th>Account</th><th>Team</th><th>Outcome</th><th>Follows</th></tr></thead>
            <tbody>
              {preview.map((row) => (
                <tr key={row.accountId} data-testid={`reassign-${row.accountId}`}>
                  <td>{row.name || row.accountId}</td>
                  <td>
                    {offered[row.accountId] || row.teams?.length ? (
                      <select aria-label={`Team of account ${row.accountId}`} value={teamOf[row.accountId] ?? ''} onChange={(event) => chooseTeam(row.accountId, event.target.value)}>
                        <option value="">Which team’s account?</option>
                        {(row.teams ?? offered[row.accountId] ?? []).map((id) => <option key={id} value={id}>{teamName(id)}</option>)}
                      </select>
                    ) : null}
                  </td>
                  <td>{outcome(row)}</td>
                  <td>{Object.entries(row.dependents ?? {}).filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" disabled={undecided} onClick={() => void run(false)}>Confirm re-assignment</button>
        </>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}

function outcome(row: ReassignResult): string {
  if (row.status === 'ok') return row.moved ? 'moves' : 'already there';
  if (row.status === 'missing') return 'not found';
  if (row.status === 'conflict' && row.teams?.length) return 'several teams hold this id: choose the team';
  return row.reason ?? row.status;
}

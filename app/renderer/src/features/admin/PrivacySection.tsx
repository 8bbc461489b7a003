import { useId, useState, type FormEvent } from 'react';
import { AdminApiError, exportFileName, type AdminApi, type AdminTeam, type EraseResult, type ErasePreview, type PrivacyKind, type SubjectMatch } from './admin-api';

const KIND_LABELS: Record<PrivacyKind, string> = { contact: 'Contact', account: 'Account', person: 'Person' };
/** Typed instead of the subject's name to confirm an erasure. */
export const ERASE_WORD = 'ERASE';

/** The subject chosen: its kind and id, and the team whose id space it is in (when known or chosen). */
interface Chosen {
  kind: PrivacyKind;
  id: string;
  teamId?: string;
  label: string;
}

/**
 * Personal data (GDPR articles 15, 17 and 20), for Admins: find a contact, an account or a person by name or email (or
 * give its id), export what is held about it as JSON and CSV, or erase it everywhere after seeing what goes and typing
 * its name (or ERASE). Each team has its own id space: an id several teams hold asks which team's is meant, with the
 * teams the server names, as re-assignment does. The server (privacy-routes.ts) decides; the screen only asks.
 */
export function PrivacySection({ api, teams, onErased }: { api: AdminApi; teams: AdminTeam[]; onErased(): Promise<void> }) {
  const ids = useId();
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<SubjectMatch[] | null>(null);
  const [more, setMore] = useState(false);
  const [kind, setKind] = useState<PrivacyKind>('contact');
  const [typedId, setTypedId] = useState('');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [offeredTeams, setOfferedTeams] = useState<string[]>([]);
  const [preview, setPreview] = useState<ErasePreview | null>(null);
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState('');
  const [outcome, setOutcome] = useState('');
  const teamName = (id: string | null | undefined) => teams.find((team) => team.id === id)?.name ?? id ?? '—';
  const subjectOf = (subject: Chosen) => `${subject.kind}:${subject.id}`;

  const fail = (error: unknown) => setProblem(error instanceof AdminApiError ? `${error.message}${error.code ? ` (${error.code})` : ''}` : error instanceof Error ? error.message : String(error));

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setProblem('');
    try {
      const answer = await api.privacySearch(query.trim());
      setMatches(answer.results);
      setMore(answer.more);
    } catch (error) {
      fail(error);
    }
  };

  /** Chooses a subject and previews its erasure; an id several teams hold offers those teams instead. */
  const choose = async (subject: Chosen) => {
    setChosen(subject);
    setPreview(null);
    setConfirmation('');
    setProblem('');
    setOutcome('');
    try {
      const answer = await api.privacyPreview(subjectOf(subject), subject.teamId);
      setPreview(answer);
      if (answer.teamId && subject.kind !== 'person') setChosen({ ...subject, teamId: answer.teamId });
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 409 && error.teams?.length) setOfferedTeams(error.teams);
      else fail(error);
    }
  };

  const download = async (format: 'json' | 'csv') => {
    if (!chosen) return;
    setProblem('');
    try {
      const text = await api.privacyExport(subjectOf(chosen), format, chosen.teamId);
      saveText(text, exportFileName(chosen.kind, preview?.name || chosen.id, new Date(), format), format === 'json' ? 'application/json' : 'text/csv');
      setOutcome(`Exported ${KIND_LABELS[chosen.kind].toLowerCase()} ${preview?.name || chosen.id} as ${format.toUpperCase()}`);
    } catch (error) {
      fail(error);
    }
  };

  const erase = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !preview) return;
    setProblem('');
    try {
      const result = await api.privacyErase(subjectOf(chosen), chosen.teamId);
      setOutcome(`Erased ${KIND_LABELS[chosen.kind].toLowerCase()} ${preview.name || chosen.id}: ${describeErasure(result)}`);
      setPreview(null);
      setChosen(null);
      setOfferedTeams([]);
      setConfirmation('');
      setMatches((before) => before?.filter((match) => match.subject !== preview.subject || match.teamId !== preview.teamId) ?? null);
      await onErased();
    } catch (error) {
      fail(error);
    }
  };

  const confirmed = preview !== null && (confirmation.trim() === ERASE_WORD || (preview.name !== '' && confirmation.trim() === preview.name.trim()));
  const blocked = (preview?.ownsAccounts ?? 0) > 0;

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Personal data</h2>
      <p>Export or erase everything held about a contact, an account (with its contacts, activities and notes) or a person.</p>
      <form role="search" aria-label="Find personal data" onSubmit={(event) => void search(event)}>
        <label>
          Search by name or email <input type="search" minLength={2} value={query} onChange={(event) => setQuery(event.target.value)} />
        </label>
        <button type="submit" disabled={query.trim().length < 2}>Search</button>
      </form>
      {matches && (
        <table aria-label="Matching subjects">
          <thead><tr><th>Kind</th><th>Name</th><th>Email</th><th>Team</th><th>Id</th><th></th></tr></thead>
          <tbody>
            {matches.length === 0 && <tr><td colSpan={6}>Nothing matches “{query}”.</td></tr>}
            {matches.map((match) => (
              <tr key={`${match.subject}@${match.teamId}`} data-testid={`privacy-match-${match.subject}`}>
                <td>{KIND_LABELS[match.kind]}</td>
                <td>{match.name}</td>
                <td>{match.email ?? ''}</td>
                <td>{teamName(match.teamId)}</td>
                <td>{match.id}</td>
                <td>
                  <button type="button" onClick={() => (setOfferedTeams([]), void choose({ kind: match.kind, id: match.id, label: match.name, ...(match.kind !== 'person' && match.teamId ? { teamId: match.teamId } : {}) }))}>
                    Choose {match.name || match.id}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {matches && more && <p>More match than are shown: search with more of the name or the email.</p>}
      <form
        aria-label="Choose by id"
        onSubmit={(event) => {
          event.preventDefault();
          setOfferedTeams([]);
          if (typedId.trim()) void choose({ kind, id: typedId.trim(), label: typedId.trim() });
        }}
      >
        <label>
          Kind
          <select value={kind} onChange={(event) => setKind(event.target.value as PrivacyKind)}>
            {(Object.keys(KIND_LABELS) as PrivacyKind[]).map((each) => <option key={each} value={each}>{KIND_LABELS[each]}</option>)}
          </select>
        </label>
        <label>Id <input value={typedId} onChange={(event) => setTypedId(event.target.value)} /></label>
        <button type="submit" disabled={!typedId.trim()}>Use this id</button>
      </form>

      {chosen && offeredTeams.length > 0 && (
        <label>
          Several teams hold {chosen.kind} “{chosen.id}”: which team’s?
          <select value={chosen.teamId ?? ''} onChange={(event) => event.target.value && void choose({ ...chosen, teamId: event.target.value })}>
            <option value="">Choose a team</option>
            {offeredTeams.map((id) => <option key={id} value={id}>{teamName(id)}</option>)}
          </select>
        </label>
      )}

      {chosen && preview && (
        <div aria-label="Chosen subject" role="group" data-testid="privacy-subject">
          <h3>
            {KIND_LABELS[chosen.kind]} {preview.name || chosen.id}
            {preview.email ? ` <${preview.email}>` : ''} {chosen.kind !== 'person' && preview.teamId ? `— ${teamName(preview.teamId)}` : ''}
          </h3>
          <button type="button" onClick={() => void download('json')}>Export JSON</button>
          <button type="button" onClick={() => void download('csv')}>Export CSV</button>
          <p data-testid="privacy-erase-preview">
            Erasing removes {describeCounts(preview.counts)} from the server and every replica at its next sync, and
            replaces copies of the name and email elsewhere with “[erased]”. It cannot be undone.
          </p>
          {blocked && <p className="error-text">{preview.name} still owns {preview.ownsAccounts} account(s): re-assign them first.</p>}
          <form onSubmit={(event) => void erase(event)}>
            <label>
              Type {preview.name ? `“${preview.name}” or ` : ''}{ERASE_WORD} to confirm
              <input value={confirmation} autoComplete="off" onChange={(event) => setConfirmation(event.target.value)} />
            </label>
            <button type="submit" disabled={!confirmed || blocked}>Erase {preview.name || chosen.id}</button>
          </form>
        </div>
      )}
      {problem && <p className="error-text" role="alert">{problem}</p>}
      {outcome && <p role="status" data-testid="privacy-outcome">{outcome}</p>}
    </section>
  );
}

/** `1 contact, 3 activities` from documents per collection. */
export function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([name, n]) => `${n} ${n === 1 ? singular(name) : name}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

function describeErasure(result: EraseResult): string {
  const copies = describeCounts(result.copies);
  return `${describeCounts(result.erased)} erased${copies === 'nothing' ? '' : `; names and emails erased in ${copies}`}`;
}

function singular(name: string): string {
  if (name === 'activities') return 'activity';
  if (name === 'person' || name.endsWith('ss')) return name;
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function saveText(text: string, fileName: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

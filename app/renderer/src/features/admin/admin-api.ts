import type { Role } from '../../../../../common/sync/access-policy';

/** A person as the server's admin API lists them. */
export interface AdminPerson {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  sharedOwnerIds: string[];
  secondFactorEnabled: boolean;
  disabled: boolean;
  locked: boolean;
  failedSignIns: number;
  sessions: number;
}

export interface AdminTeam {
  id: string;
  name: string;
}

export interface ReassignResult {
  accountId: string;
  /** `conflict`: several teams hold the id (`teams`, to choose from) or the new owner's team already has one. */
  status: 'ok' | 'refused' | 'missing' | 'conflict';
  reason?: string;
  teams?: string[];
  moved?: boolean;
  name?: string;
  dependents?: Record<string, number>;
}

export interface AuditRow {
  seq: number;
  at: string;
  action: string;
  actorId: string | null;
  detail: Record<string, unknown>;
}

/** A subject of the data duties (export, erase): `account:<id>`, `contact:<id>` or `person:<user id>`. */
export type PrivacyKind = 'account' | 'contact' | 'person';

/** One subject the privacy search found, with its team (so exporting or erasing it never asks which team). */
export interface SubjectMatch {
  subject: string;
  kind: PrivacyKind;
  id: string;
  teamId: string | null;
  name: string;
  email?: string;
  accountId?: string;
}

/** What an erasure would take: the subject's name (typed to confirm), documents per collection, accounts a person still owns. */
export interface ErasePreview {
  subject: string;
  teamId: string | null;
  name: string;
  email?: string;
  counts: Record<string, number>;
  ownsAccounts: number;
}

/** What an erasure did: documents erased per collection, and documents per collection whose copies of names were erased. */
export interface EraseResult {
  erased: Record<string, number>;
  copies: Record<string, number>;
}

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    /** The teams to choose from when several teams hold the id named (409). */
    readonly teams?: string[],
  ) {
    super(message);
  }
}

/** The file an export is saved as: the subject (kind, then name or id) and the day, e.g. `outpost-contact-ada-lovelace-2026-12-06.json`. */
export function exportFileName(kind: PrivacyKind, nameOrId: string, day: Date, format: 'json' | 'csv'): string {
  const slug = nameOrId.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'subject';
  return `outpost-${kind}-${slug}-${day.toISOString().slice(0, 10)}.${format}`;
}

/**
 * The admin HTTP API of the sync server (sync-server/admin/*-routes.ts) for the admin screen: every call carries a
 * current access token and turns a refusal into an AdminApiError with the server's message and code.
 */
export function adminApi(serverUrl: string, accessToken: () => Promise<string>, fetcher: typeof fetch = (input, init) => fetch(input, init)) {
  async function call<T>(method: string, path: string, body?: unknown, as: 'parsed' | 'text' = 'parsed'): Promise<T> {
    const response = await fetcher(`${serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await accessToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (!response.ok) {
      const teams = Array.isArray(parsed?.teams) ? (parsed.teams as string[]) : undefined;
      throw new AdminApiError(response.status, typeof parsed?.error === 'string' ? parsed.error : `The server answered ${response.status}`, parsed?.code, teams);
    }
    return (as === 'text' ? text : parsed) as T;
  }
  const user = (id: string) => `/admin/users/${encodeURIComponent(id)}`;
  return {
    people: () => call<AdminPerson[]>('GET', '/admin/users'),
    teams: () => call<AdminTeam[]>('GET', '/admin/teams'),
    createTeam: (name: string) => call<AdminTeam>('POST', '/admin/teams', { name }),
    invite: (input: { email: string; name: string; role: Role; teamId: string | null }) => call<{ code: string; expiresAt: string }>('POST', '/admin/invites', input),
    setRole: (id: string, role: Role, teamId: string | null) => call<AdminPerson>('PUT', `${user(id)}/role`, { role, teamId }),
    setShares: (id: string, sharedOwnerIds: string[]) => call<AdminPerson>('PUT', `${user(id)}/shares`, { sharedOwnerIds }),
    setDisabled: (id: string, disabled: boolean) => call<AdminPerson>('PUT', `${user(id)}/disabled`, { disabled }),
    signOutEverywhere: (id: string) => call<AdminPerson>('POST', `${user(id)}/sign-out`),
    unlock: (id: string) => call<AdminPerson>('POST', `${user(id)}/unlock`),
    resetSecondFactor: (id: string) => call<AdminPerson>('DELETE', `${user(id)}/totp`),
    remove: (id: string) => call<{ deleted: string }>('DELETE', user(id)),
    /** `teamId`: whose account of each id is meant, needed when several teams hold one (each team has its own id space). */
    reassign: (accountIds: string[], ownerId: string, preview: boolean, teamId?: string) =>
      call<{ preview: boolean; results: ReassignResult[] }>('POST', '/admin/accounts/reassign', { accountIds, ownerId, preview, ...(teamId ? { teamId } : {}) }),
    /** `reassign` with a team chosen per account (`teamOf`; none: the only team holding it), one call per team, results in order. */
    reassignInTeams: async (accountIds: string[], ownerId: string, preview: boolean, teamOf: Readonly<Record<string, string>>) => {
      const results = new Map<string, ReassignResult>();
      for (const [teamId, ids] of groupByTeam(accountIds, teamOf)) {
        const answer = await call<{ results: ReassignResult[] }>('POST', '/admin/accounts/reassign', { accountIds: ids, ownerId, preview, ...(teamId ? { teamId } : {}) });
        for (const result of answer.results) results.set(result.accountId, result);
      }
      return { preview, results: accountIds.map((id) => results.get(id)!).filter(Boolean) };
    },
    audit: (query: { q?: string; action?: string; limit?: number }) => {
      const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== undefined && value !== '').map(([key, value]) => [key, String(value)]));
      return call<{ entries: AuditRow[] }>('GET', `/admin/audit?${params}`).then((answer) => answer.entries);
    },
    auditCsv: (q?: string) => call<string>('GET', `/admin/audit?format=csv${q ? `&q=${encodeURIComponent(q)}` : ''}`),
    /** Accounts, contacts and people (every team's) whose name or email holds `q` (at least 2 characters). */
    privacySearch: (q: string) => call<{ results: SubjectMatch[]; more: boolean }>('GET', `/admin/privacy/search?q=${encodeURIComponent(q)}`),
    /** What erasing `subject` would take; `teamId` when several teams hold its id (else AdminApiError 409 with `teams`). */
    privacyPreview: (subject: string, teamId?: string) => call<ErasePreview>('GET', `/admin/privacy/preview?${privacyQuery(subject, teamId)}`),
    /** Everything held about `subject`, as the server writes it (JSON or CSV text). */
    privacyExport: (subject: string, format: 'json' | 'csv', teamId?: string) => call<string>('GET', `/admin/privacy/export?${privacyQuery(subject, teamId)}&format=${format}`, undefined, 'text'),
    privacyErase: (subject: string, teamId?: string) => call<EraseResult>('POST', '/admin/privacy/erase', { subject, ...(teamId ? { teamId } : {}) }),
    verifyAudit: () => call<{ ok: boolean; entries: number; brokenAt?: number; problem?: string }>('GET', '/admin/audit/verify'),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;

function privacyQuery(subject: string, teamId?: string): URLSearchParams {
  return new URLSearchParams({ subject, ...(teamId ? { teamId } : {}) });
}

/** Account ids grouped by the team chosen for each ('' for none chosen), in first-seen order. */
export function groupByTeam(accountIds: readonly string[], teamOf: Readonly<Record<string, string>>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const id of accountIds) {
    const team = Object.hasOwn(teamOf, id) ? teamOf[id]! : '';
    groups.set(team, [...(groups.get(team) ?? []), id]);
  }
  return groups;
}

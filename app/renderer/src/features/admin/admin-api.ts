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

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * The admin HTTP API of the sync server (sync-server/admin/*-routes.ts) for the admin screen: every call carries a
 * current access token and turns a refusal into an AdminApiError with the server's message and code.
 */
export function adminApi(serverUrl: string, accessToken: () => Promise<string>, fetcher: typeof fetch = (input, init) => fetch(input, init)) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetcher(`${serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await accessToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (!response.ok) throw new AdminApiError(response.status, typeof parsed?.error === 'string' ? parsed.error : `The server answered ${response.status}`, parsed?.code);
    return parsed as T;
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
    verifyAudit: () => call<{ ok: boolean; entries: number; brokenAt?: number; problem?: string }>('GET', '/admin/audit/verify'),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;

/** Account ids grouped by the team chosen for each ('' for none chosen), in first-seen order. */
export function groupByTeam(accountIds: readonly string[], teamOf: Readonly<Record<string, string>>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const id of accountIds) {
    const team = Object.hasOwn(teamOf, id) ? teamOf[id]! : '';
    groups.set(team, [...(groups.get(team) ?? []), id]);
  }
  return groups;
}

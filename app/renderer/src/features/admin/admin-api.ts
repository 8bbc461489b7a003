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
  status: 'ok' | 'refused' | 'missing';
  reason?: string;
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
    reassign: (accountIds: string[], ownerId: string, preview: boolean) =>
      call<{ preview: boolean; results: ReassignResult[] }>('POST', '/admin/accounts/reassign', { accountIds, ownerId, preview }),
    audit: (query: { q?: string; action?: string; limit?: number }) => {
      const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== undefined && value !== '').map(([key, value]) => [key, String(value)]));
      return call<{ entries: AuditRow[] }>('GET', `/admin/audit?${params}`).then((answer) => answer.entries);
    },
    auditCsv: (q?: string) => call<string>('GET', `/admin/audit?format=csv${q ? `&q=${encodeURIComponent(q)}` : ''}`),
    verifyAudit: () => call<{ ok: boolean; entries: number; brokenAt?: number; problem?: string }>('GET', '/admin/audit/verify'),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;

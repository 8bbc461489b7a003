import { canManageUser } from '../../common/sync/access-policy';
import { HttpError, parseInput, readJson, sendJson, sendJsonText } from '../http/http-io';
import { publicUser } from '../auth/public-user';
import { acceptInviteSchema, auditQuerySchema, disabledSchema, inviteSchema } from '../http/request-schemas';
import type { Authenticated, Route, ServerServices } from '../http/route-types';
import { unlocked } from '../auth/sign-in-guard';
import type { UserRecord } from '../auth/user-directory';
import type { AuditEntry } from './audit-log';

const USER = '([A-Za-z0-9_-]{1,128})';

/** A person as the admin screen lists them: the public fields plus lock, disabled and session state. */
export const adminView = (record: UserRecord) => ({
  ...publicUser(record),
  disabled: record.disabled === true,
  locked: Boolean(record.lockedAt),
  failedSignIns: record.failedSignIns ?? 0,
  sessions: record.sessions?.length ?? 0,
});

function csvCell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  // Leading =,+,-,@ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((entry) => [entry.seq, entry.at, entry.action, entry.actorId ?? '', entry.detail, entry.hash].map(csvCell).join(','));
  return ['seq,at,action,actorId,detail,hash', ...rows].join('\r\n');
}

/**
 * People administration (Admins; CS Managers for the reps and viewers of their own team): lists, invitations with a
 * one-time code, disable, delete, unlock, sign out everywhere; and the audit log (Admins), searchable, exportable
 * and verifiable.
 */
export function peopleRoutes(services: ServerServices): Route[] {
  const { users, audit, authenticate } = services;

  /** The person `id` if `actor` may manage them (same checks as a role change that keeps their role and team). */
  async function manageable(actor: Authenticated, id: string): Promise<UserRecord> {
    const target = await users.getUser(id);
    if (!target) throw new HttpError(404, `User "${id}" does not exist`);
    const change = { targetTeamId: target.teamId, targetRole: target.role, role: target.role, teamId: target.teamId };
    if (!canManageUser(actor.user, change)) throw new HttpError(403, `A ${actor.record.role} cannot manage this person`);
    if (target.id === actor.record.id) throw new HttpError(409, 'You cannot do this to your own account', {}, 'REQ005');
    return target;
  }

  const adminOnly = (actor: Authenticated, what: string) => {
    if (actor.record.role !== 'admin') throw new HttpError(403, `Only an Admin can ${what}`);
  };

  return [
    [
      'GET',
      /^\/admin\/users$/,
      async (ctx) => {
        const actor = await authenticate(ctx);
        if (actor.record.role !== 'admin' && actor.record.role !== 'cs-manager') throw new HttpError(403, 'Only Admins and CS Managers list people');
        const all = await users.listUsers();
        const visible = actor.record.role === 'admin' ? all : all.filter((each) => each.teamId === actor.record.teamId);
        sendJson(ctx.res, 200, visible.map(adminView));
      },
    ],
    [
      'GET',
      /^\/admin\/teams$/,
      async (ctx) => {
        const actor = await authenticate(ctx);
        if (actor.record.role !== 'admin' && actor.record.role !== 'cs-manager') throw new HttpError(403, 'Only Admins and CS Managers list teams');
        const all = await users.listTeams();
        sendJson(ctx.res, 200, actor.record.role === 'admin' ? all : all.filter((team) => team.id === actor.record.teamId));
      },
    ],
    [
      'POST',
      /^\/admin\/invites$/,
      async (ctx) => {
        const actor = await authenticate(ctx);
        const input = parseInput(inviteSchema, await readJson(ctx.req, 16 * 1024), 'invitation');
        if (!canManageUser(actor.user, { targetTeamId: null, role: input.role, teamId: input.teamId })) {
          throw new HttpError(403, `A ${actor.record.role} cannot invite a ${input.role} to team "${input.teamId}"`);
        }
        if (input.teamId !== null && !(await users.getTeam(input.teamId))) throw new HttpError(404, `Team "${input.teamId}" does not exist`);
        if (input.role !== 'admin' && input.teamId === null) throw new HttpError(400, `A ${input.role} must belong to a team: give teamId`);
        await audit.append('user-invited', actor.record.id, { role: input.role, teamId: input.teamId });
        const invite = await users.createInvite({ ...input, invitedBy: actor.record.id });
        // The code is shown once, to the person inviting; only its hash is stored.
        sendJson(ctx.res, 201, invite);
      },
    ],
    [
      'POST',
      /^\/auth\/accept-invite$/,
      async (ctx) => {
        services.limitSignIn(`ip:${ctx.req.socket.remoteAddress}`);
        const { code, password } = parseInput(acceptInviteSchema, await readJson(ctx.req, 16 * 1024), 'invitation');
        const created = await users.acceptInvite(code, password);
        await audit.append('invite-accepted', created.id, { userId: created.id, role: created.role, teamId: created.teamId });
        sendJson(ctx.res, 201, publicUser(created));
      },
    ],
    [
      'PUT',
      new RegExp(`^/admin/users/${USER}/disabled$`),
      async (ctx) => {
        const actor = await authenticate(ctx);
        const { disabled } = parseInput(disabledSchema, await readJson(ctx.req, 1024), 'disabled flag');
        const target = await manageable(actor, ctx.params[0]!);
        await audit.append(disabled ? 'user-disabled' : 'user-enabled', actor.record.id, { userId: target.id });
        const updated = await users.changeUser(target.id, (user) => ({ ...user, disabled, ...(disabled ? { sessions: [] } : {}) }));
        // At once: their streams and note sockets close, and every token of theirs is refused from now on.
        if (disabled) services.live.end(target.id, 'disabled');
        sendJson(ctx.res, 200, adminView(updated));
      },
    ],
    [
      'POST',
      new RegExp(`^/admin/users/${USER}/sign-out$`),
      async (ctx) => {
        const actor = await authenticate(ctx);
        const target = await manageable(actor, ctx.params[0]!);
        await services.endSessions(target.id, `signed out by ${actor.record.id}`);
        sendJson(ctx.res, 200, adminView((await users.getUser(target.id))!));
      },
    ],
    [
      'POST',
      new RegExp(`^/admin/users/${USER}/unlock$`),
      async (ctx) => {
        const actor = await authenticate(ctx);
        const target = await manageable(actor, ctx.params[0]!);
        await audit.append('account-unlocked', actor.record.id, { userId: target.id });
        sendJson(ctx.res, 200, adminView(await users.changeUser(target.id, unlocked)));
      },
    ],
    [
      'DELETE',
      new RegExp(`^/admin/users/${USER}$`),
      async (ctx) => {
        const actor = await authenticate(ctx);
        adminOnly(actor, 'delete people');
        const target = await manageable(actor, ctx.params[0]!);
        const owned = await services.collectionFor('accounts').store.scan(({ doc }) => !doc._deleted && doc.ownerId === target.id);
        if (owned.length > 0) {
          throw new HttpError(409, `${target.name} still owns ${owned.length} account(s): re-assign them first`, {}, 'REQ005');
        }
        await audit.append('user-deleted', actor.record.id, { userId: target.id });
        services.live.end(target.id, 'deleted');
        await users.deleteUser(target.id);
        sendJson(ctx.res, 200, { deleted: target.id });
      },
    ],
    [
      'GET',
      /^\/admin\/audit$/,
      async (ctx) => {
        const actor = await authenticate(ctx);
        adminOnly(actor, 'read the audit log');
        const query = parseInput(auditQuerySchema, Object.fromEntries(ctx.url.searchParams), 'audit query');
        const needle = query.q?.toLowerCase();
        const matching = (await audit.entries())
          .filter((entry) => (!query.action || entry.action === query.action) && (!query.actorId || entry.actorId === query.actorId))
          .filter((entry) => !needle || JSON.stringify(entry).toLowerCase().includes(needle))
          .reverse()
          .slice(0, query.limit);
        if (query.format === 'csv') {
          ctx.res.setHeader('content-disposition', 'attachment; filename="outpost-audit.csv"');
          ctx.res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store' });
          ctx.res.end(auditCsv(matching));
          return;
        }
        sendJsonText(ctx.res, 200, JSON.stringify({ entries: matching }));
      },
    ],
    [
      'GET',
      /^\/admin\/audit\/verify$/,
      async (ctx) => {
        const actor = await authenticate(ctx);
        adminOnly(actor, 'verify the audit log');
        const check = await audit.verify();
        await audit.append('audit-verified', actor.record.id, { ok: check.ok, entries: check.entries, ...(check.brokenAt ? { brokenAt: check.brokenAt } : {}) });
        sendJson(ctx.res, 200, check);
      },
    ],
  ];
}

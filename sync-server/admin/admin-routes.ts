import { randomUUID } from 'node:crypto';
import { canManageUser, canRead, canWrite } from '../../common/sync/access-policy';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { UserRecord } from '../auth/user-directory';
import type { Scope } from '../sync/stored-document';
import { IdTakenError } from '../sync/team-keys';
import { locate } from '../sync/team-scope';
import { HttpError, parseInput, readJson, sendJson } from '../http/http-io';
import { publicUser } from '../auth/public-user';
import { bulkReassignSchema, createTeamSchema, createUserSchema, reassignSchema, setRoleSchema, setSharesSchema } from '../http/request-schemas';
import type { Authenticated, Route, ServerServices } from '../http/route-types';

/** What an Admin or CS Manager does on the server: teams, people, roles, shares, second-factor resets, re-assignment. */
export function adminRoutes(services: ServerServices): Route[] {
  const { users, audit, authenticate, serverClock, moveDependents } = services;
  const storeFor = (name: string) => services.collectionFor(name).store;

  const routes: Route[] = [
    [
      'DELETE',
      /^\/admin\/users\/([A-Za-z0-9_-]{1,128})\/totp$/,
      async (ctx) => {
        // For a person who lost their authenticator: an Admin turns the factor off so they can enrol again.
        const { record } = await authenticate(ctx);
        if (record.role !== 'admin') throw new HttpError(403, 'Only an Admin can reset a second factor');
        const target = await users.getUser(ctx.params[0]!);
        if (!target) throw new HttpError(404, `User "${ctx.params[0]}" does not exist`);
        await users.setSecondFactor(target.id, null);
        await audit.append('second-factor-disabled', record.id, { userId: target.id, via: 'admin-reset' });
        sendJson(ctx.res, 200, publicUser({ ...target, secondFactor: null }));
      },
    ],
    [
      'POST',
      /^\/admin\/teams$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        if (record.role !== 'admin') throw new HttpError(403, 'Only an Admin can create teams');
        const { name } = parseInput(createTeamSchema, await readJson(ctx.req, 16 * 1024), 'team');
        const team = await users.createTeam(name);
        await audit.append('team-created', record.id, { teamId: team.id, name });
        sendJson(ctx.res, 201, team);
      },
    ],
    [
      'POST',
      /^\/admin\/users$/,
      async (ctx) => {
        const { record, user } = await authenticate(ctx);
        const input = parseInput(createUserSchema, await readJson(ctx.req, 16 * 1024), 'user');
        if (!canManageUser(user, { targetTeamId: null, role: input.role, teamId: input.teamId })) {
          throw new HttpError(403, `A ${record.role} cannot create a ${input.role} in team "${input.teamId}"`);
        }
        const created = await users.createUser(input);
        await audit.append('user-created', record.id, { userId: created.id, role: created.role, teamId: created.teamId });
        sendJson(ctx.res, 201, publicUser(created));
      },
    ],
    [
      'PUT',
      /^\/admin\/users\/([A-Za-z0-9_-]{1,128})\/role$/,
      async (ctx) => {
        const { record, user } = await authenticate(ctx);
        const input = parseInput(setRoleSchema, await readJson(ctx.req, 16 * 1024), 'role change');
        const target = await users.getUser(ctx.params[0]!);
        if (!target) throw new HttpError(404, `User "${ctx.params[0]}" does not exist`);
        const teamId = input.teamId === undefined ? target.teamId : input.teamId;
        const change = { targetTeamId: target.teamId, targetRole: target.role, role: input.role, teamId };
        if (!canManageUser(user, change)) throw new HttpError(403, `A ${record.role} cannot make this user a ${input.role}`);
        if (input.role !== 'admin' && teamId === null) throw new HttpError(400, `A ${input.role} must belong to a team: give teamId`);
        if (teamId !== null && !(await users.getTeam(teamId))) throw new HttpError(404, `Team "${teamId}" does not exist`);
        await audit.append('role-changed', record.id, { userId: target.id, from: target.role, to: input.role, fromTeam: target.teamId, toTeam: teamId });
        const updated = await users.updateUser(target.id, { role: input.role, teamId });
        services.accessChanged(target.id, 'role changed');
        sendJson(ctx.res, 200, publicUser(updated));
      },
    ],
    [
      'PUT',
      /^\/admin\/users\/([A-Za-z0-9_-]{1,128})\/shares$/,
      async (ctx) => {
        const { record, user } = await authenticate(ctx);
        const { sharedOwnerIds } = parseInput(setSharesSchema, await readJson(ctx.req, 64 * 1024), 'shares');
        const target = await users.getUser(ctx.params[0]!);
        if (!target) throw new HttpError(404, `User "${ctx.params[0]}" does not exist`);
        const change = { targetTeamId: target.teamId, targetRole: target.role, role: target.role, teamId: target.teamId };
        if (!canManageUser(user, change)) throw new HttpError(403, `A ${record.role} cannot change this user's shares`);
        await audit.append('shares-changed', record.id, { userId: target.id, sharedOwnerIds });
        const updated = await users.updateUser(target.id, { sharedOwnerIds });
        services.accessChanged(target.id, 'shares changed');
        sendJson(ctx.res, 200, publicUser(updated));
      },
    ],
    [
      'PUT',
      /^\/admin\/accounts\/([A-Za-z0-9_.:-]{1,128})\/owner$/,
      async (ctx) => {
        const actor = await authenticate(ctx);
        const { ownerId, teamId } = parseInput(reassignSchema, await readJson(ctx.req, 16 * 1024), 're-assignment');
        const result = await reassign(actor, ctx.params[0]!, await ownerFor(ownerId), false, teamId);
        if (result.status === 'refused') throw new HttpError(403, result.reason);
        if (result.status === 'conflict') throw new HttpError(409, result.reason, {}, 'REQ005');
        if (result.status === 'missing') throw new HttpError(404, `Account "${ctx.params[0]}" does not exist`);
        sendJson(ctx.res, 200, { id: ctx.params[0], ownerId: result.scope.ownerId, teamId: result.scope.teamId, moved: result.moved });
      },
    ],
    [
      'POST',
      /^\/admin\/accounts\/reassign$/,
      async (ctx) => {
        // Bulk re-assignment; with `preview: true` nothing is written and the answer lists what would move.
        const actor = await authenticate(ctx);
        const { accountIds, ownerId, teamId, preview } = parseInput(bulkReassignSchema, await readJson(ctx.req, 64 * 1024), 'bulk re-assignment');
        const owner = await ownerFor(ownerId);
        // The open apps of the new owner and of their team's CS Managers (who read every document of the team, so
        // receive the same) are told what is about to arrive, so they can count it (arrival-notices.ts).
        const arrival = randomUUID();
        const documents = preview ? {} : await arrivingDocuments(actor, accountIds, owner, teamId);
        const told = Object.values(documents).some((count) => count > 0) ? [owner, ...(await teamLeadsOf(owner))] : [];
        for (const person of told) {
          services.arrivals.announce(person.id, { notice: 'arriving', arrival, documents, to: person.id === owner.id ? 'you' : 'team' });
        }
        const results = [];
        try {
          for (const accountId of accountIds) results.push({ accountId, ...(await reassign(actor, accountId, owner, preview, teamId)) });
        } finally {
          for (const person of told) services.arrivals.announce(person.id, { notice: 'arrived', arrival });
        }
        sendJson(ctx.res, 200, { preview, ownerId: owner.id, results });
      },
    ],
  ];
  return routes;

  async function ownerFor(ownerId: string): Promise<UserRecord & { teamId: string }> {
    const owner = await users.getUser(ownerId);
    if (!owner || owner.teamId === null || owner.role === 'viewer' || owner.disabled) {
      throw new HttpError(400, `"${ownerId}" cannot own accounts: it must be an active CS Rep or CS Manager in a team`);
    }
    return owner as UserRecord & { teamId: string };
  }

  /**
   * How many documents of each collection moving `accountIds` to `owner` is about to bring the owner's replica: each
   * account not theirs yet, with its team's documents of it. An estimate for a progress bar (a move the actor may not
   * make still counts), read from the stores' account look-ups, not the documents.
   */
  async function arrivingDocuments(actor: Authenticated, accountIds: readonly string[], owner: UserRecord, teamId?: string): Promise<Record<string, number>> {
    const moving: { teamId: string; accountId: string }[] = [];
    for (const accountId of accountIds) {
      const located = await locate(storeFor('accounts'), actor.user, accountId, teamId);
      if (!('teamId' in located)) continue;
      const current = await storeFor('accounts').read(located.teamId, accountId);
      if (current && !current._deleted && current.ownerId !== owner.id) moving.push({ teamId: located.teamId, accountId });
    }
    const documents: Record<string, number> = { accounts: moving.length };
    for (const name of services.dependentCollections()) documents[name] = await storeFor(name).countForAccounts(moving);
    return documents;
  }

  /** The active CS Managers of `owner`'s team, but `owner`. */
  async function teamLeadsOf(owner: UserRecord): Promise<UserRecord[]> {
    return (await users.listUsers()).filter((user) => user.id !== owner.id && user.role === 'cs-manager' && user.teamId === owner.teamId && !user.disabled);
  }

  type Reassigned =
    | { status: 'refused'; reason: string }
    | { status: 'missing' }
    | { status: 'conflict'; reason: string; teams?: string[] }
    | { status: 'ok'; scope: Scope; moved: boolean; name?: string; dependents: Record<string, number> };

  /** Moves one account (and its team's dependents) to `owner`, or with `preview` only says what would move. */
  async function reassign(actor: Authenticated, accountId: string, owner: UserRecord & { teamId: string }, preview: boolean, teamId?: string): Promise<Reassigned> {
    const { record, user } = actor;
    const located = await locate(storeFor('accounts'), user, accountId, teamId);
    if ('missing' in located) return { status: 'missing' };
    // The teams to choose from go with the answer: the admin screen offers them and sends the one chosen.
    if ('ambiguous' in located) return { status: 'conflict', reason: `Several teams have an account "${accountId}" (${located.ambiguous.join(', ')}): give teamId`, teams: located.ambiguous };
    try {
      return await reassignIn(actor, located.teamId, accountId, owner, preview);
    } catch (error) {
      if (!(error instanceof IdTakenError)) throw error;
      return { status: 'conflict', reason: `The team of ${owner.name} already has an account "${accountId}"` };
    }
  }

  /** `reassign` for the account of `accountId` in `team`'s id space. */
  async function reassignIn(actor: Authenticated, team: string, accountId: string, owner: UserRecord & { teamId: string }, preview: boolean): Promise<Reassigned> {
    const { record, user } = actor;
    const scope: Scope = { ownerId: owner.id, teamId: owner.teamId };
    const accounts = storeFor('accounts');
    const nextOf = (current: SyncedDocument): SyncedDocument => {
      const at = serverClock.now();
      return { ...current, ...scope, ownerName: owner.name, updatedAt: at, fieldStamps: { ...current.fieldStamps, ownerId: at, teamId: at, ownerName: at } };
    };
    const refusal = { status: 'refused' as const, reason: `A ${record.role} cannot move this account to ${owner.name}` };
    if (preview) {
      const current = await accounts.read(team, accountId);
      if (!current || current._deleted) return current && canRead(user, current) ? refusal : { status: 'missing' };
      if (!canWrite(user, current, nextOf(current))) return canRead(user, current) ? refusal : { status: 'missing' };
      const dependents: Record<string, number> = {};
      for (const name of services.dependentCollections()) {
        dependents[name] = (await storeFor(name).accountDocumentsIn(accountId, current.teamId)).length;
      }
      const moved = current.ownerId !== scope.ownerId || current.teamId !== scope.teamId;
      return { status: 'ok', scope, moved, name: String(current['name'] ?? ''), dependents };
    }
    // Within a team the account's documents move first and the account last: a device that then finds the account
    // its own and catches up with the server (common/playbooks/arrival-hold.ts) finds its executions there already.
    // A move to another team keeps the account first (its id may be taken there: nothing else may move before that).
    const before = await accounts.read(team, accountId);
    const dependentsFirst = before !== null && !before._deleted && before.teamId === scope.teamId && before.ownerId !== scope.ownerId && canWrite(user, before, nextOf(before));
    if (dependentsFirst) await moveDependents(record.id, accountId, before.teamId, scope);
    let refused = false;
    let fromTeamId: string | null = null;
    const written = await accounts.serverWrite(team, accountId, (current) => {
      fromTeamId = current.teamId;
      const next = nextOf(current);
      if (current._deleted || !canWrite(user, current, next)) {
        refused = true;
        return null;
      }
      return current.ownerId === scope.ownerId && current.teamId === scope.teamId ? null : next;
    });
    if (refused) return refusal;
    // Those in the account's notes who may no longer read it (or whose write access changed) are closed before the answer.
    if (written) await services.notes().accountChanged(accountId);
    if (!written && !(await accounts.exists(team, accountId))) return { status: 'missing' };
    // Dependents follow even when the account had already moved (e.g. a retry after a crash between the two): they
    // come from the team it last left then (within its team, or the team a move between teams brought it from).
    const from = written
      ? fromTeamId
      : ((await accounts.departedScopes(team, accountId))[0]?.teamId ?? (await accounts.movedFrom(team, accountId)) ?? fromTeamId);
    if (from !== null && from !== undefined && !(dependentsFirst && written)) await moveDependents(record.id, accountId, from, scope);
    return { status: 'ok', scope, moved: written !== null, dependents: {} };
  }
}

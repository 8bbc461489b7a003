import type { SyncFields } from '../model/sync-fields';

/**
 * Who may read and write which synced documents. Pure: the sync server calls it for every pulled and pushed
 * document, and a client may call it to grey out what the server would refuse anyway.
 */
export const ROLES = ['admin', 'cs-manager', 'cs-rep', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface AccessUser {
  id: string;
  role: Role;
  /** The team the user belongs to; only an Admin may have none. */
  teamId: string | null;
  /**
   * Owners (colleagues in the same team) whose books the team shares read-only with this user, e.g. while a
   * colleague is on leave. Only meaningful for CS Reps; managers and viewers already read the whole team.
   */
  sharedOwnerIds?: readonly string[];
}

export type ScopedDocument = Pick<SyncFields, 'ownerId' | 'teamId'>;

/** Collections a whole team reads and only Admins and CS Managers write (they shape everyone's work). */
const TEAM_WIDE_COLLECTIONS: ReadonlySet<string> = new Set(['teamsettings', 'playbooks']);

function inOwnTeam(user: AccessUser, doc: ScopedDocument): boolean {
  return user.teamId !== null && doc.teamId === user.teamId;
}

export function canRead(user: AccessUser, doc: ScopedDocument, collection?: string): boolean {
  // Team settings (health scorecard, alert rules) drive every member's scores: the whole team reads them.
  if (collection !== undefined && TEAM_WIDE_COLLECTIONS.has(collection) && user.role !== 'admin') return inOwnTeam(user, doc);
  switch (user.role) {
    case 'admin':
      return true;
    case 'cs-manager':
    case 'viewer':
      return inOwnTeam(user, doc);
    case 'cs-rep':
      return inOwnTeam(user, doc) && (doc.ownerId === user.id || (user.sharedOwnerIds ?? []).includes(doc.ownerId));
  }
}

/**
 * May `user` replace `before` (null for a create) with `after` (a delete is an `after` with `_deleted`)?
 * Both states must be in the user's scope, so nobody can move a document out of (or into) a scope they do not own.
 */
export function canWrite(user: AccessUser, before: ScopedDocument | null, after: ScopedDocument, collection?: string): boolean {
  // Team settings (health scorecard, alert rules) shape everyone's scores: only an Admin or the team's CS Manager.
  if (collection !== undefined && TEAM_WIDE_COLLECTIONS.has(collection) && user.role !== 'admin' && user.role !== 'cs-manager') return false;
  const writable = (doc: ScopedDocument): boolean => {
    switch (user.role) {
      case 'admin':
        return true;
      case 'cs-manager':
        return inOwnTeam(user, doc);
      case 'cs-rep':
        return inOwnTeam(user, doc) && doc.ownerId === user.id;
      case 'viewer':
        return false;
    }
  };
  return writable(after) && (before === null || writable(before));
}

/**
 * May `actor` create a user with, or change a user to, `role` in `teamId`? `targetTeamId` is the team the user is
 * in now (null for a new user). Admins manage everyone; CS Managers manage reps and viewers of their own team.
 */
export function canManageUser(
  actor: AccessUser,
  change: { targetTeamId: string | null; targetRole?: Role; role: Role; teamId: string | null },
): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'cs-manager' || actor.teamId === null) return false;
  const managedRole = (role: Role): boolean => role === 'cs-rep' || role === 'viewer';
  const ownTeam = change.teamId === actor.teamId && (change.targetTeamId === null || change.targetTeamId === actor.teamId);
  return ownTeam && managedRole(change.role) && (change.targetRole === undefined || managedRole(change.targetRole));
}

import { canWrite, type ScopedDocument } from '../../../../common/sync/access-policy';
import { useSyncSession } from './session-store';

export type EditPermission = { allowed: true; reason?: undefined } | { allowed: false; reason: string };

/**
 * Whether the signed-in user may change `doc` (or create things in it); always allowed on the device's own book.
 * The server enforces the same policy; this only greys out what it would refuse.
 */
export function editPermission(user: Parameters<typeof canWrite>[0] | null, doc: ScopedDocument | null | undefined): EditPermission {
  if (!user) return { allowed: true };
  if (user.role === 'viewer') return { allowed: false, reason: 'Read-only: Viewers cannot change the team book' };
  if (doc && !canWrite(user, doc, doc)) return { allowed: false, reason: 'Read-only: only the account owner or their manager can change it' };
  return { allowed: true };
}

/**
 * Whether the signed-in user may change the team's scoring settings (scorecard, alert rules): only an Admin or the
 * team's CS Manager, as the server enforces; always allowed on the device's own book.
 */
export function teamSettingsPermission(user: Parameters<typeof canWrite>[0] | null): EditPermission {
  if (!user) return { allowed: true };
  const setting = { ownerId: user.id, teamId: user.teamId ?? '' };
  if (canWrite(user, null, setting, 'teamsettings')) return { allowed: true };
  return { allowed: false, reason: "Read-only: only an Admin or the team's CS Manager can change the scoring settings" };
}

export function useTeamSettingsPermission(): EditPermission {
  const session = useSyncSession((state) => state.session);
  return teamSettingsPermission(session?.user ?? null);
}

export function useEditPermission(doc?: ScopedDocument | null): EditPermission {
  const session = useSyncSession((state) => state.session);
  return editPermission(session?.user ?? null, doc);
}

/** Owner and team for records the signed-in user creates (imports); null on the device's own book. */
export function useActingUser(): { ownerId: string; ownerName: string; teamId: string } | null {
  const session = useSyncSession((state) => state.session);
  if (!session || session.user.teamId === null) return null;
  return { ownerId: session.user.id, ownerName: session.user.name, teamId: session.user.teamId };
}

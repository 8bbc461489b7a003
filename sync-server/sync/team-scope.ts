import type { AccessUser } from '../../common/sync/access-policy';
import type { CollectionStore } from './collection-store';

/** Which team's copy of an id someone means: a team, nobody's (no copy), or several teams' (an Admin must say which). */
export type Located = { teamId: string } | { missing: true } | { ambiguous: string[] };

/**
 * Each team has its own id space (team-keys.ts), so an id alone names one document per team. A member always means
 * their own team's copy (they can neither reach nor sense another team's). An Admin means the team they name; without
 * one, the only team holding a live copy, else (none live) the copy written last; when several teams hold a live
 * copy the answer is `ambiguous` and the Admin must name the team (`teamId`) — nothing is guessed.
 */
export async function locate(store: CollectionStore, user: AccessUser, id: string, teamId?: string): Promise<Located> {
  if (user.role !== 'admin') return user.teamId !== null && (teamId === undefined || teamId === user.teamId) ? { teamId: user.teamId } : { missing: true };
  if (teamId !== undefined) return { teamId };
  const copies = (await store.copies(id)).filter((stored) => stored.movedTo === undefined);
  const live = copies.filter((stored) => !stored.doc._deleted);
  if (live.length === 1) return { teamId: live[0]!.doc.teamId };
  if (live.length > 1) return { ambiguous: live.map((stored) => stored.doc.teamId).sort() };
  const last = copies.sort((a, b) => (a.doc.updatedAt < b.doc.updatedAt ? 1 : -1))[0];
  return last ? { teamId: last.doc.teamId } : { missing: true };
}

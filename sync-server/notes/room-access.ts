import { canRead, canWrite, type AccessUser, type ScopedDocument } from '../../common/sync/access-policy';

/** Who may join which Yjs room (notes per account, playbooks per team), and the answers the rooms close sockets with. */

/**
 * `ws(s)://host/yjs/notes/<accountId>`; y-websocket's WebsocketProvider builds it from `serverUrl = <sync url>/yjs/notes`
 * and `roomname = <accountId>`. The access token is NOT in the URL (URLs get logged): the first message on the socket
 * must be the text frame `{"type":"auth","token":"…"}` (common/sync/notes-handshake.ts), within AUTH_TIMEOUT_MS.
 * Messages that arrive before the check is done are held (up to a few) and handled after it.
 */
export const NOTES_PATH = /^\/yjs\/notes\/([A-Za-z0-9_.:-]{1,128})$/;

/** Who may join an account's notes: those who may read the account; those who may not also write it are read-only. */
export function notesAccess(user: AccessUser | null, account: ScopedDocument & { _deleted?: boolean } | null): RoomAccess {
  if (!user) return { status: 401, message: 'A valid access token is required to open notes' };
  if (!account || account._deleted || !canRead(user, account)) return { status: 403, message: 'You may not read this account' };
  return { readOnly: !canWrite(user, account, account) };
}

/**
 * `room`: the notes room of the account the person reaches (each team has its own id space, so one account id can
 * name an account in several teams, each with its own room; see sync-server/sync/team-keys.ts, notesRoomOf).
 */
export type RoomAccess = { readOnly: boolean; room?: string } | { status: 401 | 403 | 404 | 429; message: string };

/** A granted join, with whom it is for, so the connection closes when their access changes or the token expires. */
export type GrantedAccess = { readOnly: boolean; userId: string; sessionId: string; expiresAt: number; room?: string };
/** A refusal, as the socket is closed with it. */
export type RefusedAccess = Exclude<RoomAccess, { readOnly: boolean }>;

/** `ws(s)://host/yjs/playbooks/<playbookId>`: the playbook co-edited by a team (one room per team and id). */
export const PLAYBOOKS_PATH = /^\/yjs\/playbooks\/([A-Za-z0-9_-]{1,60})$/;

/**
 * Who may join a playbook's room: members of a team (the room is their team's: another team's playbook of the same id
 * is another room); those who may not write playbooks (reps, viewers) join read-only. Admins have no team room.
 */
export function playbookAccess(user: AccessUser | null): RoomAccess & { teamId?: string } {
  if (!user) return { status: 401, message: 'A valid access token is required to open a playbook' };
  if (user.teamId === null) return { status: 403, message: 'Only members of a team co-edit its playbooks' };
  const scope = { ownerId: user.id, teamId: user.teamId };
  return { readOnly: !canWrite(user, scope, scope, 'playbooks'), teamId: user.teamId };
}

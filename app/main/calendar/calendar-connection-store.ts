import type { CalendarConnectRequest } from '../../../common/bridge/channels';
import { keptCalendarConnectionSchema } from '../../../common/bridge/contract';
import { encryptedJsonFile, type EncryptedFileDeps } from '../encrypted-json-file';

/** A connection as kept: Google with its refresh token (also what a sign-in produces), or CalDAV. */
export type KeptCalendarConnection = Exclude<CalendarConnectRequest, { provider: 'google-sign-in' }>;

export interface CalendarConnectionStore {
  save(connection: KeptCalendarConnection): Promise<void>;
  load(): Promise<KeptCalendarConnection | null>;
  clear(): Promise<void>;
}

/**
 * The connected calendar's credentials (Google refresh token, CalDAV password), kept on disk only encrypted by the OS
 * keychain (Electron's safeStorage), as the team-sync sign-in is; where the OS offers no encryption nothing is written
 * and the connection lasts for this run only.
 */
export function createCalendarConnectionStore(deps: EncryptedFileDeps): CalendarConnectionStore {
  return encryptedJsonFile(deps, keptCalendarConnectionSchema, 'calendar connection', 'connect again');
}

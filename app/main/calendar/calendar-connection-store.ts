import type { CalendarConnectRequest } from '../../../common/bridge/channels';
import { calendarConnectRequestSchema } from '../../../common/bridge/contract';
import { encryptedJsonFile, type EncryptedFileDeps } from '../encrypted-json-file';

export interface CalendarConnectionStore {
  save(connection: CalendarConnectRequest): Promise<void>;
  load(): Promise<CalendarConnectRequest | null>;
  clear(): Promise<void>;
}

/**
 * The connected calendar's credentials (Google refresh token, CalDAV password), kept on disk only encrypted by the OS
 * keychain (Electron's safeStorage), as the team-sync sign-in is; where the OS offers no encryption nothing is written
 * and the connection lasts for this run only.
 */
export function createCalendarConnectionStore(deps: EncryptedFileDeps): CalendarConnectionStore {
  return encryptedJsonFile(deps, calendarConnectRequestSchema, 'calendar connection', 'connect again');
}

import type * as nodeFs from 'node:fs/promises';
import type { CalendarConnectRequest } from '../../../common/bridge/channels';
import { calendarConnectRequestSchema } from '../../../common/bridge/contract';
import type { StringCipher } from '../sync-session-store';

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
export function createCalendarConnectionStore(deps: {
  file: string;
  cipher: StringCipher;
  fs: Pick<typeof nodeFs, 'readFile' | 'writeFile' | 'rm' | 'rename'>;
  warn?: (message: string) => void;
}): CalendarConnectionStore {
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  return {
    async save(connection) {
      const valid = calendarConnectRequestSchema.parse(connection);
      if (!deps.cipher.isEncryptionAvailable()) {
        warn('Outpost: OS encryption is unavailable; the calendar connection is kept for this run only');
        await deps.fs.rm(deps.file, { force: true });
        return;
      }
      const temp = `${deps.file}.tmp`;
      await deps.fs.writeFile(temp, new Uint8Array(deps.cipher.encryptString(JSON.stringify(valid))));
      await deps.fs.rename(temp, deps.file);
    },
    async load() {
      if (!deps.cipher.isEncryptionAvailable()) return null;
      let encrypted: Buffer;
      try {
        encrypted = await deps.fs.readFile(deps.file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const parsed = calendarConnectRequestSchema.safeParse(JSON.parse(deps.cipher.decryptString(encrypted)));
        if (parsed.success) return parsed.data;
        warn(`Outpost: the kept calendar connection is not valid (${parsed.error.issues[0]?.message}); connect again`);
      } catch (error) {
        warn(`Outpost: the kept calendar connection could not be decrypted (${(error as Error).message}); connect again`);
      }
      return null;
    },
    async clear() {
      await deps.fs.rm(deps.file, { force: true });
    },
  };
}

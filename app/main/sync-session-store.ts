import type * as nodeFs from 'node:fs/promises';
import { syncSessionSchema, type SyncSession } from '../../common/bridge/contract';

/** Electron's safeStorage, reduced to what the store needs (see safe-storage.ts for the adapter). */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface SyncSessionStore {
  save(session: SyncSession): Promise<void>;
  load(): Promise<SyncSession | null>;
  clear(): Promise<void>;
}

export interface SyncSessionStoreDeps {
  /** Where the encrypted session is kept, e.g. `<userData>/sync-session.bin`. */
  file: string;
  cipher: StringCipher;
  fs: Pick<typeof nodeFs, 'readFile' | 'writeFile' | 'rm' | 'rename'>;
  warn?: (message: string) => void;
}

/**
 * The team-sync sign-in, kept on disk only encrypted by the OS keychain (safeStorage). Where the OS offers no
 * encryption it is kept in memory for this run only, so a refresh token is never written in the clear.
 */
export function createSyncSessionStore(deps: SyncSessionStoreDeps): SyncSessionStore {
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  let inMemory: SyncSession | null = null;

  return {
    async save(session) {
      const valid = syncSessionSchema.parse(session);
      inMemory = valid;
      if (!deps.cipher.isEncryptionAvailable()) {
        warn('Outpost: OS encryption is unavailable; the sync sign-in is kept for this session only');
        await deps.fs.rm(deps.file, { force: true });
        return;
      }
      // Write then rename, so a crash leaves the old session or the new one, never half of one.
      const temp = `${deps.file}.tmp`;
      await deps.fs.writeFile(temp, new Uint8Array(deps.cipher.encryptString(JSON.stringify(valid))));
      await deps.fs.rename(temp, deps.file);
    },

    async load() {
      if (inMemory) return inMemory;
      if (!deps.cipher.isEncryptionAvailable()) return null;
      let encrypted: Buffer;
      try {
        encrypted = await deps.fs.readFile(deps.file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const parsed = syncSessionSchema.safeParse(JSON.parse(deps.cipher.decryptString(encrypted)));
        if (parsed.success) return (inMemory = parsed.data);
        warn(`Outpost: the kept sync sign-in is not valid (${parsed.error.issues[0]?.message}); sign in again`);
      } catch (error) {
        warn(`Outpost: the kept sync sign-in could not be decrypted (${(error as Error).message}); sign in again`);
      }
      return null;
    },

    async clear() {
      inMemory = null;
      await deps.fs.rm(deps.file, { force: true });
    },
  };
}

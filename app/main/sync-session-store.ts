import { syncSessionSchema, type SyncSession } from '../../common/bridge/contract';
import { encryptedJsonFile, type EncryptedFileDeps } from './encrypted-json-file';

export type { StringCipher } from './encrypted-json-file';

export interface SyncSessionStore {
  save(session: SyncSession): Promise<void>;
  load(): Promise<SyncSession | null>;
  clear(): Promise<void>;
}

export type SyncSessionStoreDeps = EncryptedFileDeps;

/**
 * The team-sync sign-in, kept on disk only encrypted by the OS keychain (safeStorage). Where the OS offers no
 * encryption it is kept in memory for this run only, so a refresh token is never written in the clear.
 */
export function createSyncSessionStore(deps: SyncSessionStoreDeps): SyncSessionStore {
  const file = encryptedJsonFile(deps, syncSessionSchema, 'sync sign-in', 'sign in again');
  let inMemory: SyncSession | null = null;
  return {
    async save(session) {
      inMemory = syncSessionSchema.parse(session);
      await file.save(inMemory);
    },
    async load() {
      return inMemory ?? (inMemory = await file.load());
    },
    async clear() {
      inMemory = null;
      await file.clear();
    },
  };
}

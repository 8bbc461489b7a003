import type * as nodeFs from 'node:fs/promises';
import type { ZodType } from 'zod';

/** Electron's safeStorage, reduced to what the stores need (see safe-storage.ts for the adapter). */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface EncryptedFileDeps {
  /** Where the encrypted value is kept, e.g. `<userData>/sync-session.bin`. */
  file: string;
  cipher: StringCipher;
  fs: Pick<typeof nodeFs, 'readFile' | 'writeFile' | 'rm' | 'rename'>;
  warn?: (message: string) => void;
}

export interface EncryptedJsonFile<T> {
  save(value: T): Promise<void>;
  load(): Promise<T | null>;
  clear(): Promise<void>;
}

/**
 * One secret value (a sign-in, a calendar connection) kept on disk only encrypted by the OS keychain, validated by
 * `schema` on the way in and out. Where the OS offers no encryption nothing is written (and any old file is removed),
 * so a token never lands on disk in the clear. `what` names the value in warnings ("sync sign-in"), `again` what the
 * person does when the kept value cannot be used ("sign in again").
 */
export function encryptedJsonFile<T>(deps: EncryptedFileDeps, schema: ZodType<T>, what: string, again: string): EncryptedJsonFile<T> {
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  return {
    async save(value) {
      const valid = schema.parse(value);
      if (!deps.cipher.isEncryptionAvailable()) {
        warn(`Outpost: OS encryption is unavailable; the ${what} is kept for this run only`);
        await deps.fs.rm(deps.file, { force: true });
        return;
      }
      // Write then rename, so a crash leaves the old value or the new one, never half of one.
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
        const parsed = schema.safeParse(JSON.parse(deps.cipher.decryptString(encrypted)));
        if (parsed.success) return parsed.data;
        warn(`Outpost: the kept ${what} is not valid (${parsed.error.issues[0]?.message}); ${again}`);
      } catch (error) {
        warn(`Outpost: the kept ${what} could not be decrypted (${(error as Error).message}); ${again}`);
      }
      return null;
    },
    async clear() {
      await deps.fs.rm(deps.file, { force: true });
    },
  };
}

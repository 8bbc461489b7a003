import { safeStorage } from 'electron';
import type { StringCipher } from './encrypted-json-file';

/**
 * The OS keychain encryption Electron offers (Keychain, DPAPI, libsecret/kwallet), as a StringCipher. On Linux
 * without a keyring Electron falls back to a hard-coded key ("basic_text"); that counts as no encryption.
 */
export function electronCipher(platform: NodeJS.Platform = process.platform): StringCipher {
  return {
    isEncryptionAvailable: () =>
      safeStorage.isEncryptionAvailable() &&
      !(platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
}

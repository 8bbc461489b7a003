import { beforeEach, describe, expect, it, vi } from 'vitest';

const safeStorage = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: () => safeStorage.available,
  getSelectedStorageBackend: () => safeStorage.backend,
  encryptString: vi.fn((plain: string) => Buffer.from(`enc:${plain}`)),
  decryptString: vi.fn((encrypted: Buffer) => encrypted.toString().replace(/^enc:/, '')),
}));
vi.mock('electron', () => ({ safeStorage }));

import { electronCipher } from './safe-storage';

beforeEach(() => {
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
});

describe('electronCipher', () => {
  it('encrypts and decrypts through safeStorage', () => {
    const cipher = electronCipher('linux');
    expect(cipher.isEncryptionAvailable()).toBe(true);
    const encrypted = cipher.encryptString('secret');
    expect(safeStorage.encryptString).toHaveBeenCalledWith('secret');
    expect(cipher.decryptString(encrypted)).toBe('secret');
  });

  it('counts Linux without a keyring (basic_text) as no encryption', () => {
    safeStorage.backend = 'basic_text';
    expect(electronCipher('linux').isEncryptionAvailable()).toBe(false);
    expect(electronCipher('darwin').isEncryptionAvailable()).toBe(true);
  });

  it('reports no encryption when safeStorage has none', () => {
    safeStorage.available = false;
    expect(electronCipher('win32').isEncryptionAvailable()).toBe(false);
  });
});

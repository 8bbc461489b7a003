import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, type SyncSession } from '../../common/bridge/contract';
import { BridgeInputError, createBridgeHandlers, type BridgeHandlerDeps } from './ipc-handlers';
import { createSyncSessionStore } from './sync-session-store';

let dir: string;
let notified: { title: string; body: string }[];
let openResult: { canceled: boolean; filePaths: string[] };
let saveResult: { canceled: boolean; filePath?: string };
let openOptions: unknown;

function handlers(overrides: Partial<BridgeHandlerDeps> = {}) {
  return createBridgeHandlers({
    appInfo: { name: 'Outpost', version: '1.2.3', platform: 'linux' },
    showOpenDialog: async (options) => ((openOptions = options), openResult),
    showSaveDialog: async () => saveResult,
    notify: (n) => void notified.push(n),
    printToPdf: async ({ landscape }) => new TextEncoder().encode(`%PDF-1.7 landscape=${landscape}`),
    syncSessions: createSyncSessionStore({
      file: join(dir, 'sync-session.bin'),
      cipher: { isEncryptionAvailable: () => true, encryptString: (s) => Buffer.from(s).reverse(), decryptString: (b) => Buffer.from(b).reverse().toString() },
      fs: nodeFs,
    }),
    ...overrides,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-ipc-'));
  notified = [];
  openResult = { canceled: true, filePaths: [] };
  saveResult = { canceled: true };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createBridgeHandlers', () => {
  it('has exactly one handler per bridge channel', () => {
    expect(Object.keys(handlers()).sort()).toEqual(Object.values(BRIDGE_CHANNELS).sort());
  });

  it('reports the app as running in Electron', async () => {
    expect(await handlers()[BRIDGE_CHANNELS.appInfo](undefined)).toEqual({
      name: 'Outpost',
      version: '1.2.3',
      host: 'electron',
      platform: 'linux',
    });
  });

  it('reads the picked files as UTF-8 text', async () => {
    await writeFile(join(dir, 'accounts.csv'), 'name,arr\nAcme,1200\nZoë GmbH,900\n');
    await writeFile(join(dir, 'contacts.csv'), 'email\n');
    openResult = { canceled: false, filePaths: [join(dir, 'accounts.csv'), join(dir, 'contacts.csv')] };
    const files = await handlers()[BRIDGE_CHANNELS.openTextFiles]({
      title: 'Import',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
      multiple: true,
    });
    expect(openOptions).toEqual({ title: 'Import', filters: [{ name: 'CSV', extensions: ['csv'] }], multiple: true });
    expect(files).toEqual([
      { name: 'accounts.csv', size: Buffer.byteLength('name,arr\nAcme,1200\nZoë GmbH,900\n'), text: 'name,arr\nAcme,1200\nZoë GmbH,900\n' },
      { name: 'contacts.csv', size: 6, text: 'email\n' },
    ]);
  });

  it('returns no files when the dialog is cancelled', async () => {
    expect(await handlers()[BRIDGE_CHANNELS.openTextFiles]({})).toEqual([]);
  });

  it('refuses a file over the size limit before reading it', async () => {
    await writeFile(join(dir, 'huge.csv'), 'x'.repeat(2048));
    openResult = { canceled: false, filePaths: [join(dir, 'huge.csv')] };
    await expect(handlers({ maxOpenFileBytes: 1024 })[BRIDGE_CHANNELS.openTextFiles]({})).rejects.toThrow(
      /huge\.csv is .* MB; the limit is/,
    );
  });

  it('rejects an invalid open request naming the fields', async () => {
    const open = handlers()[BRIDGE_CHANNELS.openTextFiles]({ multiple: 'yes', filters: [{ name: 'CSV', extensions: ['.csv'] }] });
    await expect(open).rejects.toBeInstanceOf(BridgeInputError);
    await expect(open).rejects.toThrow(/outpost:open-text-files.*(multiple.*filters\.0\.extensions\.0|filters\.0\.extensions\.0.*multiple)/);
  });

  it('writes the content where the person chose', async () => {
    const target = join(dir, 'export.csv');
    saveResult = { canceled: false, filePath: target };
    const result = await handlers()[BRIDGE_CHANNELS.saveTextFile]({ suggestedName: 'export.csv', content: 'a,b\n1,2\n' });
    expect(result).toEqual({ saved: true, location: target });
    expect(await readFile(target, 'utf8')).toBe('a,b\n1,2\n');
  });

  it('reports saved: false when the save dialog is cancelled', async () => {
    expect(await handlers()[BRIDGE_CHANNELS.saveTextFile]({ suggestedName: 'export.csv', content: 'x' })).toEqual({
      saved: false,
    });
  });

  it('rejects a suggested name that is a path, naming the field', async () => {
    saveResult = { canceled: false, filePath: join(dir, 'never.csv') };
    await expect(
      handlers()[BRIDGE_CHANNELS.saveTextFile]({ suggestedName: '../../etc/passwd', content: 'x' }),
    ).rejects.toThrow(/suggestedName: suggestedName must be a file name/);
  });

  it('rejects a save request without content', async () => {
    await expect(handlers()[BRIDGE_CHANNELS.saveTextFile]({ suggestedName: 'a.csv' })).rejects.toThrow(/content:/);
  });

  it('prints the page to PDF and writes it where the person chose', async () => {
    const target = join(dir, 'dashboard.pdf');
    saveResult = { canceled: false, filePath: target };
    expect(await handlers()[BRIDGE_CHANNELS.exportPdf]({ suggestedName: 'dashboard.pdf', landscape: true })).toEqual({ saved: true, location: target });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 landscape=true');
  });

  it('refuses a PDF name that is a path or not a .pdf, and writes nothing when the dialog is cancelled', async () => {
    await expect(handlers()[BRIDGE_CHANNELS.exportPdf]({ suggestedName: '../x.pdf' })).rejects.toThrow(/suggestedName: suggestedName must be a file name/);
    await expect(handlers()[BRIDGE_CHANNELS.exportPdf]({ suggestedName: 'report.exe' })).rejects.toThrow(/must end in \.pdf/);
    expect(await handlers()[BRIDGE_CHANNELS.exportPdf]({ suggestedName: 'report.pdf' })).toEqual({ saved: false });
  });

  it('passes a valid notification on with the default body', async () => {
    await handlers()[BRIDGE_CHANNELS.notify]({ title: 'Renewal due' });
    expect(notified).toEqual([{ title: 'Renewal due', body: '' }]);
  });

  it('rejects a notification without a title', async () => {
    await expect(handlers()[BRIDGE_CHANNELS.notify]({ body: 'x' })).rejects.toThrow(/outpost:notify.*title:/);
    await expect(handlers()[BRIDGE_CHANNELS.notify]('hello')).rejects.toThrow(/\(argument\):/);
    expect(notified).toEqual([]);
  });

  it('keeps, reads back and clears the sync session, validating what the renderer sends', async () => {
    const session: SyncSession = {
      serverUrl: 'http://127.0.0.1:8787',
      user: { id: 'u1', email: 'a@b.c', name: 'A', role: 'viewer', teamId: 't1' },
      refreshToken: 'r',
      accessToken: 'a',
      accessExpiresAt: 1,
    };
    await handlers()[BRIDGE_CHANNELS.saveSyncSession](session);
    expect(await handlers()[BRIDGE_CHANNELS.loadSyncSession](undefined)).toEqual(session);
    await handlers()[BRIDGE_CHANNELS.clearSyncSession](undefined);
    expect(await handlers()[BRIDGE_CHANNELS.loadSyncSession](undefined)).toBeNull();
    await expect(handlers()[BRIDGE_CHANNELS.saveSyncSession]({ ...session, user: { ...session.user, role: 'god' } })).rejects.toThrow(
      /outpost:save-sync-session.*user\.role/,
    );
  });
});

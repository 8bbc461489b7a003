// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { OutpostBridge } from '../../../../common/bridge/contract';
import { createBrowserHost, SYNC_SESSION_KEY } from './browser-host';

describe('browser host', () => {
  it('implements every method of the bridge contract', () => {
    const host: OutpostBridge = createBrowserHost(document);
    for (const method of ['appInfo', 'openTextFiles', 'saveTextFile', 'notify', 'saveSyncSession', 'loadSyncSession', 'clearSyncSession', 'exportPdf'] as const) {
      expect(typeof host[method]).toBe('function');
    }
  });

  it('reports itself as the browser host', async () => {
    expect(await createBrowserHost(document).appInfo()).toMatchObject({ name: 'Outpost', host: 'browser' });
  });

  it('reads the files the person picks, and only accepts the requested extensions', async () => {
    const host = createBrowserHost(document);
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      expect(this.accept).toBe('.csv,.txt');
      const file = new File(['id,name\n1,Acme\n'], 'accounts.csv', { type: 'text/csv' });
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
    const files = await host.openTextFiles({ filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] });
    click.mockRestore();
    expect(files).toEqual([{ name: 'accounts.csv', size: 15, text: 'id,name\n1,Acme\n' }]);
    expect(document.querySelectorAll('input[type=file]')).toHaveLength(0);
  });

  it('exports a PDF through the browser\'s print dialog, titled with the file name, and refuses a bad name', async () => {
    const host = createBrowserHost(document);
    document.title = 'Outpost';
    const titles: string[] = [];
    // happy-dom has no print(); the browser's is a dialog, so it is replaced here either way.
    const print = vi.fn(() => void titles.push(document.title));
    Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true });
    expect(await host.exportPdf({ suggestedName: 'outpost-dashboard.pdf' })).toEqual({ saved: true, location: 'outpost-dashboard.pdf' });
    expect(titles).toEqual(['outpost-dashboard']);
    expect(document.title).toBe('Outpost');
    await expect(host.exportPdf({ suggestedName: 'a/b.pdf' })).rejects.toThrow(/file name/);
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('resolves to no files when the person cancels', async () => {
    const host = createBrowserHost(document);
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      this.dispatchEvent(new Event('cancel'));
    });
    await expect(host.openTextFiles({})).resolves.toEqual([]);
    click.mockRestore();
  });

  it('saves through a download named as requested', async () => {
    const host = createBrowserHost(document);
    let downloaded = '';
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloaded = this.download;
    });
    await expect(host.saveTextFile({ suggestedName: 'accounts.csv', content: 'a,b' })).resolves.toMatchObject({ saved: true });
    click.mockRestore();
    expect(downloaded).toBe('accounts.csv');
  });

  it('refuses invalid requests with the field named, before touching the page', async () => {
    const host = createBrowserHost(document);
    await expect(host.saveTextFile({ suggestedName: 'a/b.csv', content: '' })).rejects.toThrow(/suggestedName/);
  });

  it('keeps the sync session in session storage only, and drops an invalid one', async () => {
    const host = createBrowserHost(document, sessionStorage);
    const session = {
      serverUrl: 'http://127.0.0.1:8787',
      user: { id: 'u1', email: 'a@b.c', name: 'A', role: 'cs-rep' as const, teamId: 't1' },
      refreshToken: 'r',
      accessToken: 'a',
      accessExpiresAt: 1,
    };
    await host.saveSyncSession(session);
    expect(JSON.parse(sessionStorage.getItem(SYNC_SESSION_KEY)!)).toEqual(session);
    expect(localStorage.getItem(SYNC_SESSION_KEY)).toBeNull();
    expect(await host.loadSyncSession()).toEqual(session);
    await host.clearSyncSession();
    expect(await host.loadSyncSession()).toBeNull();
    sessionStorage.setItem(SYNC_SESSION_KEY, '{"serverUrl":"nope"}');
    expect(await host.loadSyncSession()).toBeNull();
    expect(sessionStorage.getItem(SYNC_SESSION_KEY)).toBeNull();
    await expect(host.saveSyncSession({ ...session, serverUrl: 'javascript:alert(1)' })).rejects.toThrow(/serverUrl/);
  });
});

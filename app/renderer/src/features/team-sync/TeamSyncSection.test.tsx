// @vitest-environment happy-dom
import { generate } from 'otplib';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, PASSWORD, seedTeams, startTestServer, type TestServer } from '../../../../../sync-server/testing/test-server';
import { SYNC_SESSION_KEY } from '../../bridge/browser-host';
import { useSyncSession } from '../../session/session-store';
import { TeamSyncSection } from './TeamSyncSection';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
let secret: string;
let container: HTMLDivElement;
let root: Root;
let reloads: number;

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
  secret = (await api(t.server, 'POST', '/auth/totp/enrol', { token: team.repA2.token })).body.secret;
  const now = Math.floor(Date.now() / 1000);
  await api(t.server, 'POST', '/auth/totp/confirm', { token: team.repA2.token, body: { code: await generate({ secret, epoch: now - 30 }) } });
});
afterAll(() => t.stop());

beforeEach(async () => {
  sessionStorage.clear();
  reloads = 0;
  vi.spyOn(window.location, 'reload').mockImplementation(() => void (reloads += 1));
  useSyncSession.setState({ phase: 'signed-out', session: null });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<TeamSyncSection />));
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

function input(label: string): HTMLInputElement {
  const found = [...container.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label))?.querySelector('input');
  if (!found) throw new Error(`no field ${label}`);
  return found;
}

async function fill(label: string, value: string) {
  const element = input(label);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submitAndSettle(expectAlert = true) {
  await act(async () => container.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
  for (let i = 0; i < 200; i += 1) {
    if (expectAlert ? container.querySelector('[role="alert"]') : reloads > 0) return;
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}

const alertText = () => container.querySelector('[role="alert"]')?.textContent ?? '';

describe('Settings → Team sync', () => {
  it('says what is wrong with a sign-in, asks for the authenticator code when needed, then keeps the session and switches books', async () => {
    await fill('Server URL', 'http://10.1.2.3:8787');
    await fill('Email', 'rep.a2@example.com');
    await fill('Password', PASSWORD);
    await submitAndSettle();
    expect(alertText()).toMatch(/Use https:\/\//);

    await fill('Server URL', t.server.url);
    await fill('Password', 'wrong-password');
    await submitAndSettle();
    expect(alertText()).toBe('Email or password is wrong');

    await fill('Password', PASSWORD);
    await submitAndSettle();
    expect(alertText()).toMatch(/code from your authenticator app/);
    await fill('Authentication code', await generate({ secret }));
    await submitAndSettle(false);
    expect(reloads).toBe(1);
    expect(JSON.parse(sessionStorage.getItem(SYNC_SESSION_KEY)!)).toMatchObject({
      serverUrl: t.server.url,
      user: { email: 'rep.a2@example.com', role: 'cs-rep' },
    });
  });
});

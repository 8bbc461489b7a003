import type { BrowserContext } from '@playwright/test';
import { expect } from './fixtures';
import { E2E_PASSWORD, e2eSyncPort } from '../support/e2e-sync-users';

/** The seeded e2e sync server that playwright.config.ts starts (tests/support/e2e-sync-server.ts). */
export const E2E_SERVER = `http://127.0.0.1:${e2eSyncPort()}`;

/** Resolves once the e2e sync server is seeded: the seed script creates this user last. */
export async function waitForSeededSyncServer(): Promise<void> {
  await expect
    .poll(
      async () =>
        (await fetch(`${E2E_SERVER}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'ready@e2e.example', password: E2E_PASSWORD }),
        }).catch(() => null))?.status,
      { timeout: 60_000 },
    )
    .toBe(200);
}

/**
 * Opens every page of `context` signed in as `email`: a sign-in through the API, and the session the browser host
 * keeps in sessionStorage, as if the person had signed in under Settings → Team sync. `serverUrl` puts another address
 * in the kept session (a server that has since become unreachable).
 */
export async function signInContext(context: BrowserContext, email: string, password = E2E_PASSWORD, serverUrl = E2E_SERVER): Promise<void> {
  const response = await fetch(`${E2E_SERVER}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status, `sign-in of ${email}`).toBe(200);
  const body = await response.json();
  const session = {
    serverUrl,
    user: { id: body.user.id, email: body.user.email, name: body.user.name, role: body.user.role, teamId: body.user.teamId },
    refreshToken: body.refreshToken,
    accessToken: body.accessToken,
    accessExpiresAt: Date.now() + body.expiresIn * 1000,
  };
  await context.addInitScript((kept) => {
    if (!sessionStorage.getItem('outpost.sync-session')) sessionStorage.setItem('outpost.sync-session', kept);
  }, JSON.stringify(session));
}

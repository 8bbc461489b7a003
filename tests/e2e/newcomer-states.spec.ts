import { createServer } from 'node:net';
import { test, expect } from './fixtures';
import { E2E_EMPTY_TEAM_USER, E2E_USERS } from '../support/e2e-sync-users';
import { signInContext, waitForSeededSyncServer } from './team-session';

// States that mislead a new CSM (issue 19): an empty team book, and a sync server that cannot be reached.

test.use({ viewport: { width: 1440, height: 900 } });
// Team books, signed in from the start: no local demo book first.
test.use({ bookProfile: 'empty' });
test.beforeAll(waitForSeededSyncServer);

/** An address on this machine where nothing listens: every connection to it is refused. */
async function refusedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

test('an empty team book says the book is empty and how accounts arrive, not that the search and filters match nothing', async ({ context, page }) => {
  await signInContext(context, E2E_EMPTY_TEAM_USER.email);
  await page.goto('/#/accounts');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('All changes synced');
  const empty = page.getByTestId('grid-empty');
  await expect(empty).toContainText('This book has no accounts yet');
  await expect(empty).toContainText('Import CSV');
  await expect(empty).toContainText('a team lead assigns them');
  await expect(empty).not.toContainText('match the search');
  await expect(page.getByRole('button', { name: 'Clear filters' })).toHaveCount(0);
});

test.describe('the sync server cannot be reached', () => {
  // The browser logs each refused connection; these are the ones this test provokes (and counts).
  test.use({ expectedConsole: [/net::ERR_CONNECTION_REFUSED/] });

  test('the indicator says the server is unreachable and edits are kept, and the console gets one refused connection per retry, not a flood', async ({ context, page }) => {
    const refused: number[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /ERR_CONNECTION_REFUSED/.test(message.text())) refused.push(Date.now());
    });
    await signInContext(context, E2E_USERS.rep1.email, undefined, await refusedAddress());
    await page.goto('/#/accounts');

    const problem = page.getByTestId('sync-problem');
    await expect(problem).toContainText('Cannot reach the sync server', { timeout: 30_000 });
    await expect(problem).toContainText('Your changes are kept on this device');
    await expect(problem).not.toContainText('Failed to fetch');
    await expect(page.getByTestId('sync-state')).toHaveText('Offline');

    // Watch a few retry cycles: the eight replications and the live stream retry together behind one probe, so
    // refused connections never come in a burst (the flood was about 16 at a time).
    await expect.poll(() => refused.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
    const gaps = refused.slice(1).map((at, i) => at - refused[i]!);
    expect(Math.min(...gaps), `gaps between refused connections: ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(500);
  });
});

test('the access token never travels in a URL: the shared-notes socket and every request carry it elsewhere', async ({ context, page }) => {
  const urls: string[] = [];
  page.on('websocket', (socket) => urls.push(socket.url()));
  page.on('request', (request) => urls.push(request.url()));
  await signInContext(context, E2E_USERS.rep1.email);
  await page.goto('/#/accounts/e2e-northwind');
  await expect(page.getByTestId('shared-notes-status')).toHaveAttribute('data-connection', 'connected', { timeout: 30_000 });
  expect(urls.filter((url) => url.startsWith('ws')), 'the notes socket was opened').not.toHaveLength(0);
  expect(urls.filter((url) => /token=|eyJ/.test(url))).toEqual([]);
});

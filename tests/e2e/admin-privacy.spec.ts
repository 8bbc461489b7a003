import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { E2E_PASSWORD } from '../support/e2e-sync-users';
import { E2E_SERVER, signInContext, waitForSeededSyncServer } from './team-session';
import { ADMIN, syncedDoc } from '../../sync-server/testing/test-server';
import { contactFixture } from '../../sync-server/testing/test-replicas';
import { HybridLogicalClock } from '../../common/clock/hlc';

/**
 * The admin screen's Personal data section against the seeded e2e sync server: an Admin finds a rep's contact by name,
 * exports it (JSON and CSV downloads), then erases it after typing its name, and the contact's name leaves the rep's
 * open account page and what the rep pulls.
 */
const SERVER = E2E_SERVER;
const REP = 'riley.rep@e2e.example';

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${SERVER}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

async function signIn(email: string, password: string) {
  const response = await fetch(`${SERVER}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return response.json();
}

test.beforeAll(waitForSeededSyncServer);

test('an Admin exports a contact as JSON and CSV, then erases it, and its name leaves the rep’s account page', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const accountId = `e2e-pd-acc-${stamp}`;
  const contactId = `e2e-pd-con-${stamp}`;
  const name = `Perdita Vance ${stamp}`;
  const email = `perdita.${stamp}@e2e.example`;
  const rep = await signIn(REP, E2E_PASSWORD);
  const owner = { id: rep.user.id, token: '', teamId: rep.user.teamId };
  const push = (collection: string, doc: object) => call('POST', `/sync/${collection}/push`, rep.accessToken, [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }]);
  expect((await push('accounts', syncedDoc(accountId, owner, { name: `Vance Works ${stamp}` }))).body).toEqual([]);
  expect((await push('contacts', { ...contactFixture(contactId, accountId, owner, new HybridLogicalClock('e2eprivacy')), name, email })).body).toEqual([]);

  // The rep has the account open and sees the contact.
  const repCtx = await browser.newContext();
  await signInContext(repCtx, REP);
  const repPage = await repCtx.newPage();
  await repPage.goto(`/#/accounts/${accountId}`);
  await expect(repPage.getByTestId('contacts-panel')).toContainText(name, { timeout: 30_000 });

  const adminCtx = await browser.newContext({ acceptDownloads: true });
  await signInContext(adminCtx, ADMIN.email, ADMIN.password);
  const admin = await adminCtx.newPage();
  await admin.goto('/#/admin');
  const privacy = admin.getByRole('region', { name: 'Personal data' });
  await expect(privacy).toBeVisible({ timeout: 30_000 });

  // Find by name, with the keyboard.
  await privacy.getByLabel('Search by name or email').fill(name);
  await privacy.getByLabel('Search by name or email').press('Enter');
  await privacy.getByRole('button', { name: `Choose ${name}` }).click();
  await expect(privacy.getByTestId('privacy-erase-preview')).toContainText('1 contact');

  // Export: the JSON holds the contact's email; the CSV too. Files are named after the subject and the day.
  const day = new Date().toISOString().slice(0, 10);
  const [json] = await Promise.all([admin.waitForEvent('download'), privacy.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(json.suggestedFilename()).toBe(`outpost-contact-perdita-vance-${stamp}-${day}.json`);
  const exported = JSON.parse(await readFile((await json.path())!, 'utf8'));
  expect(exported.subject).toBe(`contact:${contactId}`);
  expect(exported.records.contacts[0]).toMatchObject({ id: contactId, name, email });
  const [csv] = await Promise.all([admin.waitForEvent('download'), privacy.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe(`outpost-contact-perdita-vance-${stamp}-${day}.csv`);
  expect(await readFile((await csv.path())!, 'utf8')).toContain(`contacts,${contactId},email,${email}`);

  // Erase: refused until the name (or ERASE) is typed.
  const erase = privacy.getByRole('button', { name: `Erase ${name}` });
  await expect(erase).toBeDisabled();
  await privacy.getByLabel(/to confirm/).fill('Perdita');
  await expect(erase).toBeDisabled();
  await privacy.getByLabel(/to confirm/).fill(name);
  await erase.click();
  await expect(privacy.getByTestId('privacy-outcome')).toContainText(`Erased contact ${name}: 1 contact erased`);

  // Gone from the rep's open account page, from what they pull, and from the search.
  await expect(repPage.getByTestId('contacts-panel')).not.toContainText(name, { timeout: 30_000 });
  const pulled = await call('GET', '/sync/contacts/pull?limit=1000', (await signIn(REP, E2E_PASSWORD)).accessToken);
  const copy = (pulled.body.documents as { id: string }[]).find((doc) => doc.id === contactId);
  expect(copy).toMatchObject({ _deleted: true });
  expect(JSON.stringify(copy)).not.toContain('Perdita');
  await privacy.getByLabel('Search by name or email').press('Enter');
  await expect(privacy.getByRole('table', { name: 'Matching subjects' })).toContainText('Nothing matches');

  await adminCtx.close();
  await repCtx.close();
});

import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { E2E_PASSWORD, E2E_USERS } from '../support/e2e-sync-users';
import { expectNoSeriousA11yViolations, useTheme, type ThemeName } from './ui-checks';
import { E2E_SERVER, signInContext, waitForSeededSyncServer } from './team-session';
import { ADMIN, syncedDoc } from '../../sync-server/testing/test-server';
import { contactFixture } from '../../sync-server/testing/test-replicas';
import { HybridLogicalClock } from '../../common/clock/hlc';

// This spec opens its own contexts (browser.newContext): the test's own page needs no demo book.
test.use({ bookProfile: 'empty' });

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

for (const theme of ['light', 'dark'] as ThemeName[]) {
  test(`an id two teams hold asks which team’s, and erases only that team’s contact (${theme}; a CS Manager has no such section)`, async ({ browser }) => {
    test.setTimeout(90_000);
    const stamp = `${Date.now()}-${theme}`;
    const contactId = `e2e-pd-twin-${stamp}`;
    const adminToken = (await signIn(ADMIN.email, ADMIN.password)).accessToken;
    const other = await call('POST', '/admin/teams', adminToken, { name: `Privacy Team ${stamp}` });
    expect(other.status).toBe(201);
    const twinEmail = `pd.twin.${stamp}@e2e.example`;
    expect((await call('POST', '/admin/users', adminToken, { email: twinEmail, password: E2E_PASSWORD, name: 'Privacy Twin', role: 'cs-rep', teamId: other.body.id })).status).toBe(201);
    const clock = new HybridLogicalClock('e2etwins');
    const members = { riley: await signIn(REP, E2E_PASSWORD), twin: await signIn(twinEmail, E2E_PASSWORD) };
    for (const [who, login] of Object.entries(members)) {
      const owner = { id: login.user.id, token: '', teamId: login.user.teamId };
      const accountId = `e2e-pd-twacc-${who}-${stamp}`;
      const pushed = async (collection: string, doc: object) =>
        (await call('POST', `/sync/${collection}/push`, login.accessToken, [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }])).body;
      expect(await pushed('accounts', syncedDoc(accountId, owner))).toEqual([]);
      expect(await pushed('contacts', { ...contactFixture(contactId, accountId, owner, clock), name: `Twin ${who} ${stamp}` })).toEqual([]);
    }

    const adminCtx = await browser.newContext();
    await signInContext(adminCtx, ADMIN.email, ADMIN.password);
    const admin = await adminCtx.newPage();
    await useTheme(admin, theme);
    await admin.goto('/#/admin');
    const privacy = admin.getByRole('region', { name: 'Personal data' });
    await expect(privacy).toBeVisible({ timeout: 30_000 });
    await privacy.getByLabel('Kind').selectOption('contact');
    await privacy.getByLabel('Id', { exact: true }).fill(contactId);
    await privacy.getByRole('button', { name: 'Use this id' }).click();
    const whichTeam = privacy.getByLabel(/Several teams hold contact/);
    await expect(whichTeam.locator('option', { hasText: `Privacy Team ${stamp}` })).toHaveCount(1);
    await expect(privacy.getByRole('button', { name: 'Export JSON' })).toHaveCount(0);
    await whichTeam.selectOption(other.body.id);
    await expect(privacy.getByTestId('privacy-subject')).toContainText(`Twin twin ${stamp}`);
    await expect(privacy.getByTestId('privacy-erase-preview')).toContainText('1 contact');
    await expectNoSeriousA11yViolations(admin, `the admin page's Personal data section (${theme})`);
    await privacy.getByLabel(/to confirm/).fill('ERASE');
    await privacy.getByRole('button', { name: `Erase Twin twin ${stamp}` }).click();
    await expect(privacy.getByTestId('privacy-outcome')).toContainText(`Erased contact Twin twin ${stamp}`);

    const copyFor = async (login: { accessToken: string }) =>
      ((await call('GET', '/sync/contacts/pull?limit=1000', login.accessToken)).body.documents as { id: string }[]).find((doc) => doc.id === contactId);
    expect(await copyFor(await signIn(twinEmail, E2E_PASSWORD))).toMatchObject({ _deleted: true });
    expect(await copyFor(await signIn(REP, E2E_PASSWORD))).toMatchObject({ _deleted: false, name: `Twin riley ${stamp}` });

    // A CS Manager administers their team but may not export or erase: the section is not offered.
    const managerCtx = await browser.newContext();
    await signInContext(managerCtx, E2E_USERS.manager.email);
    const manager = await managerCtx.newPage();
    await manager.goto('/#/admin');
    await expect(manager.getByRole('region', { name: 'Re-assign accounts' })).toBeVisible({ timeout: 30_000 });
    await expect(manager.getByRole('region', { name: 'Personal data' })).toHaveCount(0);
    await adminCtx.close();
    await managerCtx.close();
  });
}

import { readFile } from 'node:fs/promises';
import { LocalGoogleCalendarServer } from '../../app/main/calendar/testing/google-calendar-server';
import { parseIcs } from '../../common/calendar/ics';
import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

// Google cannot be reached from our machines: the browser host's calendar provider talks to a local stand-in for
// the Calendar v3 API (app/main/calendar/testing/google-calendar-server.ts), started here on a free 127.0.0.1 port.
const google = new LocalGoogleCalendarServer();
test.beforeAll(async () => {
  await google.start();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  google.addEvent('primary', { id: 'escalation01', summary: 'Escalation review', start: { dateTime: `${tomorrow}T09:00:00Z` }, end: { dateTime: `${tomorrow}T10:00:00Z` } });
});
test.afterAll(async () => {
  await google.stop();
});

test('schedule a QBR from an account, see it on the calendar and the timeline; offline bookings reach Google once back online', async ({ page, context }) => {
  await openBook(page);

  // Connect Google Calendar (pointed at the local server) and see its events.
  await page.getByRole('link', { name: 'Calendar', exact: true }).click();
  await page.getByLabel('OAuth client ID').fill('outpost-e2e');
  await page.getByLabel('Refresh token').fill('refresh-token-1');
  await page.getByLabel('API root URL').fill(google.url);
  await page.getByLabel('Token URL').fill(`${google.url}/token`);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('calendar-status')).toContainText('Connected: Google Calendar (primary)');
  await expect(page.getByTestId('agenda')).toContainText('Escalation review');

  // From an account: schedule a QBR, see the proposed slots, book the first.
  await page.getByRole('link', { name: 'Accounts', exact: true }).click();
  const row = gridRows(page).first();
  const name = (await row.locator('[data-column="name"]').textContent())!.trim();
  await row.locator('[data-column="name"]').getByRole('link').click();
  await expect(page.getByTestId('account-header')).toContainText(name);
  await page.getByRole('button', { name: 'Schedule a meeting' }).click();
  const dialog = page.getByRole('dialog', { name: `Schedule a meeting with ${name}` });
  await expect(dialog.getByLabel('Type')).toHaveValue('qbr');
  await dialog.getByRole('button', { name: 'Find free slots' }).click();
  const slots = dialog.getByTestId('proposed-slots').getByRole('listitem');
  await expect(slots.first()).toBeVisible();
  expect(await slots.count()).toBeGreaterThan(1);
  await slots.first().getByRole('button', { name: /^Book / }).click();
  await expect(dialog.getByTestId('schedule-status')).toContainText('Booked QBR on');

  // It reaches Google with its attendees and agenda, and shows on the account's timeline.
  await expect.poll(() => google.events('primary').filter((e) => e.summary === `QBR: ${name}`).length, { timeout: 15_000 }).toBe(1);
  expect(google.events('primary').find((e) => e.summary === `QBR: ${name}`)?.description).toContain('Agenda');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('activity-timeline')).toContainText(`QBR: ${name}`);

  // Offline: book another; it is kept on the device.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Schedule a meeting' }).click();
  await dialog.getByLabel('Type').selectOption('executive_review');
  await dialog.getByRole('button', { name: 'Find free slots' }).click();
  await slots.first().getByRole('button', { name: /^Book / }).click();
  await expect(dialog.getByTestId('schedule-status')).toContainText('offline: kept on this device');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('activity-timeline')).toContainText(`Executive review: ${name}`);

  // The calendar page shows both meetings, linked to the account, the second one waiting to be sent.
  await page.getByRole('link', { name: 'Calendar', exact: true }).click();
  await expect(page.getByTestId('calendar-status')).toContainText('1 waiting to be sent');
  const agenda = page.getByTestId('agenda');
  await expect(agenda.getByTestId('calendar-meeting').filter({ hasText: `QBR: ${name}` })).toContainText(name);
  await expect(agenda.getByTestId('calendar-meeting').filter({ hasText: `Executive review: ${name}` })).toContainText('not sent yet');
  expect(google.events('primary').filter((e) => e.summary?.endsWith(name)).length).toBe(1);

  // Back online: the queued booking goes out.
  await context.setOffline(false);
  await expect.poll(() => google.events('primary').filter((e) => e.summary === `Executive review: ${name}`).length, { timeout: 15_000 }).toBe(1);
  await expect(page.getByTestId('calendar-status')).not.toContainText('waiting to be sent');
  await expect(agenda.getByTestId('calendar-meeting').filter({ hasText: `Executive review: ${name}` })).not.toContainText('not sent yet');

  // Cancelling it in Outpost cancels the Google event.
  await page.getByRole('button', { name: `Cancel Executive review: ${name}` }).click();
  await expect.poll(() => google.events('primary').find((e) => e.summary === `Executive review: ${name}`)?.status, { timeout: 15_000 }).toBe('cancelled');
  await expect(agenda).not.toContainText(`Executive review: ${name}`);

  // The QBR as an RFC 5545 invitation.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: `Save QBR: ${name} as an .ics invitation` }).click();
  const invitation = parseIcs(await readFile((await (await download).path())!, 'utf8'));
  expect(invitation).toEqual([expect.objectContaining({ title: `QBR: ${name}`, meetingType: 'qbr', status: 'confirmed' })]);
});

import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';
import { expectNoOverflow, expectNoSeriousA11yViolations } from './ui-checks';

test('after a meeting, log its outcome with a next step; the next step becomes a task on My day, linked to the account and the meeting', async ({ page }) => {
  await openBook(page);

  // Book a QBR from an account (no calendar connected: it stays on the device).
  const row = gridRows(page).first();
  const name = (await row.locator('[data-column="name"]').textContent())!.trim();
  await row.locator('[data-column="name"]').getByRole('link').click();
  await page.getByRole('button', { name: 'Schedule a meeting' }).click();
  const dialog = page.getByRole('dialog', { name: `Schedule a meeting with ${name}` });
  await dialog.getByRole('button', { name: 'Find free slots' }).click();
  await dialog.getByTestId('proposed-slots').getByRole('listitem').first().getByRole('button', { name: /^Book / }).click();
  await expect(dialog.getByTestId('schedule-status')).toContainText('Booked QBR on');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // On the calendar page: log the outcome; one next step becomes a task, the other is only noted.
  await page.getByRole('link', { name: 'Calendar', exact: true }).click();
  const meeting = page.getByTestId('agenda').getByTestId('calendar-meeting').filter({ hasText: `QBR: ${name}` });
  await meeting.getByRole('button', { name: `Log outcome of QBR: ${name}` }).click();
  const form = meeting.getByRole('form', { name: `Outcome of QBR: ${name}` });
  await form.getByLabel('Outcome').fill('Renewal on track; they want the analytics add-on priced');
  await expect(form.getByLabel('Due date of next step 1')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await form.getByLabel('Next step 1', { exact: true }).fill('Send the analytics add-on quote');
  await form.getByRole('button', { name: 'Add a next step' }).click();
  await form.getByLabel('Next step 2', { exact: true }).fill('Share the meeting notes');
  await form.getByLabel('Create a task for next step 2').uncheck();
  await expectNoSeriousA11yViolations(page, 'the outcome form');
  await expectNoOverflow(page, 'the outcome form');
  // A task without a due date is refused, saying which step, and nothing is saved.
  await form.getByLabel('Due date of next step 1').fill('');
  await form.getByRole('button', { name: 'Save outcome' }).click();
  await expect(meeting.getByRole('status')).toContainText('Next step 1 ("Send the analytics add-on quote"): give the task a due date');
  await form.getByLabel('Due date of next step 1').fill('2099-01-15');
  await form.getByRole('button', { name: 'Save outcome' }).click();
  await expect(page.getByText('Outcome logged; 1 task added to My day.')).toBeVisible();
  await expect(meeting).toContainText('Held; outcome logged');

  // My day: the task, on the account, from the meeting.
  await page.goto('/#/my-day');
  const task = page.getByTestId('tasks-upcoming').getByTestId('task').filter({ hasText: 'Send the analytics add-on quote' });
  await expect(task).toContainText('due 2099-01-15');
  await expect(task).toContainText('from a meeting');
  await expect(page.getByTestId('task').filter({ hasText: 'Share the meeting notes' })).toHaveCount(0);
  await task.getByRole('link', { name }).click();
  await expect(page.getByTestId('account-header')).toContainText(name);
  const entry = page.getByTestId('timeline-entry').filter({ hasText: `QBR: ${name}` });
  await expect(entry).toContainText('Outcome: Renewal on track; they want the analytics add-on priced');
  await expect(entry).toContainText('Send the analytics add-on quote (due 2099-01-15) [task]');
});

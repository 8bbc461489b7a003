import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

const EBR = 'Executive business review';

test('a playbook started on two demo accounts shows on the dashboard with its progress, and in the console', async ({ page }) => {
  await openBook(page);

  // An active manual playbook (Enterprise accounts only): prepare the deck (waits for the task), hold the EBR (waits), log it.
  await page.goto('/#/playbooks');
  await page.getByLabel('Template').selectOption({ label: EBR });
  await page.getByRole('button', { name: 'New from template' }).click();
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Activated “${EBR}” (version 1)` })).toBeVisible();

  // Two Enterprise accounts, with their MRR as the grid shows it.
  await page.goto('/#/accounts');
  await page.getByLabel('Filter Tier').selectOption('Enterprise');
  const picked = await gridRows(page).evaluateAll((rows) =>
    rows.slice(0, 2).map((row) => ({
      href: row.querySelector('[data-column="name"] a')!.getAttribute('href')!,
      mrr: Number(row.querySelector('[data-column="mrr"]')!.textContent!.replace(/[^0-9.]/g, '')),
    })),
  );
  expect(picked).toHaveLength(2);
  for (const account of picked) {
    await page.goto(`/${account.href}`);
    const panel = page.locator('[data-slot="interventions"]');
    await panel.getByLabel('Playbook to start').selectOption({ label: EBR });
    await panel.getByRole('button', { name: 'Start' }).click();
    await expect(panel.getByRole('status')).toHaveText(`Started “${EBR}”`);
  }

  // The dashboard: one row for the playbook, both accounts, their ARR, no step done of the 3 + 3 still ahead.
  const arr = picked.reduce((sum, a) => sum + a.mrr * 12, 0);
  await page.goto('/#/');
  const panel = page.getByTestId('panel-active-interventions');
  await expect(panel.getByRole('heading', { name: 'Active interventions' })).toBeVisible();
  await expect(panel.getByTestId('chart-active-interventions').locator('canvas')).toBeVisible();
  const toggle = panel.getByText('Data table: Active interventions');
  await toggle.focus();
  await page.keyboard.press('Enter');
  const row = panel.getByTestId('table-interventions').locator('tbody tr');
  await expect(row).toHaveCount(1);
  const cells = row.locator('td');
  await expect(cells.nth(0)).toHaveText(EBR);
  await expect(cells.nth(1)).toHaveText('2'); // active runs
  await expect(cells.nth(4)).toHaveText('2'); // accounts
  expect(Number((await cells.nth(5).textContent())!.replace(/[^0-9.]/g, ''))).toBe(arr);
  await expect(cells.nth(8)).toHaveText('0% (0 of 6 steps)');

  // Completing one deck task moves that run on to the meeting: 1 of 6 steps done.
  await page.goto('/#/my-day');
  const task = page.getByTestId('tasks-upcoming').getByTestId('task').filter({ hasText: 'Prepare the EBR deck' }).first();
  await task.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Completed 1 task' })).toBeVisible();
  await page.goto('/#/');
  await page.getByTestId('panel-active-interventions').getByText('Data table: Active interventions').click();
  await expect(page.getByTestId('table-interventions').locator('tbody tr td').nth(8)).toHaveText('17% (1 of 6 steps)', { timeout: 30_000 });

  // The console's intervention success: the deck step carried out, its run still pending an outcome.
  await page.goto('/#/analytics');
  const success = page.getByTestId('panel-interventions');
  await expect(success).toContainText('observational comparison');
  const byPlaybook = success.getByTestId('table-interventions-playbook').locator('tbody tr');
  await expect(byPlaybook).toHaveCount(1, { timeout: 30_000 });
  await expect(byPlaybook.locator('td').nth(0)).toHaveText(EBR);
  await expect(byPlaybook.locator('td').nth(1)).toHaveText('0'); // completed
  await expect(byPlaybook.locator('td').nth(2)).toHaveText('1'); // pending
  await expect(success.getByTestId('table-interventions-step').locator('tbody tr').locator('td').first()).toHaveText('create-task');
});

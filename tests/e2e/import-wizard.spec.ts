import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { dropFiles, gridRows, openBook } from './helpers';

/** Days from today, as YYYY-MM-DD (the account's usage must fall in the workbench's last 90 days). */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Five linked exports: accounts, subscriptions by account, usage events and tickets by subscription, churn events. */
function files(): { name: string; text: string }[] {
  return [
    {
      name: 'accounts.csv',
      text: ['Account ID,Account Name,Type,Industry,Billing Country,Website', 'E2E-A1,Aldermoor Analytics,Enterprise,FinTech,US,aldermoor.example', 'E2E-A2,Brightwater Robotics,Mid Market,Manufacturing,DE,brightwater.example', 'E2E-A3,Cinderford Health,SMB,HealthTech,UK,cinderford.example'].join('\n'),
    },
    {
      name: 'subscriptions.csv',
      text: [
        'subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,upgrade_flag,churn_flag',
        `S-1,E2E-A1,${day(-300)},${day(65)},Enterprise,120,6000,True,False`,
        `S-2,E2E-A2,${day(-400)},${day(-35)},Pro,40,1600,False,True`,
        `S-3,E2E-A3,${day(-500)},${day(-20)},Pro,10,300,False,False`,
      ].join('\n'),
    },
    {
      name: 'feature_usage.csv',
      text: [
        'usage_id,subscription_id,user_id,usage_date,feature_name,usage_count',
        `U-1,S-1,u-1,${day(-3)},dashboard_view,12`,
        `U-2,S-1,u-2,${day(-3)},report_export,3`,
        `U-3,S-1,u-1,${day(-2)},dashboard_view,8`,
        `U-4,S-1,u-3,${day(-2)},ai_assistant,5`,
      ].join('\n'),
    },
    {
      name: 'support_tickets.csv',
      text: ['ticket_id,sub_ref,submitted_at,closed_at,priority,satisfaction_score,escalation_flag', `T-1,S-1,${day(-10)} 09:15,${day(-10)} 17:45,high,5,False`, `T-2,S-3,${day(-5)} 10:00,,urgent,,True`].join('\n'),
    },
    {
      name: 'churn_events.csv',
      text: ['churn_event_id,account_id,churn_date,reason_code,feedback_text', `C-1,E2E-A2,${day(-35)},pricing,Too expensive`, `C-2,E2E-NOPE,${day(-30)},support,Unknown account`].join('\n'),
    },
  ];
}


async function searchAccount(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('Search accounts').fill(name);
}

test('five linked files: map, recode, preview, commit, see revenue, renewal and usage, undo', async ({ page }) => {
  await openBook(page);
  const bookSize = (await page.getByTestId('row-count').textContent()) ?? '';
  await page.getByRole('link', { name: 'Import' }).click();
  await dropFiles(page, files());

  for (const [i, kind] of ['accounts', 'subscriptions', 'events', 'tickets', 'outcomes'].entries()) {
    await expect(page.getByTestId(`import-${i}-kind`)).toHaveValue(kind);
  }
  // The tickets' subscription column has an unusual name: map it by hand.
  await expect(page.getByTestId('import-3-missing')).toContainText('Account ID (or Subscription ID)');
  await page.getByTestId('import-3-map-subscriptionId').selectOption('sub_ref');
  await expect(page.getByTestId('import-3-missing')).toHaveCount(0);
  // "Pro" is a plan name, not a tier: recode it.
  const values = page.getByTestId('import-1-values-tier');
  await expect(values).toContainText('"Pro" is not one of');
  await page.getByTestId('import-1-value-tier-Pro').selectOption('Mid-Market');
  await expect(values).not.toContainText('"Pro" is not one of');

  await page.getByTestId('import-preview').click();
  const counts = page.getByTestId('import-plan-counts');
  await expect(counts).toBeVisible();
  const row = (i: number) => page.getByTestId(`import-plan-file-${i}`);
  await expect(row(0).getByTestId('count-new')).toHaveText('3');
  await expect(row(1).getByTestId('count-new')).toHaveText('3');
  await expect(row(3).getByTestId('count-new')).toHaveText('2');
  await expect(row(4).getByTestId('count-rejected')).toHaveText('1');
  await expect(page.getByTestId('import-plan-errors')).toContainText('no account has the ID "E2E-NOPE"');
  await expect(page.getByTestId('import-reviews')).toContainText('Cinderford Health');
  await expect(page.getByTestId('import-features')).toContainText('ai_assistant');

  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(page.getByTestId('import-history')).toContainText('committed');

  await searchAccount(page, 'Aldermoor Analytics');
  await expect(gridRows(page)).toHaveCount(1);
  await gridRows(page).first().locator('[data-column="name"]').getByRole('link').click();
  const header = page.getByTestId('account-header');
  await expect(header).toContainText('Aldermoor Analytics');
  await expect(header).toContainText('$72,000');
  await expect(header).toContainText('in 65 days');
  await expect(page.getByTestId('usage-chart')).toContainText('on average');

  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByTestId('import-history').getByTestId('import-undo').first().click();
  await expect(page.getByTestId('import-message')).toContainText('Import undone');
  await expect(page.getByTestId('import-history').getByTestId('import-batch-status').first()).toHaveText('undone');

  await searchAccount(page, 'Aldermoor Analytics');
  await expect(page.getByTestId('row-count')).toContainText('0 of');
  await page.getByLabel('Search accounts').fill('');
  await expect(page.getByTestId('row-count')).toHaveText(bookSize);
});

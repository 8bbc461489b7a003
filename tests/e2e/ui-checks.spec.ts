import { test, expect } from './fixtures';
import { expectNoOverflow, expectNoSeriousA11yViolations } from './ui-checks';

// The checks themselves fail when what they look for appears (no book needed: a page of our own making).
test('the axe check fails on a serious violation, and the overflow check on text wider than its box', async ({ page }) => {
  await page.setContent(`<main><h1>Check</h1>
    <p style="color:#9a9a9a;background:#ffffff">Low contrast text</p>
    <table class="data-table"><tr><th style="width:40px;max-width:40px;overflow:hidden;white-space:nowrap;display:block">Days to renewal</th></tr></table>
  </main>`);
  await expect(expectNoSeriousA11yViolations(page, 'planted page')).rejects.toThrow(/color-contrast/);
  await expect(expectNoOverflow(page, 'planted page')).rejects.toThrow(/Days to renewal/);
});

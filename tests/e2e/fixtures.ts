import { test as base, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium-launch';

/** The Playwright `browser` fixture, launched from the npm-shipped Chromium (or OUTPOST_CHROMIUM). */
export const test = base.extend<object, { browser: Browser }>({
  browser: [
    async ({ playwright }, use) => {
      const browser = await playwright.chromium.launch(await chromiumLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

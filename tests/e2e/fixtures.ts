import { test as base, type Browser, type ConsoleMessage } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium-launch';

/** A console message a test expects (an error it provokes on purpose): matched against the message text. */
export type ExpectedConsole = RegExp;

interface ConsoleFixtures {
  /** Console errors and warnings this test provokes on purpose; any other one fails the test. */
  expectedConsole: ExpectedConsole[];
  /** Fails the test on an unexpected console error or warning, or an uncaught page error (automatic). */
  consoleGuard: void;
}

/** The Playwright `browser` fixture, launched from the npm-shipped Chromium (or OUTPOST_CHROMIUM). */
export const test = base.extend<ConsoleFixtures, { browser: Browser }>({
  browser: [
    async ({ playwright }, use) => {
      const browser = await playwright.chromium.launch(await chromiumLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  expectedConsole: [[], { option: true }],
  consoleGuard: [
    async ({ page, expectedConsole }, use, testInfo) => {
      const unexpected: string[] = [];
      const onConsole = (message: ConsoleMessage) => {
        const type = message.type();
        if (type !== 'error' && type !== 'warning') return;
        const text = message.text();
        if (expectedConsole.some((pattern) => pattern.test(text))) return;
        const where = message.location();
        unexpected.push(`console.${type}: ${text}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
      };
      const onPageError = (error: Error) => unexpected.push(`uncaught: ${error.message}`);
      page.on('console', onConsole);
      page.on('pageerror', onPageError);
      await use();
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      if (unexpected.length > 0 && testInfo.status === testInfo.expectedStatus) {
        throw new Error(`Unexpected console output in a normal session:\n${unexpected.join('\n')}`);
      }
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';

import { rm } from 'node:fs/promises';
import { test as base, type Browser, type ConsoleMessage } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium-launch';
import { openCopyOf, seedBookProfile } from './seeded-book-profile';

/** A console message a test expects (an error it provokes on purpose): matched against the message text. */
export type ExpectedConsole = RegExp;

interface ConsoleFixtures {
  /**
   * Where the test's own `page` starts: `'seeded'` (default) on a copy of the demo book after its first start (see
   * seeded-book-profile.ts); `'empty'` on an empty profile, for specs about a first start itself or that ask for
   * another demo book (`?demo=`, `?profile=` act only on a first start) or that sign in to a team.
   * Contexts a test makes itself with `browser.newContext()` are always empty.
   */
  bookProfile: 'seeded' | 'empty';
  /** Console errors and warnings this test provokes on purpose; any other one fails the test. */
  expectedConsole: ExpectedConsole[];
  /** Fails the test on an unexpected console error or warning, or an uncaught page error (automatic). */
  consoleGuard: void;
}

/** The Playwright `browser` fixture, launched from the npm-shipped Chromium (or OUTPOST_CHROMIUM). */
export const test = base.extend<ConsoleFixtures, { browser: Browser; seededBook: () => Promise<string> }>({
  browser: [
    async ({ playwright }, use) => {
      const browser = await playwright.chromium.launch(await chromiumLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  // The seeded profile folder, made on first use in a worker (one first start of the demo book), removed at its end.
  seededBook: [
    async ({}, use, workerInfo) => {
      const { baseURL, viewport } = workerInfo.project.use;
      let made: Promise<string> | null = null;
      await use(() => (made ??= (async () => seedBookProfile(await chromiumLaunchOptions(), { baseURL, viewport }))()));
      if (made) await rm(await made, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  bookProfile: ['seeded', { option: true }],
  context: async ({ bookProfile, browser, contextOptions, baseURL, viewport, seededBook }, use) => {
    const options = { ...contextOptions, baseURL, viewport };
    if (bookProfile === 'empty') {
      const context = await browser.newContext(options);
      await use(context);
      await context.close();
      return;
    }
    // The first test of a worker that asks for it makes the seeded profile (one first start) within its own time.
    const seeded = await seededBook();
    const { context, dispose } = await openCopyOf(seeded, await chromiumLaunchOptions(), options);
    // Playwright's own tracing (trace: 'retain-on-failure') covers this context as any other.
    await use(context);
    await dispose();
  },
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

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions, type LaunchOptions } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * The demo book after its first start, as a Chromium profile folder (IndexedDB and localStorage on disk). A first
 * start writes and scores the 250-account book, most of a short spec's time; a spec about anything else starts from a
 * copy of this folder instead (copying it is a fraction of a second), in its own persistent context, so each test still
 * has a book of its own that no other test sees.
 */
export async function seedBookProfile(launch: LaunchOptions, options: BrowserContextOptions): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'outpost-e2e-book-'));
  const context = await chromium.launchPersistentContext(dir, { ...launch, ...options });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/#/accounts');
    const grid = page.getByTestId('accounts-grid');
    await expect(grid.locator('[role="row"][data-account-id]').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('book-fill')).toHaveCount(0, { timeout: 120_000 });
    // Scored too, so a spec starts where a CSM's second start does.
    await expect(grid.locator('[data-column="risk"]').filter({ hasText: /^\d+$/ }).first()).toBeVisible({ timeout: 60_000 });
  } finally {
    await context.close();
  }
  return dir;
}

/** A persistent context on a copy of the seeded profile; the copy goes when the context closes. */
export async function openCopyOf(seeded: string, launch: LaunchOptions, options: BrowserContextOptions): Promise<{ context: BrowserContext; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'outpost-e2e-copy-'));
  await cp(seeded, dir, { recursive: true });
  // Chromium's lock on the folder it was launched with; a copy is a new profile.
  await rm(join(dir, 'SingletonLock'), { force: true });
  const context = await chromium.launchPersistentContext(dir, { ...launch, ...options });
  return {
    context,
    dispose: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

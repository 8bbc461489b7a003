import { defineConfig } from '@playwright/test';
import { e2eSyncPort } from './tests/support/e2e-sync-users';

const PORT = Number(process.env['OUTPOST_E2E_PORT'] ?? 5199);

// The browser host serves the built renderer (`npm run build:web` runs first, see package.json "test:e2e").
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: `npx tsx app/host/serve.ts --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env['CI'],
      timeout: 60_000,
    },
    // A fresh, seeded team sync server for tests/e2e/team-sync.spec.ts (the other specs never sign in).
    {
      command: `npx tsx tests/support/e2e-sync-server.ts`,
      port: e2eSyncPort(),
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});

import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import pkg from './package.json';

export default defineConfig({
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['common/**/*.test.ts', 'app/**/*.test.{ts,tsx}', 'sync-server/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/layers/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // RxDB (free) allows 13 open collections per process; files run in their own workers, tests in a file serially.
    pool: 'forks',
    maxWorkers: 2,
  },
});

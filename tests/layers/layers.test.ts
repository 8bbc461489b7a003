import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../..');
const PLANTED = join(__dirname, 'fixtures/planted');

function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(REPO, 'node_modules', command), ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const depcruise = (cwd: string, ...paths: string[]) =>
  run('dependency-cruiser/bin/dependency-cruise.mjs', ['--config', join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'err', ...paths], cwd);

describe('layer check (npm run check:layers)', () => {
  it('passes on the repository itself', () => {
    const result = depcruise(REPO, 'common', 'app', 'sync-server', 'bench', 'scripts', 'tests');
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it('fails on each planted violation, naming the rule, the file and the import', () => {
    const result = depcruise(PLANTED, 'common', 'app', 'sync-server');
    expect(result.status).not.toBe(0);
    const expected = [
      'error common-imports-only-common: common/core.ts → app/renderer/src/page.ts',
      'error common-imports-no-platform: common/reads-disk.ts → fs',
      'error renderer-imports-no-server-or-main: app/renderer/src/page.ts → sync-server/server.ts',
      'error no-testing-in-production: sync-server/server.ts → common/testing/fake-clock.ts',
      'error no-file-cycle: common/ping.ts → ',
      'error no-renderer-folder-cycle: app/renderer/src/features/alpha → ',
    ];
    for (const line of expected) expect(result.output).toContain(line);
  });

  it('compiles common/ without DOM or Node types: a planted DOM global fails with its file and name', () => {
    const result = run('typescript/bin/tsc', ['-p', join(PLANTED, 'common/tsconfig.json'), '--noEmit'], REPO);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/common\/uses-dom\.ts\(\d+,\d+\): error TS\d+: Cannot find name 'document'/);
  });
});

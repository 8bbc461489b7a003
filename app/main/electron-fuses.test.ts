import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The `electronFuses:` block of electron-builder.yml as key -> boolean (a flat block of `  key: true|false` lines). */
function fuses(yaml: string): Record<string, boolean> {
  const block = /^electronFuses:\n((?: {2}\w+: (?:true|false)\n)+)/m.exec(yaml)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^ {2}(\w+): (true|false)$/gm)].map(([, key, value]) => [key, value === 'true']));
}

// Electron checklist: fuses are set in the build configuration electron-builder flips in the packaged binary.
describe('electron-builder fuses', () => {
  it('turns off run-as-node, NODE_OPTIONS, inspect and file:// privileges, and checks the asar', () => {
    const config = fuses(readFileSync(join(__dirname, '../../electron-builder.yml'), 'utf8'));
    expect(config).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The renderer is served from app:// (app-protocol.ts), so file:// needs no privileges at all.
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

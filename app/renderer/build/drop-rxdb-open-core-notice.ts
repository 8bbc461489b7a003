import type { Plugin } from 'vite';

/**
 * RxDB's free Dexie storage prints a multi-line advertisement for its paid storages (console.warn) on the first write
 * of every session, in production builds too. Outpost uses the free storage on purpose (docs/ARCHITECTURE.md, "Data"),
 * so the notice is noise in every CSM's console and hides real warnings. RxDB's licence text invites forks to change
 * its premium check; we change less than that: only this one log call is removed from the bundle. `hasPremiumFlag()`
 * is untouched, so the open-core limits (at most 13 collections) still apply exactly as before.
 *
 * The build fails if the expected statement is not found, so an RxDB upgrade that changes it is noticed, not silently
 * let through.
 */
const TARGET = /plugins[\\/]storage-dexie[\\/]rx-storage-instance-dexie\.js$/;
const NOTICE = /console\.warn\(\[\s*'-------------- RxDB Open Core RxStorage -+',[\s\S]*?\]\.join\('\\n'\)\);/;

export function dropRxdbOpenCoreNotice(): Plugin {
  return {
    name: 'outpost:drop-rxdb-open-core-notice',
    enforce: 'pre',
    transform(code, id) {
      if (!TARGET.test(id.split('?')[0] ?? id)) return null;
      if (!NOTICE.test(code)) {
        this.error(`RxDB's open-core notice was not found in ${id}: check app/renderer/build/drop-rxdb-open-core-notice.ts against this RxDB version`);
      }
      return { code: code.replace(NOTICE, '/* open-core notice removed at build: app/renderer/build/drop-rxdb-open-core-notice.ts */'), map: null };
    },
  };
}

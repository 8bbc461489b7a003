// The layers of Outpost, checked by `npm run check:layers` (part of `npm test`). Each rule's comment is what a
// developer reads when it fires; tests/layers/layers.test.ts plants a violation of each and checks the message.
const TESTS = '(\\.test\\.tsx?$|\\.spec\\.ts$|(^|/)testing/|^tests/|^bench/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-file-cycle',
      severity: 'error',
      comment: 'Modules must not import each other in a circle: move the shared piece into a module both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-renderer-folder-cycle',
      severity: 'error',
      scope: 'folder',
      comment: 'Renderer folders must not depend on each other in a circle (a feature may use another feature or a shared folder, never back).',
      from: { path: '^app/renderer/' },
      to: { circular: true },
    },
    {
      name: 'common-imports-only-common',
      severity: 'error',
      comment: 'common/ is the shared core: it runs in the renderer, main, the server and tests unchanged, so it imports nothing above it.',
      from: { path: '^common/' },
      to: { path: '^(app|sync-server|bench|scripts|tests)/' },
    },
    {
      name: 'common-imports-no-platform',
      severity: 'error',
      comment: 'common/ production code uses no Node built-in module and no Electron (tests and testing/ folders may).',
      from: { path: '^common/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-electron-outside-main-and-preload',
      severity: 'error',
      comment: 'Only the Electron main process and the preload import electron; everything else runs in the browser host too.',
      from: { path: '^(common|app/renderer|sync-server)/', pathNot: TESTS },
      to: { path: '^(node_modules/)?electron(/|$)' },
    },
    {
      name: 'renderer-imports-no-server-or-main',
      severity: 'error',
      comment: 'The renderer talks to the main process only through the bridge (window.outpost) and to the sync server only over HTTP.',
      from: { path: '^app/renderer/', pathNot: TESTS },
      to: { path: '^(sync-server|app/main|app/host|app/preload)/' },
    },
    {
      name: 'server-imports-no-app',
      severity: 'error',
      comment: 'The sync server shares code with the app only through common/.',
      from: { path: '^sync-server/' },
      to: { path: '^app/' },
    },
    {
      name: 'main-imports-no-renderer',
      severity: 'error',
      comment: 'The main process and the preload share code with the renderer only through common/.',
      from: { path: '^app/(main|preload|host)/' },
      to: { path: '^app/renderer/' },
    },
    {
      name: 'no-testing-in-production',
      severity: 'error',
      comment: 'Test helpers live in testing/ folders and only tests, benchmarks and other test helpers import them.',
      from: { pathNot: TESTS },
      to: { path: '(^|/)testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist|dist-web)/|^tests/layers/fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'] },
    moduleSystems: ['es6', 'cjs'],
  },
};

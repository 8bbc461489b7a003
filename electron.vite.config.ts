import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json';
import { dropRxdbOpenCoreNotice } from './app/renderer/build/drop-rxdb-open-core-notice';

// Builds the three Electron targets. The renderer is the same app the browser host serves (vite.web.config.ts).
export default defineConfig({
  main: {
    build: { outDir: 'out/main', rollupOptions: { input: resolve(__dirname, 'app/main/index.ts') } },
  },
  preload: {
    // Sandboxed preloads must be CommonJS; package.json has no "type": "module", so this emits .js as CJS.
    // A sandboxed preload can require only 'electron', so its imports are bundled in (only the zod-free common/bridge/channels).
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { input: resolve(__dirname, 'app/preload/index.ts') },
    },
  },
  // electron-vite builds the renderer with base './' (relative asset URLs), which resolve under app://outpost/ (the
  // scheme the packaged app serves the renderer from, app/main/app-protocol.ts) as they did under file://.
  renderer: {
    root: resolve(__dirname, 'app/renderer'),
    plugins: [react(), dropRxdbOpenCoreNotice()],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    // Workers are bundled with their own plugin list: the book-fill worker opens RxDB's Dexie storage too.
    worker: { format: 'es', plugins: () => [dropRxdbOpenCoreNotice()] },
    build: { outDir: resolve(__dirname, 'out/renderer'), rollupOptions: { input: resolve(__dirname, 'app/renderer/index.html') } },
  },
});

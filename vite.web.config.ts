import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json';
import { dropRxdbOpenCoreNotice } from './app/renderer/build/drop-rxdb-open-core-notice';

// The renderer built for the browser host (app/host/serve.ts): identical code, different bridge implementation.
export default defineConfig({
  root: resolve(__dirname, 'app/renderer'),
  base: './',
  plugins: [react(), dropRxdbOpenCoreNotice()],
  // The scoring worker imports onnxruntime-web as an ES module (code-split), see app/renderer/src/intelligence.
  // Workers are bundled with their own plugin list: the book-fill worker opens RxDB's Dexie storage too.
  worker: { format: 'es', plugins: () => [dropRxdbOpenCoreNotice()] },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: { outDir: resolve(__dirname, 'dist-web'), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
});

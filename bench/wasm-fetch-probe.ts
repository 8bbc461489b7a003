/**
 * What reading onnxruntime-web's .wasm (14 MB) costs the thread that reads it: a page of a build, in Chromium with a
 * fresh on-disk profile, fetches the file four times (no cache) and reports each read's time and the long tasks it
 * made. Why the scoring worker reads the file itself (docs/PERFORMANCE.md, "The last long tasks of a whole-book
 * rescore"). Not part of `npm run bench`:
 *   OUTPOST_CHROMIUM=/usr/bin/chromium npx tsx bench/wasm-fetch-probe.ts <web root, e.g. dist-web>
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startBrowserHost } from '../app/host/browser-host-server';
import { withFreshProfile } from './first-hour.bench';

async function main(): Promise<void> {
  const root = resolve(process.argv[2] ?? 'dist-web');
  const wasm = readdirSync(join(root, 'assets')).find((file) => file.endsWith('.wasm'));
  if (!wasm) throw new Error(`no .wasm in ${join(root, 'assets')}`);
  const host = await startBrowserHost({ port: 0, root });
  try {
    await withFreshProfile(async (context) => {
      const page = await context.newPage();
      // A page of the origin that is not the app (a stylesheet shown as text), so nothing else runs on its thread.
      const css = readdirSync(join(root, 'assets')).find((file) => file.endsWith('.css'));
      await page.goto(`${host.url}/assets/${css}`);
      for (let read = 1; read <= 4; read++) {
        const result = await page.evaluate(async (url) => {
          const tasks: number[] = [];
          const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(Math.round(entry.duration))));
          observer.observe({ type: 'longtask', buffered: false });
          const started = performance.now();
          const bytes = await (await fetch(url, { cache: 'no-store' })).arrayBuffer();
          const ms = Math.round(performance.now() - started);
          // Long tasks are reported after they end.
          await new Promise((settle) => setTimeout(settle, 300));
          observer.disconnect();
          return { ms, bytes: bytes.byteLength, tasks };
        }, `/assets/${wasm}`);
        console.log(`read ${read}: ${result.bytes} bytes in ${result.ms} ms; long tasks: ${result.tasks.join(', ') || 'none'} ms`);
      }
    });
  } finally {
    await host.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Where a cold start of a kept 10,000-account book spends the page's main thread up to `outpost:grid-interactive`: a
 * CDP sampling profile of one navigation (after `PROFILE_WARMUPS` unprofiled ones, as the bench's later runs are),
 * printed as the User Timing marks, the long tasks, main-thread busy and idle time per 100 ms from navigation start,
 * and self and inclusive time per function. Not part of `npm run bench` (profiling slows the page); run on an
 * unminified build, so names are readable:
 *   npx vite build --config vite.web.config.ts --minify false --outDir dist-web-prof
 *   OUTPOST_CHROMIUM=/usr/bin/chromium PROFILE_BOOK=/work/bench-books/i10k PROFILE_ROOT=dist-web-prof npx tsx bench/cold-start-profile.ts
 */
import { resolve } from 'node:path';
import { startBrowserHost } from '../app/host/browser-host-server';
import { keptBookPort, withProfileCopy } from './first-hour.bench';
import { bareReadAll, bookStoreName } from './page-probes';
import { runScript } from './run-script';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Rows of the 10,000-account grid a 1440 x 900 window shows whole (its body is about 770 px tall, 34 px a row). */
const PROBE_ROWS = 20;

const label = (node: Node) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;

async function main(): Promise<void> {
  const kept = process.env['PROFILE_BOOK'];
  if (!kept) throw new Error('PROFILE_BOOK=<kept profile dir> is required');
  const host = await startBrowserHost({ port: keptBookPort(kept), root: resolve(__dirname, '..', process.env['PROFILE_ROOT'] ?? 'dist-web-prof') });
  try {
    await withProfileCopy(kept, async (context) => {
      for (let i = 0; i < Number(process.env['PROFILE_WARMUPS'] ?? 1); i += 1) {
        const warm = await context.newPage();
        await warm.goto(`${host.url}/#/accounts`);
        await warm.waitForFunction(() => performance.getEntriesByName('outpost:grid-interactive').length > 0, null, { timeout: 120_000 });
        await warm.close();
      }
      // PROFILE_MARKS_ONLY=<n>: no profiler, only the User Timing marks of n more cold starts (where the time goes, unslowed).
      // `rows-painted`: the first task after a frame that had the rows of a screen in the DOM (PROBE_ROWS of them), so
      // it includes that frame's layout and paint. `grid-interactive` is marked once rows are in the DOM, which before
      // the fixed-height row window (use-fixed-row-window.ts) was a first commit of 7 rows: TanStack's virtualizer then
      // measured the grid and rendered the rest after the mark.
      await context.addInitScript((probeRows: number) => {
        if (!location.hash.includes('accounts')) return;
        const probe = () => {
          if (document.querySelectorAll('[role="row"][data-account-id]').length >= probeRows) setTimeout(() => performance.mark('rows-painted'), 0);
          else requestAnimationFrame(probe);
        };
        requestAnimationFrame(probe);
      }, PROBE_ROWS);
      for (let i = 0; i < Number(process.env['PROFILE_MARKS_ONLY'] ?? 0); i += 1) {
        // As the bench does: a bare read first, which waits for what the previous page left queued in IndexedDB.
        const blank = await context.newPage();
        await blank.goto(`${host.url}/bench-blank.txt`);
        const bare = await bareReadAll(blank, bookStoreName('accounts'));
        await blank.close();
        const page = await context.newPage();
        await page.goto(`${host.url}/#/accounts`);
        await page.waitForFunction(() => performance.getEntriesByName('outpost:grid-interactive').length > 0 && performance.getEntriesByName('rows-painted').length > 0, null, { timeout: 120_000 });
        const marks = await page.evaluate(() => [
          ...performance.getEntriesByType('navigation').map((n) => ['response-end', (n as PerformanceNavigationTiming).responseEnd] as const),
          ...performance.getEntriesByType('resource').filter((r) => r.name.includes('/assets/index-')).map((r) => ['entry-script-loaded', (r as PerformanceResourceTiming).responseEnd] as const),
          ...performance.getEntriesByType('mark').map((m) => [m.name.replace('outpost:', ''), m.startTime] as const),
        ]);
        console.log(`bare-read ${Math.round(bare.ms)} || ${marks.map(([name, at]) => `${name} ${Math.round(at)}`).join(' | ')}`);
        await page.close();
      }
      if (process.env['PROFILE_MARKS_ONLY']) return;
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
      await page.goto(`${host.url}/#/accounts`);
      await page.waitForFunction(() => performance.getEntriesByName('outpost:grid-interactive').length > 0, null, { timeout: 120_000 });
      const pageNowAtStop = await page.evaluate(() => performance.now());
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const));
      const tasks = await page.evaluate(() => (window as unknown as { __outpostLongTasks?: { start: number; duration: number }[] }).__outpostLongTasks ?? []);
      const interactive = marks.find(([name]) => name === 'outpost:grid-interactive')?.[1] ?? pageNowAtStop;
      console.log(marks.map(([name, at]) => `${name} at ${Math.round(at)} ms`).join('\n'));
      console.log(`long tasks (start+duration ms): ${tasks.map((t) => `${Math.round(t.start)}+${Math.round(t.duration)}`).join(' ')}`);
      summarize(profile, pageNowAtStop, interactive);
    });
  } finally {
    await host.close();
  }
}

/** Busy/idle per 100 ms, then self and inclusive time per function, of the samples up to `until` (page clock). */
function summarize(profile: Profile, pageNowAtStop: number, until: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const offsetMs = profile.endTime / 1000 - pageNowAtStop;
  const buckets = new Map<number, { busy: number; top: Map<string, number> }>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byFile = new Map<string, number>();
  // PROFILE_TRACE=a,b: when each named function was on the stack (first and last sample, page clock) and for how long.
  const traced = (process.env['PROFILE_TRACE'] ?? 'queryWithGetAll,request.onsuccess,mapDocumentsDataToCacheDocs,addOutpostCollections,createOutpostDatabase,createRxSchema,createNewRxDocument,bindAccountsStore,renderRootSync,commitRoot')
    .split(',')
    .filter(Boolean);
  const spans = new Map<string, { first: number; last: number; ms: number }>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!;
    const time = at / 1000 - offsetMs;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (time < 0 || time > until) return;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    const bucket = buckets.get(Math.floor(time / 100)) ?? { busy: 0, top: new Map<string, number>() };
    buckets.set(Math.floor(time / 100), bucket);
    bucket.busy += ms;
    self.set(label(node), (self.get(label(node)) ?? 0) + ms);
    const file = node.callFrame.url.split('/').pop() || node.callFrame.functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    const seen = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const key = label(byId.get(up)!);
      if (seen.has(key) || key.startsWith('(root)')) continue;
      seen.add(key);
      const name = byId.get(up)!.callFrame.functionName;
      if (traced.includes(name) && !seen.has(`trace:${name}`)) {
        seen.add(`trace:${name}`);
        const span = spans.get(name) ?? { first: time, last: time, ms: 0 };
        spans.set(name, { first: Math.min(span.first, time), last: Math.max(span.last, time), ms: span.ms + ms });
      }
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      bucket.top.set(key, (bucket.top.get(key) ?? 0) + ms);
    }
  });
  console.log(`\nmain thread busy per 100 ms up to grid-interactive (${Math.round(until)} ms), with its outermost named frames:`);
  let total = 0;
  for (const [index, bucket] of [...buckets].sort((a, b) => a[0] - b[0])) {
    total += bucket.busy;
    const top = [...bucket.top].filter(([k]) => !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(2, 6);
    console.log(`  ${String(index * 100).padStart(5)} ms: busy ${bucket.busy.toFixed(0).padStart(3)}  ${top.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | ')}`);
  }
  console.log(`busy total ${total.toFixed(0)} ms of ${Math.round(until)} ms`);
  console.log('\ntraced functions (first-last sample on the page clock, time on the stack):');
  for (const [name, span] of [...spans].sort((a, b) => a[1].first - b[1].first)) {
    console.log(`  ${name}: ${Math.round(span.first)}-${Math.round(span.last)} ms, ${span.ms.toFixed(0)} ms`);
  }
  const print = (title: string, map: Map<string, number>, n: number) => {
    console.log(`\n${title}:`);
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
  };
  print('self time by file', byFile, 20);
  print('self time', self, 30);
  print('inclusive time', inclusive, Number(process.env['PROFILE_TOP'] ?? 70));
}

runScript(main);

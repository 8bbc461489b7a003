/**
 * Where a team lead's first sync spends the page's main thread: a CDP sampling profile of the app replicating a seeded
 * team book into a fresh Chromium profile, printed as the User Timing marks, the long tasks and the functions with
 * the most self time. Not part of `npm run bench` (profiling slows the page); run on its own, after
 * `npx vite build --config vite.web.config.ts --minify false` so function names are readable:
 *   OUTPOST_CHROMIUM=/usr/bin/chromium PROFILE_ACCOUNTS=1000 npx tsx bench/team-sync-profile.ts
 */
import { resolve } from 'node:path';
import { startBrowserHost } from '../app/host/browser-host-server';
import { withFreshProfile } from './first-hour.bench';
import { startSeededSyncServer } from './sync-book';
import { signInManager } from './team-first-sync.bench';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

async function main(): Promise<void> {
  // PROFILE_ROOT: a build of its own (e.g. `--outDir dist-web-prof`), so a bench running meanwhile keeps dist-web.
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '..', process.env['PROFILE_ROOT'] ?? 'dist-web') });
  const seeded = await startSeededSyncServer({ accounts: Number(process.env['PROFILE_ACCOUNTS'] ?? 1000), activitiesPerAccount: 10 }, 'repA');
  try {
    await seeded.server.ready();
    await withFreshProfile(async (context) => {
      await signInManager(context, seeded.server.url);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
      await page.goto(`${host.url}/#/accounts`);
      await page.waitForFunction(() => performance.getEntriesByName('outpost:team-synced').length > 0, undefined, { timeout: 30 * 60_000 });
      // The page's clock just before the profile stops, to place the samples on it (the long tasks' time line).
      const pageNowAtStop = await page.evaluate(() => performance.now());
      const { profile } = await cdp.send('Profiler.stop');
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} at ${Math.round(m.startTime)} ms`));
      const tasks = await page.evaluate(() =>
        ((window as unknown as { __outpostLongTasks: { start: number; duration: number }[] }).__outpostLongTasks ?? []).map(
          (t) => `${Math.round(t.start)}+${Math.round(t.duration)}`,
        ),
      );
      console.log(marks.join('\n'));
      console.log(`long tasks (start+duration ms): ${tasks.join(' ')}`);
      const nodes = new Map<number, ProfileNode>((profile.nodes as ProfileNode[]).map((node) => [node.id, node]));
      const self = new Map<string, number>();
      profile.samples!.forEach((id, i) => {
        const frame = nodes.get(id)!.callFrame;
        const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + profile.timeDeltas![i]! / 1000);
      });
      for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(0).padStart(6)} ms  ${key}`);
      printLongestBusyStretch(profile as unknown as SampledProfile, nodes);
      const longTasks = await page.evaluate(() => (window as unknown as { __outpostLongTasks: { start: number; duration: number }[] }).__outpostLongTasks ?? []);
      printLongTasks(profile as unknown as SampledProfile, nodes, longTasks, pageNowAtStop);
      printInclusive(profile as unknown as SampledProfile, nodes);
    });
  } finally {
    await seeded.server.close();
    await host.close();
  }
}

interface SampledProfile {
  nodes: (ProfileNode & { children?: number[] })[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/**
 * The `PROFILE_TASKS` (8) longest tasks, each with the functions on the stack for most of it: samples placed on the
 * page's clock by taking the profile's end as the page's `performance.now()` read just before stopping it.
 */
function printLongTasks(
  profile: SampledProfile,
  nodes: Map<number, ProfileNode>,
  tasks: { start: number; duration: number }[],
  pageNowAtStop: number,
): void {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const offsetMs = profile.endTime / 1000 - pageNowAtStop;
  const times: number[] = [];
  let at = profile.startTime;
  for (const delta of profile.timeDeltas) {
    at += delta;
    times.push(at / 1000 - offsetMs);
  }
  const label = (id: number) => {
    const frame = nodes.get(id)!.callFrame;
    return `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
  };
  const longest = [...tasks].sort((a, b) => b.duration - a.duration).slice(0, Number(process.env['PROFILE_TASKS'] ?? 8));
  for (const task of longest) {
    const inclusive = new Map<string, number>();
    let sampled = 0;
    times.forEach((time, i) => {
      if (time < task.start || time > task.start + task.duration) return;
      const delta = profile.timeDeltas[i]! / 1000;
      sampled += delta;
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const key = label(id);
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
      }
    });
    console.log(`task ${Math.round(task.duration)} ms at ${Math.round(task.start)} (${sampled.toFixed(0)} ms sampled):`);
    const top = [...inclusive].filter(([key]) => !key.startsWith('(root)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.log(top.map(([key, time]) => `    ${time.toFixed(0).padStart(5)} ms  ${key}`).join('\n'));
  }
}

/**
 * The longest stretch of samples without an idle one (about the longest main-thread task, or tasks back to back), with
 * the functions that were on the stack for most of it (inclusive time) and those running themselves (self time).
 */
function printLongestBusyStretch(profile: SampledProfile, nodes: Map<number, ProfileNode>): void {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const isIdle = (id: number) => nodes.get(id)!.callFrame.functionName === '(idle)';
  let best = { from: 0, to: 0, ms: 0 };
  let from = 0;
  let ms = 0;
  profile.samples.forEach((id, i) => {
    if (isIdle(id)) {
      from = i + 1;
      ms = 0;
      return;
    }
    ms += profile.timeDeltas[i]! / 1000;
    if (ms > best.ms) best = { from, to: i, ms };
  });
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  const label = (id: number) => {
    const frame = nodes.get(id)!.callFrame;
    return `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
  };
  for (let i = best.from; i <= best.to; i += 1) {
    const delta = profile.timeDeltas[i]! / 1000;
    const leaf = profile.samples[i]!;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const key = label(id);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
    }
  }
  console.log(`longest busy stretch: ${best.ms.toFixed(0)} ms`);
  for (const [key, time] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  incl ${time.toFixed(0).padStart(6)} ms  ${key}`);
  for (const [key, time] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  self ${time.toFixed(0).padStart(6)} ms  ${key}`);
}

/** Functions by the time they were on the stack over the whole profile (what React rendering, queries, writes cost). */
function printInclusive(profile: SampledProfile, nodes: Map<number, ProfileNode>): void {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((leaf, i) => {
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const frame = nodes.get(id)!.callFrame;
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + profile.timeDeltas[i]! / 1000);
    }
  });
  console.log('whole profile, inclusive:');
  for (const [key, time] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env['PROFILE_TOP'] ?? 80))) {
    console.log(`  incl ${time.toFixed(0).padStart(6)} ms  ${key}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * What a CDP sampling profile of an app page says about its main thread: the User Timing marks, the long tasks, the
 * functions with the most self time, the longest busy stretch, the functions on the stack during each of the longest
 * tasks (`PROFILE_TASKS`, samples placed on the page's clock) and inclusive time over the whole profile. Shared by the
 * profile scripts (`team-sync-profile.ts`, `fill-profile.ts`); not part of `npm run bench`.
 */
import { writeFile } from 'node:fs/promises';
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Starts the page's sampling profiler (every 0.5 ms). */
export async function startSampling(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}

/** Stops the profiler and prints what it sampled, with the page's marks and long tasks. */
export async function stopSamplingAndReport(page: Page, cdp: CDPSession): Promise<void> {
  // The page's clock just before the profile stops, to place the samples on it (the long tasks' time line).
  const pageNowAtStop = await page.evaluate(() => performance.now());
  const { profile } = await cdp.send('Profiler.stop');
  // PROFILE_SAVE=<file>: the raw profile too, for Chromium's DevTools (Performance panel, "Load profile").
  const saveAt = process.env['PROFILE_SAVE'];
  if (saveAt) {
    await writeFile(saveAt, JSON.stringify(profile));
    console.log(`profile saved at ${saveAt}; its end is the page's ${pageNowAtStop.toFixed(0)} ms`);
  }
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} at ${Math.round(m.startTime)} ms`));
  const longTasks = await page.evaluate(
    () => (window as unknown as { __outpostLongTasks?: { start: number; duration: number }[] }).__outpostLongTasks ?? [],
  );
  console.log(marks.join('\n'));
  console.log(`long tasks (start+duration ms): ${longTasks.map((t) => `${Math.round(t.start)}+${Math.round(t.duration)}`).join(' ')}`);
  const nodes = new Map<number, ProfileNode>((profile.nodes as ProfileNode[]).map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples!.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas![i]! / 1000);
  });
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(0).padStart(6)} ms  ${key}`);
  const sampled = profile as unknown as SampledProfile;
  printLongestBusyStretch(sampled, nodes);
  printLongTasks(sampled, nodes, longTasks, pageNowAtStop);
  printInclusive(sampled, nodes);
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

/**
 * The main-thread tasks of a first start's demo fill by wall time and by the CPU time the thread itself spent in them:
 * a Chrome trace (CDP `Tracing`, the `ThreadControllerImpl::RunTask` events of the page's main thread, whose `tdur`
 * is thread time) of the app opening `?demo=PROFILE_ACCOUNTS` (default 3,000) in a fresh profile on disk, from the book opening until the
 * book is filled. On a machine loaded several times over its cores a task's wall time is mostly waiting for a core;
 * its thread time is the work it did, which is what a change to the code changes. Not part of `npm run bench`:
 *   OUTPOST_CHROMIUM=/usr/bin/chromium PROFILE_ROOT=dist-web PROFILE_ACCOUNTS=3000 npx tsx bench/fill-task-times.ts
 */
import { resolve } from 'node:path';
import { startBrowserHost } from '../app/host/browser-host-server';
import { withFreshProfile } from './first-hour.bench';
import { markTime } from './page-probes';
import { runScript } from './run-script';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

async function main(): Promise<void> {
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '..', process.env['PROFILE_ROOT'] ?? 'dist-web') });
  const accounts = Number(process.env['PROFILE_ACCOUNTS'] ?? 3000);
  try {
    await withFreshProfile(async (context) => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (data) => {
        events.push(...(data.value as unknown as TraceEvent[]));
      });
      const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
      await cdp.send('Tracing.start', { categories: 'toplevel,blink.user_timing,__metadata', transferMode: 'ReportEvents' } as never);
      await page.goto(`${host.url}/?demo=${accounts}#/accounts`);
      const gridMs = await markTime(page, 'outpost:grid-interactive', 60 * 60_000);
      const filledMs = await markTime(page, 'outpost:book-filled', 60 * 60_000);
      const openMs = await markTime(page, 'outpost:book-open', 60_000);
      await cdp.send('Tracing.end');
      await complete;
      report(events, { gridMs, filledMs, openMs });
    });
  } finally {
    await host.close();
  }
}

function report(events: TraceEvent[], marks: { gridMs: number; filledMs: number; openMs: number }): void {
  // The page's main thread: the renderer thread named CrRendererMain with the most RunTask time (other renderers, the
  // blank start page, are small).
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const tasksByThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(key)) continue;
    tasksByThread.set(key, [...(tasksByThread.get(key) ?? []), e]);
  }
  if (process.env['PROFILE_DEBUG']) {
    const names = new Map<string, number>();
    for (const e of events) names.set(`${e.ph} ${e.name}`, (names.get(`${e.ph} ${e.name}`) ?? 0) + 1);
    console.log([...names].sort((a, b) => b[1] - a[1]).slice(0, 30), [...mainThreads]);
  }
  const busiest = [...tasksByThread.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
  // The marks are trace events too (blink.user_timing), on the trace's clock.
  const markAt = (name: string) => events.find((e) => e.name === name)?.ts;
  const fromUs = markAt('outpost:book-open') ?? 0;
  const toUs = markAt('outpost:book-filled') ?? Infinity;
  const first = fromUs - marks.openMs * 1000;
  const filling = busiest.filter((e) => e.ts >= fromUs && e.ts <= toUs);
  if (fromUs === 0) console.log('(no book-open mark in the trace: every task of the page counted)');
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  const over = (field: 'dur' | 'tdur', limit: number) => filling.filter((e) => ms(e[field]) > limit).length;
  console.log(`grid interactive at ${Math.round(marks.gridMs)} ms, filled at ${Math.round(marks.filledMs)} ms; ${filling.length} tasks while filling`);
  console.log(`tasks over 50 / 100 ms, wall: ${over('dur', 50)} / ${over('dur', 100)}; thread time: ${over('tdur', 50)} / ${over('tdur', 100)}`);
  const top = (field: 'dur' | 'tdur') =>
    [...filling]
      .sort((a, b) => (b[field] ?? 0) - (a[field] ?? 0))
      .slice(0, 10)
      .map((e) => `${ms(e.dur).toFixed(0)}/${ms(e.tdur).toFixed(0)}@${((e.ts - first) / 1000).toFixed(0)}`)
      .join(' ');
  console.log(`longest by wall (wall/thread ms @ ms from navigation): ${top('dur')}`);
  console.log(`longest by thread time (wall/thread ms @ ms): ${top('tdur')}`);
  console.log(`thread time in tasks while filling: ${(filling.reduce((sum, e) => sum + ms(e.tdur), 0) / 1000).toFixed(1)} s`);
}

const total = (tasks: TraceEvent[]) => tasks.reduce((sum, e) => sum + (e.dur ?? 0), 0);

runScript(main);

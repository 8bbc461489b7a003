import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { summarizeProfile, type CpuProfile } from './cpu-profile-summary';
import { median, round, type Figure } from './figure';
import { spread } from './spread';

/**
 * Ordinary interactions on a big book in Chromium (the issue's "p95 over twenty ordinary interactions, < 100 ms
 * each"): open an account, go back, switch pages, apply a segment, sort, filter, change the time range. Each is timed
 * from its input event (the `pointerdown`, `keydown` or `input` event's own timeStamp; for "back", `history.back()`
 * called in the page) to the next paint after the DOM it should produce is there: a MutationObserver checks for that
 * DOM after every mutation, then a requestAnimationFrame and a message posted from it mark the frame as painted.
 * The book is in `context` already (benchBookFill); one unmeasured warm-up round loads each page's code and the
 * book's history once, then `rounds` rounds of the same twenty interactions are measured.
 */

/** What the interaction should produce: an element that was not there appears, or an element's text or attribute changes. */
type Expect =
  | { appear: string; text?: string }
  | { change: string; attribute?: string };

type Input = 'pointerdown' | 'keydown' | 'input' | 'history-back';

interface Timing {
  /** Input event to the expected DOM present (ms). */
  dom: number;
  /** Input event to the next paint after it (ms): the figure. */
  paint: number;
}

interface Interaction {
  name: string;
  input: Input;
  expect: Expect;
  act(page: Page): Promise<void>;
}

/** Arms the probe in the page: the next input event of `input` starts the clock; the promise it leaves resolves at the paint. */
function arm(page: Page, input: Input, expect: Expect): Promise<void> {
  return page.evaluate(
    ({ input, expect }) => {
      const w = window as unknown as { __interaction?: Promise<{ dom: number; paint: number }>; __interactionStart?: (t: number) => void };
      // A page kept mounted while another shows (shell/KeptPage.tsx) is hidden by React's Activity with an inline
      // `display: none`: its elements are in the DOM but have not appeared.
      const shown = (el: Element) => el.closest('[style*="display: none"]') === null;
      const read = (): string | null => {
        if ('appear' in expect) {
          const el = [...document.querySelectorAll(expect.appear)].find(shown);
          return el && (!expect.text || el.textContent?.includes(expect.text)) ? 'there' : null;
        }
        const el = document.querySelector(expect.change);
        if (!el) return null;
        return expect.attribute ? el.getAttribute(expect.attribute) : el.textContent;
      };
      const before = read();
      if ('appear' in expect && before !== null) throw new Error(`${expect.appear} is there before the interaction`);
      let started: number | null = null;
      w.__interaction = new Promise((resolve) => {
        let done = false;
        const check = () => {
          if (done || started === null) return;
          const now = read();
          if ('appear' in expect ? now === null : now === before || now === null) return;
          done = true;
          observer.disconnect();
          const dom = performance.now();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve({ dom: dom - started!, paint: performance.now() - started! });
            channel.port2.postMessage(null);
          });
        };
        const observer = new MutationObserver(check);
        observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
        const start = (t: number) => {
          if (started !== null) return;
          started = t;
          // The DOM may already be there when the handler ran synchronously: look once after it.
          queueMicrotask(check);
          setTimeout(check, 0);
        };
        w.__interactionStart = start;
        if (input !== 'history-back') window.addEventListener(input, (event) => start(event.timeStamp), { capture: true, once: true });
      });
    },
    { input, expect },
  );
}

async function measure(page: Page, interaction: Interaction): Promise<Timing> {
  await arm(page, interaction.input, interaction.expect);
  if (interaction.input === 'history-back') {
    await page.evaluate(() => {
      (window as unknown as { __interactionStart: (t: number) => void }).__interactionStart(performance.now());
      history.back();
    });
  } else {
    await interaction.act(page);
  }
  return page.evaluate(
    (name) =>
      Promise.race([
        (window as unknown as { __interaction: Promise<Timing> }).__interaction,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`"${name}": the expected DOM did not come within 60 s`)), 60_000)),
      ]),
    interaction.name,
  );
}

const nav = (label: string) => async (page: Page) => page.locator('nav[aria-label="Sections"]').getByRole('link', { name: label, exact: true }).click();
const sortBy = (column: string) => async (page: Page) => page.locator(`[role="columnheader"][data-column="${column}"] button`).click();
const openRow = (index: number) => async (page: Page) => page.locator('[role="row"][data-account-id] [data-column="name"] a').nth(index).click();
const segment = (name: string) => async (page: Page) => page.getByRole('navigation', { name: 'Saved segments' }).getByRole('button', { name: new RegExp(`^${name} \\(`) }).click();

/**
 * The twenty interactions of one round, in order; each leaves the page where the next one starts (the round starts and
 * ends on the grid). The filter is cleared before an account is opened (the grid kept its filters only from issue 22 on,
 * and the same round runs against builds from before).
 */
const ROUND: readonly Interaction[] = [
  { name: 'sort the grid by MRR', input: 'pointerdown', expect: { change: '[role="columnheader"][data-column="mrr"]', attribute: 'aria-sort' }, act: sortBy('mrr') },
  { name: 'sort the grid by MRR again (reversed)', input: 'pointerdown', expect: { change: '[role="columnheader"][data-column="mrr"]', attribute: 'aria-sort' }, act: sortBy('mrr') },
  { name: 'open an account from the grid', input: 'pointerdown', expect: { appear: '[data-testid="account-header"]' }, act: openRow(0) },
  { name: 'go back to the grid', input: 'history-back', expect: { appear: '[data-testid="accounts-grid"] [role="row"][data-account-id]' }, act: async () => {} },
  { name: 'filter the grid by tier', input: 'input', expect: { change: '[data-testid="row-count"]' }, act: async (page) => void (await page.getByLabel('Filter Tier').selectOption('Enterprise')) },
  { name: 'clear the tier filter', input: 'input', expect: { change: '[data-testid="row-count"]' }, act: async (page) => void (await page.getByLabel('Filter Tier').selectOption('')) },
  { name: 'open an account from the grid', input: 'pointerdown', expect: { appear: '[data-testid="account-header"]' }, act: openRow(1) },
  { name: 'go back to the grid', input: 'history-back', expect: { appear: '[data-testid="accounts-grid"] [role="row"][data-account-id]' }, act: async () => {} },
  { name: 'switch to the dashboard', input: 'pointerdown', expect: { appear: '[data-testid="dashboard-overview"]' }, act: nav('Dashboard') },
  { name: 'switch to the analytics console', input: 'pointerdown', expect: { appear: '[data-testid="analytics-console"]' }, act: nav('Analytics') },
  { name: 'change the time range', input: 'input', expect: { change: '[data-testid="retention-formulas"]' }, act: async (page) => void (await page.getByTestId('time-range').selectOption('last-12-months')) },
  { name: 'change the time range', input: 'input', expect: { change: '[data-testid="retention-formulas"]' }, act: async (page) => void (await page.getByTestId('time-range').selectOption('last-quarter')) },
  { name: 'switch to segments', input: 'pointerdown', expect: { appear: '[data-testid="segment-count"]' }, act: nav('Segments') },
  { name: 'apply a segment', input: 'pointerdown', expect: { change: '[data-testid="segment-count"]' }, act: segment('Bench enterprise') },
  { name: 'apply a segment', input: 'pointerdown', expect: { change: '[data-testid="segment-count"]' }, act: segment('Bench red health') },
  { name: 'switch to the dashboard', input: 'pointerdown', expect: { appear: '[data-testid="dashboard-overview"]' }, act: nav('Dashboard') },
  { name: 'switch to the accounts grid', input: 'pointerdown', expect: { appear: '[data-testid="accounts-grid"] [role="row"][data-account-id]' }, act: nav('Accounts') },
  { name: 'sort the grid by name', input: 'pointerdown', expect: { change: '[role="columnheader"][data-column="name"]', attribute: 'aria-sort' }, act: sortBy('name') },
  { name: 'open an account from the grid', input: 'pointerdown', expect: { appear: '[data-testid="account-header"]' }, act: openRow(2) },
  { name: 'go back to the grid', input: 'history-back', expect: { appear: '[data-testid="accounts-grid"] [role="row"][data-account-id]' }, act: async () => {} },
];

/** Two saved segments to apply (made through the Segments page, untimed): red health, and the Enterprise tier. */
async function saveSegments(page: Page): Promise<void> {
  await nav('Segments')(page);
  await page.getByTestId('segment-count').waitFor();
  // A book kept from an earlier run (BENCH_INTERACTION_BOOK) has them already.
  if ((await page.getByRole('button', { name: /^Bench enterprise \(/ }).count()) > 0) return;
  const editor = page.getByRole('region', { name: 'Segment editor' });
  await editor.getByLabel('Name').fill('Bench red health');
  await editor.getByRole('button', { name: 'Save segment' }).click();
  await page.getByRole('button', { name: /^Bench red health \(/ }).waitFor();
  await page.getByRole('button', { name: 'New segment' }).click();
  await editor.getByLabel('Name').fill('Bench enterprise');
  await editor.getByLabel('Segment condition 1 field').selectOption('tier');
  await editor.getByLabel('Segment condition 1 value').selectOption('Enterprise');
  await editor.getByRole('button', { name: 'Save segment' }).click();
  await page.getByRole('button', { name: /^Bench enterprise \(/ }).waitFor();
}

/** Before measuring: the book opened, scored (the first scoring of a fresh book runs for minutes) and its history read. */
async function settle(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/#/accounts`);
  await page.waitForFunction(() => performance.getEntriesByName('outpost:grid-interactive').length > 0, null, { timeout: 300_000 });
  const scoring = page.getByTestId('scoring-progress');
  await scoring.waitFor({ state: 'visible', timeout: 60_000 }).catch(() => undefined);
  await scoring.waitFor({ state: 'hidden', timeout: 60 * 60_000 });
  await nav('Analytics')(page);
  await page.getByTestId('analytics-console').waitFor({ timeout: 30 * 60_000 });
  await saveSegments(page);
  await nav('Accounts')(page);
  await page.locator('[data-testid="accounts-grid"] [role="row"][data-account-id]').first().waitFor();
}

/** The p95 of one round's twenty figures (nearest rank: the 19th of 20). */
function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

/** The main thread's time by kind over one interaction (CDP `Performance.getMetrics`, seconds there, ms here). */
const KINDS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/**
 * One more round with the CDP profiler on (sampling every 100 µs): writes `<n>-<interaction>.cpuprofile` into `dir`
 * (open it in Chrome's DevTools, Performance panel) and prints, per interaction, its figure, the main thread's task,
 * script, layout and style time, and the functions with the most self and inclusive time.
 */
async function profileRound(page: Page, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  for (const [i, interaction] of ROUND.entries()) {
    const before = await metrics(cdp);
    await cdp.send('Profiler.start');
    const timing = await measure(page, interaction);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const after = await metrics(cdp);
    const slug = interaction.name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '');
    writeFileSync(join(dir, `${String(i + 1).padStart(2, '0')}-${slug}.cpuprofile`), JSON.stringify(profile));
    const summary = summarizeProfile(profile);
    const kinds = KINDS.map((k) => `${k.replace('Duration', '')} ${Math.round(((after[k] ?? 0) - (before[k] ?? 0)) * 10_000) / 10} ms`).join(', ');
    console.log(`\n## ${i + 1}. ${interaction.name}: ${round(timing.paint)} ms to paint (DOM at ${round(timing.dom)} ms)`);
    console.log(`main thread: ${kinds}; sampled busy ${summary.busyMs} ms, GC ${summary.gcMs} ms`);
    console.log(`self:      ${summary.self.map((f) => `${f.name} ${f.ms}`).join(' | ')}`);
    console.log(`inclusive: ${summary.inclusive.map((f) => `${f.name} ${f.ms}`).join(' | ')}`);
  }
  await cdp.send('Profiler.disable');
  await cdp.detach();
}

/**
 * A slice of the console not computed yet (the SMB tier; the rounds never change the slice): from the select's input
 * to the console's figures for it (`aria-busy` back to false, polled each frame), and the main thread's long tasks
 * (over 50 ms, PerformanceObserver) from the input until 2 s after (the run, then what is computed ahead). Ends on
 * the grid, with the slice back to the whole book.
 */
async function coldSlice(page: Page, profileDir?: string): Promise<{ figures: number; longTasks: number[] }> {
  await nav('Analytics')(page);
  const busy = () => document.querySelector('[data-testid="analytics-console"]')?.getAttribute('aria-busy');
  await page.waitForFunction(busy, null, { timeout: 120_000 }).then(() => page.waitForFunction(() => document.querySelector('[data-testid="analytics-console"]')?.getAttribute('aria-busy') === 'false', null, { timeout: 120_000 }));
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __sliceStart: number | null };
    w.__longTasks = [];
    w.__sliceStart = null;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    window.addEventListener('input', (e) => (w.__sliceStart = e.timeStamp), { capture: true, once: true });
  });
  const cdp = profileDir ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await page.getByTestId('slice-tier').selectOption('SMB');
  const figures = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { __sliceStart: number };
        const check = () => {
          if (document.querySelector('[data-testid="analytics-console"]')?.getAttribute('aria-busy') === 'false') resolve(performance.now() - w.__sliceStart);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
  await page.waitForTimeout(2000);
  if (cdp && profileDir) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, 'cold-slice.cpuprofile'), JSON.stringify(profile));
    const summary = summarizeProfile(profile);
    console.log(`\n## console, a slice not computed yet (until 2 s after): sampled busy ${summary.busyMs} ms, GC ${summary.gcMs} ms`);
    console.log(`self:      ${summary.self.map((f) => `${f.name} ${f.ms}`).join(' | ')}`);
    console.log(`inclusive: ${summary.inclusive.map((f) => `${f.name} ${f.ms}`).join(' | ')}`);
    await cdp.detach();
  }
  const longTasks = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __sliceStart: number };
    return w.__longTasks.filter((t) => t.start + t.duration >= w.__sliceStart).map((t) => t.duration);
  });
  await page.getByTestId('slice-tier').selectOption('');
  await page.waitForFunction(() => document.querySelector('[data-testid="analytics-console"]')?.getAttribute('aria-busy') === 'false', null, { timeout: 120_000 });
  await nav('Accounts')(page);
  await page.locator('[data-testid="accounts-grid"] [role="row"][data-account-id]').first().waitFor();
  return { figures, longTasks };
}

export async function benchInteractions(context: BrowserContext, baseUrl: string, accounts: number, rounds: number, profileDir?: string): Promise<Figure[]> {
  const page = await context.newPage();
  await settle(page, baseUrl);
  for (const interaction of ROUND) await measure(page, interaction); // warm-up: each page's code and data once
  const byName = new Map<string, number[]>();
  const roundP95: number[] = [];
  const all: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const paints: number[] = [];
    for (const interaction of ROUND) {
      const timing = await measure(page, interaction);
      paints.push(timing.paint);
      byName.set(interaction.name, [...(byName.get(interaction.name) ?? []), timing.paint]);
    }
    roundP95.push(p95(paints));
    all.push(...paints);
  }
  const cold = await coldSlice(page, profileDir);
  if (profileDir) await profileRound(page, profileDir);
  await page.close();
  const over = all.filter((v) => v >= 100).length;
  return [
    { name: `console: a slice not computed yet (one tier), input to its figures, ${accounts}-account book`, value: round(cold.figures), unit: 'ms' },
    { name: `console: long tasks (> 50 ms) from that input until 2 s after, ${accounts}-account book`, value: cold.longTasks.length, unit: 'tasks' },
    { name: `console: the longest of them, ${accounts}-account book`, value: round(Math.max(0, ...cold.longTasks)), unit: 'ms' },
    ...spread(`p95 of ${ROUND.length} ordinary interactions, input to next paint, ${accounts}-account book (per round, ${rounds} rounds)`, roundP95, 'ms'),
    { name: `ordinary interactions over 100 ms, ${accounts}-account book (of ${all.length})`, value: over, unit: 'interactions' },
    ...[...byName].flatMap(([name, values]) => spread(`${name}, input to next paint, ${accounts}-account book`, values, 'ms')),
    { name: `median of all ${all.length} interactions, ${accounts}-account book`, value: round(median(all)), unit: 'ms' },
  ];
}

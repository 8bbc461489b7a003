import { describe, expect, it } from 'vitest';
import { yieldToMain } from '../../../../../common/clock/yield-to-main';
import { consoleMetrics, type ConsoleInput } from '../../../../../common/analytics/console-metrics';
import { MrrHistoryIndex } from '../../../../../common/analytics/mrr-history-index';
import { consoleBook } from '../../../../../common/analytics/testing/console-book';
import { ConsoleMetricsRunner, type ConsoleRequest } from './console-metrics-runner';

/** One step per task (no CPU budget), in small chunks, counting the tasks it waited for. */
function runner() {
  const tasks = { next: 0, idle: 0 };
  const r = new ConsoleMetricsRunner({
    budgetMs: 0,
    sizes: { accountsPerStep: 4, touchesPerStep: 40 },
    nextTask: () => (tasks.next++, yieldToMain()),
    idleTask: () => (tasks.idle++, yieldToMain()),
  });
  return { r, tasks };
}

const requestFor = (input: ConsoleInput): ConsoleRequest => ({ key: [input.accounts, input.histories, input.range.start, input.range.end], input });
const tasks = async (n: number) => {
  for (let i = 0; i < n; i++) await yieldToMain();
};

describe('the console metrics runner', () => {
  it('computes the figures one step per task, with progress, and gives what one piece gives', async () => {
    const { r, tasks: waited } = runner();
    const book = requestFor(consoleBook(3, 30));
    const seen: number[] = [];
    r.subscribe(() => {
      const p = r.progress(book.key);
      if (p) seen.push(p.done);
    });
    const result = await r.request(book);
    expect(result).toEqual(consoleMetrics(book.input));
    expect(r.result(book.key)).toBe(result);
    expect(waited.next).toBeGreaterThan(20);
    expect(seen.length).toBe(waited.next - 1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Kept: asked again, it is there at once, no task waited for.
    const before = waited.next;
    expect(await r.request({ ...book, input: { ...book.input } })).toBe(result);
    expect(waited.next).toBe(before);
  });

  it('a change of the book mid-run stops that run and gives the new book\'s figures, never a mix; the old ones are not kept', async () => {
    const { r } = runner();
    const before = requestFor(consoleBook(5, 30));
    // The same book after an edit: one account's MRR changed (new account and history objects, as the stores give).
    const edited = { ...before.input.accounts[2]!, mrr: before.input.accounts[2]!.mrr + 500, status: 'active' as const };
    const accounts = before.input.accounts.map((a, i) => (i === 2 ? edited : a));
    const histories = new MrrHistoryIndex().update(accounts, before.input.eventsByAccount, before.input.today);
    const afterInput: ConsoleInput = { ...before.input, accounts, histories };
    expect(consoleMetrics(afterInput)).not.toEqual(consoleMetrics(before.input));
    const afterRequest = requestFor(afterInput);
    const first = r.request(before);
    await tasks(5);
    expect(r.progress(before.key)?.done).toBeGreaterThan(0);
    const second = r.request(afterRequest);
    expect(await first).toBeNull();
    expect(await second).toEqual(consoleMetrics(afterInput));
    expect(r.result(before.key)).toBeUndefined();
    expect(r.result(afterRequest.key)).toEqual(consoleMetrics(afterInput));
  });

  it('stops when the console is left: nothing is computed further or kept', async () => {
    const { r, tasks: waited } = runner();
    const book = requestFor(consoleBook(8, 20));
    const run = r.request(book);
    await tasks(3);
    r.stop();
    expect(await run).toBeNull();
    const at = waited.next;
    await tasks(10);
    expect(waited.next).toBe(at);
    expect(r.result(book.key)).toBeUndefined();
  });

  it('computes the other ranges ahead in idle time; the next range change is answered from them', async () => {
    const { r, tasks: waited } = runner();
    const current = requestFor(consoleBook(9, 20, 'this-quarter'));
    await r.request(current);
    const others = (['last-quarter', 'last-12-months'] as const).map((range) => {
      const input = { ...current.input, range: consoleBook(9, 1, range).range };
      return requestFor(input);
    });
    r.computeAhead([current, ...others]);
    // Each done in turn (the current one is kept already and not run again).
    const ahead = await new Promise<void>((resolve) => {
      const off = r.subscribe(() => {
        if (others.every((o) => r.result(o.key))) {
          off();
          resolve();
        }
      });
    });
    expect(ahead).toBeUndefined();
    expect(waited.idle).toBeGreaterThan(0);
    for (const other of others) expect(r.result(other.key)).toEqual(consoleMetrics(other.input));
    const next = waited.next;
    expect(await r.request(others[1]!)).toBe(r.result(others[1]!.key));
    expect(waited.next).toBe(next);
  });

  it('a range asked for while it is computed ahead goes on from where it is, at full speed', async () => {
    const { r, tasks: waited } = runner();
    const current = requestFor(consoleBook(10, 20, 'this-quarter'));
    const other = requestFor({ ...current.input, range: consoleBook(10, 1, 'last-6-months').range });
    r.computeAhead([other]);
    await tasks(6);
    const { done: reached, total } = r.progress(other.key)!;
    expect(reached).toBeGreaterThan(0);
    const idleBefore = waited.idle;
    const result = await r.request(other);
    expect(result).toEqual(consoleMetrics(other.input));
    // Not started again: the steps left ran in full-speed tasks, none more in idle time.
    expect(waited.idle).toBe(idleBefore);
    expect(waited.next).toBeLessThanOrEqual(total - reached + 1);
  });

  it('the print layout computes in one piece what is not kept', () => {
    const { r } = runner();
    const book = requestFor(consoleBook(12, 15));
    const value = r.computeNow(book);
    expect(value).toEqual(consoleMetrics(book.input));
    expect(r.result(book.key)).toBe(value);
  });
});

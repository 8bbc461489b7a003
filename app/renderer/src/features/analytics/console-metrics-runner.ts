import { yieldToMain } from '../../../../../common/clock/yield-to-main';
import {
  CONSOLE_STEP_SIZES,
  consoleMetrics,
  consoleMetricSteps,
  type ConsoleInput,
  type ConsoleMetrics,
  type ConsoleProgress,
  type ConsoleStepSizes,
} from '../../../../../common/analytics/console-metrics';
import { RecentResults } from '../../../../../common/memo/recent-results';

/** One computation the console asks for: its input, and the key (the inputs' identities) its result is kept under. */
export interface ConsoleRequest {
  key: readonly unknown[];
  input: ConsoleInput;
}

export interface ConsoleRunnerOptions {
  /** How many results are kept (per book version, slice and range): enough for every preset range of two slices. */
  keep?: number;
  /** CPU time one task spends on steps before it gives the main thread back. */
  budgetMs?: number;
  sizes?: ConsoleStepSizes;
  /** Waits for the next task of a run the person is waiting for. */
  nextTask?: () => Promise<void>;
  /** Waits for an idle moment for a run computed ahead (another range, before the person asks for it). */
  idleTask?: () => Promise<void>;
  now?: () => number;
}

interface Run {
  key: readonly unknown[];
  /** Ahead of being asked (idle time), until the person asks for it. */
  ahead: boolean;
  stopped: boolean;
  progress: ConsoleProgress | null;
  done: Promise<ConsoleMetrics | null>;
}

/** requestIdleCallback where the host has it (a browser), else the next task. */
function idleTask(): Promise<void> {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
  if (typeof idle !== 'function') return yieldToMain();
  return new Promise((resolve) => idle(() => resolve(), { timeout: 1000 }));
}

const sameKey = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Computes the analytics console's metrics off the critical path: `consoleMetricSteps` run a few steps per task
 * (`budgetMs` of CPU, then the main thread is given back), so input, rendering and other work interleave with a big
 * book's computation. One run at a time: asking for other figures (a new range, slice or book version) stops the run
 * in progress, so a run never mixes two books and nothing stale is kept. Results are kept per key; runs asked for
 * ahead (`computeAhead`, the other preset ranges once the figures on screen have painted) take idle time only and
 * give way to any request.
 */
export class ConsoleMetricsRunner {
  private readonly kept: RecentResults<ConsoleMetrics>;
  private readonly budgetMs: number;
  private readonly sizes: ConsoleStepSizes;
  private readonly nextTask: () => Promise<void>;
  private readonly idleTask: () => Promise<void>;
  private readonly now: () => number;
  private running: Run | null = null;
  private ahead: ConsoleRequest[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(options: ConsoleRunnerOptions = {}) {
    this.kept = new RecentResults(options.keep ?? 10);
    this.budgetMs = options.budgetMs ?? 10;
    this.sizes = options.sizes ?? CONSOLE_STEP_SIZES;
    this.nextTask = options.nextTask ?? yieldToMain;
    this.idleTask = options.idleTask ?? idleTask;
    this.now = options.now ?? (() => performance.now());
  }

  /** The kept result for `key`, if any (no work). */
  result(key: readonly unknown[]): ConsoleMetrics | undefined {
    return this.kept.peek(key);
  }

  /** The progress of the run for `key` while one runs (null before its first step or when none runs). */
  progress(key: readonly unknown[]): ConsoleProgress | null {
    return this.running && sameKey(this.running.key, key) ? this.running.progress : null;
  }

  /** The result now, computed in this task if it is not kept (the print layout, which prints once it is there). */
  computeNow(request: ConsoleRequest): ConsoleMetrics {
    const kept = this.kept.peek(request.key);
    if (kept) return kept;
    if (this.running && sameKey(this.running.key, request.key)) this.stopRun();
    const value = consoleMetrics(request.input);
    this.kept.put(request.key, value);
    return value;
  }

  /**
   * The figures the person is waiting for: resolves with them (at once when kept), or null if the run is stopped
   * because other figures were asked for or the console was left. A run already computing them ahead is kept on, now
   * at full speed; any other run, and everything queued ahead, is stopped.
   */
  request(request: ConsoleRequest): Promise<ConsoleMetrics | null> {
    const kept = this.kept.peek(request.key);
    if (kept) return Promise.resolve(kept);
    this.ahead = [];
    if (this.running && sameKey(this.running.key, request.key)) {
      this.running.ahead = false;
      return this.running.done;
    }
    this.stopRun();
    return this.start(request, false).done;
  }

  /** Computes these ahead, one after another in idle time, unless kept, or until `request` or `stop` is called. */
  computeAhead(requests: readonly ConsoleRequest[]): void {
    this.ahead = requests.filter((r) => !this.kept.peek(r.key) && !(this.running && sameKey(this.running.key, r.key)));
    if (!this.running) this.startAhead();
  }

  /** Stops every run and what is queued ahead (the console was left); kept results stay. */
  stop(): void {
    this.ahead = [];
    this.stopRun();
  }

  /** Called when a result is kept or a run's progress moves (for useSyncExternalStore). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private stopRun(): void {
    if (!this.running) return;
    this.running.stopped = true;
    this.running = null;
    this.notify();
  }

  private startAhead(): void {
    const next = this.ahead.shift();
    if (next) this.start(next, true);
  }

  private start(request: ConsoleRequest, ahead: boolean): Run {
    const run: Run = { key: request.key, ahead, stopped: false, progress: null, done: Promise.resolve(null) };
    this.running = run;
    run.done = this.steps(run, request.input);
    return run;
  }

  private async steps(run: Run, input: ConsoleInput): Promise<ConsoleMetrics | null> {
    const steps = consoleMetricSteps(input, this.sizes);
    for (;;) {
      // Every slice starts in a task of its own: the one that asked (a render's effect, an input) finishes first.
      await (run.ahead ? this.idleTask() : this.nextTask());
      if (run.stopped) return null;
      const until = this.now() + this.budgetMs;
      let next = steps.next();
      while (!next.done && this.now() < until) next = steps.next();
      if (next.done) {
        this.kept.put(run.key, next.value);
        this.running = null;
        this.notify();
        this.startAhead();
        return next.value;
      }
      run.progress = next.value;
      this.notify();
    }
  }
}

import type { AccountFacts } from '../segments/account-facts';
import { catchUp } from './catch-up';
import { ACTIVE_STATUSES, type ExecutionState } from './execution';
import type { Playbook } from './playbook-definition';
import { runExecution } from './run-execution';
import type { EffectPort } from './step-effects';
import { newExecution } from './step-reducer';
import { dayOf } from './time';
import { executionId } from './execution-id';
import { compileTrigger, decideTrigger, manualStart, type CompiledTrigger } from './triggers';

/**
 * What the engine reads, synchronously, from a live mirror of the book (the RxDB engine keeps one from change
 * streams; tests use plain maps). Only accounts this device runs are offered: `facts` answers null for the others.
 */
export interface EngineWorld {
  /** The active version of each active playbook. */
  activePlaybooks(): readonly Playbook[];
  /** Any stored version (executions finish on the version they started with). */
  playbookVersion(playbookId: string, version: number): Playbook | undefined;
  /** The accounts this device runs playbooks for. */
  accountIds(): Iterable<string>;
  /** An account's facts on a day, or null when this device does not run it (not the owner's device, deleted). */
  facts(accountId: string, today: string): AccountFacts | null;
  executionsOf(accountId: string): readonly ExecutionState[];
  execution(id: string): ExecutionState | undefined;
  /**
   * Executions due by `now` (nextWakeAt ≤ now), of any account, and those waiting for a task that is no longer open
   * (completed on another device, or while the app was closed).
   */
  dueExecutions(now: string): readonly ExecutionState[];
  taskStatus(taskId: string): string | undefined;
}

export interface EngineWrites {
  /** Stores an execution's new state (create or update). */
  saveExecution(state: ExecutionState): Promise<void>;
  port: EffectPort;
}

/**
 * The automation loop around the pure pieces: account changes (from change streams) go through every active
 * playbook's trigger; due executions run in the order their steps fell due; a completed task runs its execution.
 * Holds only the last facts seen per account (to see a segment being left) and the compiled triggers.
 */
export class PlaybookEngine {
  private compiled: CompiledTrigger[] = [];
  private readonly lastFacts = new Map<string, AccountFacts>();

  constructor(
    private readonly world: EngineWorld,
    private readonly writes: EngineWrites,
  ) {
    this.reloadPlaybooks();
  }

  /** After a playbook was activated, changed or retired. */
  reloadPlaybooks(): void {
    this.compiled = this.world.activePlaybooks().map(compileTrigger);
  }

  /** The executions to start and release for one account now, without running them (also the bench's unit). */
  decide(accountId: string, now: string): { starts: { trigger: CompiledTrigger; occurrence: string; triggerHolds: boolean }[]; releases: string[]; facts: AccountFacts | null } {
    const facts = this.world.facts(accountId, dayOf(now));
    if (!facts) {
      this.lastFacts.delete(accountId);
      return { starts: [], releases: [], facts: null };
    }
    const before = this.lastFacts.get(accountId) ?? null;
    this.lastFacts.set(accountId, facts);
    const existing = this.world.executionsOf(accountId);
    const starts: { trigger: CompiledTrigger; occurrence: string; triggerHolds: boolean }[] = [];
    const releases: string[] = [];
    for (const trigger of this.compiled) {
      const decision = decideTrigger(trigger, before, facts, existing);
      for (const start of decision.start) starts.push({ trigger, occurrence: start.occurrence, triggerHolds: start.triggerHolds });
      for (const id of decision.release) releases.push(id);
    }
    return { starts, releases, facts };
  }

  /** One account changed (edit, import, sync, new score, alert, task): triggers, then its waiting executions. */
  async accountChanged(accountId: string, now: string): Promise<void> {
    const { starts, releases, facts } = this.decide(accountId, now);
    if (!facts) return;
    for (const id of releases) {
      const state = this.world.execution(id);
      if (state?.triggerHolds) await this.writes.saveExecution({ ...state, triggerHolds: false });
    }
    const startedIds = new Set<string>();
    for (const start of starts) {
      const id = executionId(start.trigger.playbook.id, start.trigger.playbook.version, accountId, start.occurrence);
      startedIds.add(id);
      const state = newExecution({ id, accountId, accountName: facts.account.name, occurrence: start.occurrence, triggerHolds: start.triggerHolds }, start.trigger.playbook, now);
      await this.writes.saveExecution(state);
      await this.run(state, now);
    }
    // A wait "until" may hold now; a task may have been completed.
    for (const state of this.world.executionsOf(accountId)) {
      if ((state.status === 'waiting' || state.status === 'running') && !startedIds.has(state.id)) await this.run(state, now);
    }
  }

  /** The timer: time-based triggers for every account, then every execution due, in order. */
  async tick(now: string): Promise<{ runs: number }> {
    for (const accountId of [...this.world.accountIds()]) {
      const { starts, releases, facts } = this.decide(accountId, now);
      if (!facts) continue;
      for (const id of releases) {
        const state = this.world.execution(id);
        if (state?.triggerHolds) await this.writes.saveExecution({ ...state, triggerHolds: false });
      }
      for (const start of starts) {
        const id = executionId(start.trigger.playbook.id, start.trigger.playbook.version, accountId, start.occurrence);
        await this.writes.saveExecution(newExecution({ id, accountId, accountName: facts.account.name, occurrence: start.occurrence, triggerHolds: start.triggerHolds }, start.trigger.playbook, now));
      }
    }
    return { runs: await this.catchUp(now) };
  }

  /** Runs every due execution of the accounts this device runs, earliest step first. */
  catchUp(now: string): Promise<number> {
    // A task completed elsewhere leaves its execution with no wake time: it is due now.
    const due = this.world.dueExecutions(now).map((state) => (state.nextWakeAt === '' ? { ...state, nextWakeAt: now } : state));
    return catchUp(due, now, (state, horizon) => this.run(state, now, horizon));
  }

  /** A person starts the playbook on chosen accounts (skipping those where it already runs). */
  async startManually(playbook: Playbook, accountIds: readonly string[], now: string): Promise<string[]> {
    const started: string[] = [];
    for (const accountId of accountIds) {
      const facts = this.world.facts(accountId, dayOf(now));
      if (!facts || this.world.executionsOf(accountId).some((e) => e.playbookId === playbook.id && ACTIVE_STATUSES.has(e.status))) continue;
      const start = manualStart(playbook, accountId, now);
      const state = newExecution({ id: start.id, accountId, accountName: facts.account.name, occurrence: start.occurrence, triggerHolds: false }, playbook, now);
      await this.writes.saveExecution(state);
      await this.run(state, now);
      started.push(start.id);
    }
    return started;
  }

  /** Runs one execution up to its next wait and stores the result when it changed. */
  async run(state: ExecutionState, now: string, horizon?: string): Promise<ExecutionState> {
    if (!this.world.facts(state.accountId, dayOf(now))) return state;
    const playbook = this.world.playbookVersion(state.playbookId, state.playbookVersion);
    if (!playbook) return state;
    const next = await runExecution(state, {
      playbook,
      factsAt: (at) => this.world.facts(state.accountId, dayOf(at))!,
      taskStatus: (id) => this.world.taskStatus(id),
      port: this.writes.port,
      now,
      horizon,
    });
    if (next !== state) await this.writes.saveExecution(next);
    return next;
  }
}

import type { MangoQuerySelector, RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { HybridLogicalClock } from '../clock/hlc';
import type { OutpostDatabase } from '../db/create-database';
import { getDeviceClock, stampChanges, stampNew } from '../db/stamp-writes';
import { raw } from '../intelligence/engine-storage';
import type { Account, Alert, Contact, RevenueEvent, RiskAssessment, UsageMonth } from '../model';
import { accountFacts, type AccountFacts } from '../segments/account-facts';
import type { AccessUser } from '../sync/access-policy';
import { computesForAccount } from '../sync/push-policy';
import { catchUpOf } from '../sync/replica-catch-up';
import { ArrivalHold } from './arrival-hold';
import type { Task } from '../tasks/task';
import { ACTIVE_STATUSES, type Execution, type ExecutionState } from './execution';
import { playbookSchema, type Playbook } from './playbook-definition';
import type { PlaybookDocument } from './playbook-document';
import { PlaybookEngine, type EngineWorld } from './playbook-engine';
import { outcomeFromRevenue } from './outcomes';
import type { EffectPort, StepEffect } from './step-effects';

export interface RxPlaybookEngineOptions {
  db: OutpostDatabase;
  /** The signed-in user (null on the device's own book: every account is the user's). */
  user: AccessUser | null;
  /** The clock: the app passes the wall clock, tests a clock they move. */
  now: () => string;
  notify?: (title: string, body: string) => void;
  /** Delivers a webhook step (the app signs it with the team's secret); absent: webhook steps fail with PLAY001. */
  webhook?: (delivery: { url: string; body: string; idempotencyKey: string }) => Promise<void>;
  clock?: HybridLogicalClock;
  /** Reports an error of the automation loop itself (a write refused), so it is shown, not swallowed. */
  onError?: (error: unknown) => void;
  /**
   * Catches the replica up with its team server (common/sync/replica-catch-up.ts); default: what the team
   * replication registered for `db`, none for a book that does not sync. Accounts that arrive by sync wait for it.
   */
  catchUp?: () => Promise<void>;
}

const EXECUTION_SYNC_KEYS = new Set(['ownerId', 'teamId', 'updatedAt', 'fieldStamps']);

/**
 * The playbook engine on the local database. A live mirror of what triggers read (accounts, risk assessments, open
 * alerts, usage months, tasks, executions, playbooks, contacts: whichever of them the book opened) is kept from the collections'
 * change streams; every change to an account's data runs that account through the triggers (never a rescan), and
 * `tick()` (the app's one-minute timer, or a test's clock) runs the time-based triggers and every due execution in
 * order. Only the accounts the device's user owns are run (`computesForAccount`): on a team, the owner's device runs
 * the executions and everyone else receives them by sync. Work is serialised: one change at a time.
 */
export class RxPlaybookEngine implements EngineWorld {
  private readonly accounts = new Map<string, Account>();
  private readonly assessments = new Map<string, RiskAssessment>();
  private readonly alertsByAccount = new Map<string, Map<string, Alert>>();
  private readonly contactsByAccount = new Map<string, Map<string, Contact>>();
  private readonly revenueByAccount = new Map<string, Map<string, RevenueEvent>>();
  private readonly usageByAccount = new Map<string, Map<string, UsageMonth>>();
  private readonly tasks = new Map<string, Task>();
  private readonly tasksByAccount = new Map<string, Set<string>>();
  private readonly executions = new Map<string, Execution>();
  private readonly executionsByAccount = new Map<string, Set<string>>();
  private readonly playbookDocs = new Map<string, PlaybookDocument>();
  private readonly parsed = new Map<string, Playbook | null>();
  private readonly subscriptions: Subscription[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly engine: PlaybookEngine;
  private readonly clock: HybridLogicalClock;
  private readonly arrivals: ArrivalHold | null;
  private stopped = false;

  private constructor(private readonly options: RxPlaybookEngineOptions) {
    this.clock = options.clock ?? getDeviceClock();
    this.engine = new PlaybookEngine(this, { saveExecution: (state) => this.saveExecution(state), port: this.port });
    const catchUp = options.catchUp ?? catchUpOf(options.db);
    this.arrivals = catchUp
      ? new ArrivalHold(catchUp, (accountIds) => accountIds.forEach((id) => this.accountTouched(id)), (error) => this.options.onError?.(error))
      : null;
  }

  /** Whether this device runs the account now: its user's, and not waiting for the replica to catch up. */
  private runs(account: Account): boolean {
    return computesForAccount(this.options.user, account) && !this.arrivals?.holds(account.id);
  }

  static async start(options: RxPlaybookEngineOptions): Promise<RxPlaybookEngine> {
    const engine = new RxPlaybookEngine(options);
    await engine.load();
    engine.engine.reloadPlaybooks();
    return engine;
  }

  /** Runs time-based triggers and due executions now (serialised with change handling). */
  tick(): Promise<void> {
    return this.enqueue(async () => {
      await this.engine.tick(this.options.now());
      for (const accountId of this.revenueByAccount.keys()) await this.settleOutcomes(accountId);
    });
  }

  /** Finished executions that ended "from revenue" take the account's later renewal, expansion or churn. */
  private async settleOutcomes(accountId: string): Promise<void> {
    const account = this.accounts.get(accountId);
    if (!account || !this.runs(account)) return;
    const events = [...(this.revenueByAccount.get(accountId)?.values() ?? [])];
    for (const execution of this.executionsOf(accountId)) {
      const outcome = outcomeFromRevenue(execution, events);
      if (outcome) await this.saveExecution({ ...execution, outcome });
    }
  }

  /** Starts a playbook by hand on chosen accounts; answers the ids of the executions started. */
  startManually(playbook: Playbook, accountIds: readonly string[]): Promise<string[]> {
    return this.enqueue(() => this.engine.startManually(playbook, accountIds, this.options.now()));
  }

  /** Resolves when every change seen so far has been handled (tests; the app never waits on it). */
  idle(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  stop(): void {
    this.stopped = true;
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => (this.stopped ? (undefined as T) : work()));
    this.queue = run.catch((error: unknown) => this.options.onError?.(error));
    return run;
  }

  private accountTouched(accountId: string): void {
    void this.enqueue(() => this.engine.accountChanged(accountId, this.options.now()));
  }

  private async load(): Promise<void> {
    const db = this.options.db;
    const follow = <T extends { id: string }>(name: string, apply: (doc: T, deleted: boolean, fromSync: boolean) => string | null, selector: Record<string, unknown> = {}) => {
      const collection = (db as unknown as Record<string, RxCollection<T> | undefined>)[name];
      if (!collection) return Promise.resolve();
      // Documents a change event brought while the first read is under way: the read's copy may be older.
      let written: Set<string> | undefined = new Set();
      this.subscriptions.push(
        // Change events in their bulks, which say whether replication wrote them (context `replication-…`).
        collection.eventBulks$.subscribe((bulk) => {
          const fromSync = bulk.context.startsWith('replication-');
          for (const event of bulk.events) {
            written?.add(event.documentId);
            const accountId = apply(event.documentData as unknown as T, event.operation === 'DELETE' || (event.documentData as { _deleted?: boolean })._deleted === true, fromSync);
            if (accountId) this.accountTouched(accountId);
          }
        }),
      );
      // Plain documents straight from the storage: no RxDocument (and its copy by toJSON) per document of the book,
      // which for a 10,000-account book's contacts, revenue and assessments was seconds of the page's thread at start.
      return raw(collection, selector as MangoQuerySelector<T>).then((docs) => {
        for (const doc of docs) if (!written?.has(doc.id)) apply(doc, false, false);
        written = undefined;
      });
    };
    const byAccount = <T extends { id: string; accountId: string }>(index: Map<string, Map<string, T>>) => (doc: T, deleted: boolean) => {
      let docs = index.get(doc.accountId);
      if (!docs) index.set(doc.accountId, (docs = new Map()));
      if (deleted) docs.delete(doc.id);
      else docs.set(doc.id, doc);
      return doc.accountId;
    };
    await Promise.all([
      follow<Account>('accounts', (doc, deleted, fromSync) => {
        const before = this.accounts.get(doc.id);
        if (deleted) this.accounts.delete(doc.id);
        else this.accounts.set(doc.id, doc);
        // Newly this device's to run, by sync: its executions may still be on their way (common/playbooks/arrival-hold.ts).
        const arrived = fromSync && !deleted && computesForAccount(this.options.user, doc) && !(before && computesForAccount(this.options.user, before));
        if (arrived && this.arrivals) this.arrivals.hold(doc.id);
        return doc.id;
      }),
      follow<RiskAssessment>('riskassessments', (doc, deleted) => {
        if (deleted) this.assessments.delete(doc.accountId);
        else this.assessments.set(doc.accountId, doc);
        return doc.accountId;
      }),
      follow<Alert>('alerts', byAccount(this.alertsByAccount)),
      // Product events arrive rolled up into usage months (sync-server/ingest): a month's new counts run its account.
      // Only this month's and later are read at start (a trigger counts the current month; the book holds years).
      follow<UsageMonth>('usage', byAccount(this.usageByAccount), { month: { $gte: this.options.now().slice(0, 7) } }),
      follow<Contact>('contacts', (doc, deleted) => {
        byAccount(this.contactsByAccount)(doc, deleted);
        return null;
      }),
      follow<RevenueEvent>('revenue', (doc, deleted) => {
        byAccount(this.revenueByAccount)(doc, deleted);
        if (this.subscriptions.length) void this.enqueue(() => this.settleOutcomes(doc.accountId));
        return null;
      }),
      follow<Task>('tasks', (doc, deleted) => {
        this.index(this.tasks, this.tasksByAccount, doc, deleted);
        return doc.accountId;
      }),
      follow<Execution>('executions', (doc, deleted) => {
        this.index(this.executions, this.executionsByAccount, doc, deleted);
        return null;
      }),
      follow<PlaybookDocument>('playbooks', (doc, deleted) => {
        if (deleted) this.playbookDocs.delete(doc.id);
        else this.playbookDocs.set(doc.id, doc);
        this.parsed.delete(doc.id);
        if (this.subscriptions.length) void this.enqueue(async () => this.engine.reloadPlaybooks());
        return null;
      }),
    ]);
  }

  private index<T extends { id: string; accountId: string }>(all: Map<string, T>, byAccount: Map<string, Set<string>>, doc: T, deleted: boolean): void {
    let ids = byAccount.get(doc.accountId);
    if (!ids) byAccount.set(doc.accountId, (ids = new Set()));
    if (deleted) {
      all.delete(doc.id);
      ids.delete(doc.id);
    } else {
      all.set(doc.id, doc);
      ids.add(doc.id);
    }
  }

  // --- EngineWorld: what the engine reads ---

  private playbookOf(doc: PlaybookDocument): Playbook | null {
    if (!this.parsed.has(doc.id)) {
      const parsed = playbookSchema.safeParse(doc.definition);
      this.parsed.set(doc.id, parsed.success ? parsed.data : null);
    }
    return this.parsed.get(doc.id)!;
  }

  activePlaybooks(): readonly Playbook[] {
    const active: Playbook[] = [];
    for (const doc of this.playbookDocs.values()) {
      if (doc.status !== 'active') continue;
      const playbook = this.playbookOf(doc);
      if (playbook) active.push(playbook);
    }
    return active;
  }

  playbookVersion(playbookId: string, version: number): Playbook | undefined {
    const doc = this.playbookDocs.get(`${playbookId}@${version}`);
    return (doc && this.playbookOf(doc)) ?? undefined;
  }

  accountIds(): Iterable<string> {
    return this.accounts.keys();
  }

  facts(accountId: string, today: string): AccountFacts | null {
    const account = this.accounts.get(accountId);
    if (!account || !this.runs(account)) return null;
    const contacts = [...(this.contactsByAccount.get(accountId)?.values() ?? [])].filter((c) => c.status === 'active');
    const contact = contacts.find((c) => c.role === 'champion') ?? contacts[0];
    return accountFacts({
      account,
      assessment: this.assessments.get(accountId) ?? null,
      alerts: [...(this.alertsByAccount.get(accountId)?.values() ?? [])],
      tasks: [...(this.tasksByAccount.get(accountId) ?? [])].map((id) => this.tasks.get(id)!),
      activePlaybooks: this.executionsOf(accountId).filter((e) => ACTIVE_STATUSES.has(e.status)).map((e) => e.playbookName),
      primaryContact: contact ? { name: contact.name, email: contact.email } : null,
      usage: [...(this.usageByAccount.get(accountId)?.values() ?? [])],
      today,
    });
  }

  executionsOf(accountId: string): readonly ExecutionState[] {
    return [...(this.executionsByAccount.get(accountId) ?? [])].map((id) => this.executions.get(id)!);
  }

  execution(id: string): ExecutionState | undefined {
    return this.executions.get(id);
  }

  dueExecutions(now: string): readonly ExecutionState[] {
    const due: ExecutionState[] = [];
    for (const e of this.executions.values()) {
      const isDue = (e.nextWakeAt !== '' && e.nextWakeAt <= now) || (e.status === 'waiting' && e.awaitingTaskId !== '' && this.tasks.has(e.awaitingTaskId) && this.tasks.get(e.awaitingTaskId)!.status !== 'open');
      const account = this.accounts.get(e.accountId);
      if (isDue && account && this.runs(account)) due.push(e);
    }
    return due;
  }

  taskStatus(taskId: string): string | undefined {
    return this.tasks.get(taskId)?.status;
  }

  // --- writes ---

  private async saveExecution(state: ExecutionState): Promise<void> {
    const collection = this.options.db.executions;
    const doc = await collection.findOne(state.id).exec();
    if (!doc) {
      const account = this.accounts.get(state.accountId)!;
      const stored = stampNew({ ...state, ownerId: account.ownerId, teamId: account.teamId }, this.clock) as Execution;
      await collection.insert(stored);
      this.index(this.executions, this.executionsByAccount, stored, false);
      return;
    }
    const current = doc.toJSON() as unknown as Execution;
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(state)) {
      if (!EXECUTION_SYNC_KEYS.has(key) && JSON.stringify(value) !== JSON.stringify((current as unknown as Record<string, unknown>)[key])) changes[key] = value;
    }
    if (Object.keys(changes).length === 0) return;
    const written = await doc.incrementalPatch(stampChanges(current.fieldStamps, changes, this.clock) as Partial<Execution>);
    this.index(this.executions, this.executionsByAccount, written.toJSON() as unknown as Execution, false);
  }

  private readonly port: EffectPort = {
    apply: async (effect: StepEffect, context) => {
      const db = this.options.db;
      const account = this.accounts.get(context.accountId);
      if (!account) throw new Error(`account ${context.accountId} is no longer in the book`);
      const scope = { ownerId: account.ownerId, teamId: account.teamId };
      switch (effect.kind) {
        case 'create-task': {
          const existing = await db.tasks.findOne(effect.task.id).exec();
          if (existing) return async () => undefined; // the step ran before a restart: the same task, not a second
          const assignee = effect.task.assignee === 'account-owner' ? { userId: account.ownerId, name: account.ownerName } : effect.task.assignee;
          const task: Task = stampNew(
            {
              id: effect.task.id, ...scope, accountId: account.id, accountName: account.name, executionId: context.executionId, stepId: context.stepId,
              title: effect.task.title, detail: effect.task.detail, type: effect.task.type, priority: effect.task.priority, dueDate: effect.task.dueDate,
              status: 'open' as const, assigneeId: assignee.userId, assigneeName: assignee.name, mailto: effect.task.mailto, comments: [],
              createdAt: this.options.now(), completedAt: '',
            },
            this.clock,
          );
          const doc = await db.tasks.insert(task);
          this.index(this.tasks, this.tasksByAccount, task, false);
          return async () => {
            await doc.getLatest().remove();
            this.index(this.tasks, this.tasksByAccount, task, true);
          };
        }
        case 'log-activity': {
          if (!db.activities) throw new Error('this book has no activities to log to');
          if (await db.activities.findOne(effect.id).exec()) return async () => undefined;
          const doc = await db.activities.insert(
            stampNew({ id: effect.id, ...scope, externalId: '', accountId: account.id, type: 'note' as const, occurredAt: effect.occurredAt, subject: effect.subject, body: effect.body, actorName: 'Playbook', result: '' }, this.clock),
          );
          return async () => void (await doc.getLatest().remove());
        }
        case 'update-field': {
          const doc = await db.accounts.findOne(account.id).exec();
          if (!doc) throw new Error(`account ${account.id} is no longer in the book`);
          const before = (doc.toJSON() as unknown as Record<string, unknown>)[effect.field];
          const written = await doc.incrementalPatch(stampChanges(doc.fieldStamps, { [effect.field]: effect.value }, this.clock) as Partial<Account>);
          return async () => void (await written.getLatest().incrementalPatch(stampChanges(written.getLatest().fieldStamps, { [effect.field]: before }, this.clock) as Partial<Account>));
        }
        case 'notify':
          this.options.notify?.(effect.title, effect.body);
          return async () => undefined;
        case 'webhook':
          if (!this.options.webhook) throw new Error('no webhook secret is set up on this device');
          await this.options.webhook({ url: effect.url, body: effect.body, idempotencyKey: effect.idempotencyKey });
          return async () => undefined;
      }
    },
  };
}

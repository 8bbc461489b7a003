import { accountFacts, type AccountFacts } from '../../segments/account-facts';
import type { Account } from '../../model';
import type { ExecutionState } from '../execution';
import { ACTIVE_STATUSES } from '../execution';
import type { Playbook } from '../playbook-definition';
import type { EngineWorld, EngineWrites } from '../playbook-engine';
import type { EffectPort, StepEffect, TaskDraft } from '../step-effects';

export interface MemoryAccount {
  account: Account;
  risk?: number | null;
  expansion?: number | null;
  healthBand?: 'red' | 'yellow' | 'green' | 'none';
  alerts?: { rule: 'risk-above' | 'health-drop' | 'renewal-red'; raisedAt: string; status: 'open' }[];
  /** Usage months as the sync server's ingestion rolls product events up into them. */
  usage?: { month: string; featureEvents: Partial<Record<string, number>> }[];
}

/**
 * A whole book in plain maps, for engine tests and the bench: the same EngineWorld / EngineWrites the RxDB engine
 * implements, with effects recorded in order (and an optional failure for a kind of effect, as a refused write or a
 * dead endpoint would fail in the app).
 */
export class MemoryWorld implements EngineWorld, EngineWrites {
  accounts = new Map<string, MemoryAccount>();
  playbooks = new Map<string, Playbook>();
  active = new Set<string>();
  executions = new Map<string, ExecutionState>();
  tasks = new Map<string, TaskDraft & { status: string; accountId: string; executionId: string }>();
  activities = new Map<string, { subject: string; accountId: string }>();
  fieldValues = new Map<string, Record<string, string | number>>();
  notifications: string[] = [];
  webhooks: string[] = [];
  /** Every effect carried out, in order. */
  applied: { executionId: string; stepId: string; effect: StepEffect }[] = [];
  /** Effects currently failing, by kind. */
  failing = new Set<StepEffect['kind']>();
  /** The device's user (null: the device's own book, every account is the user's). */
  userId: string | null = null;
  saves = 0;

  addPlaybook(playbook: Playbook, active = true): void {
    this.playbooks.set(`${playbook.id}@${playbook.version}`, playbook);
    for (const key of [...this.active]) if (key.startsWith(`${playbook.id}@`)) this.active.delete(key);
    if (active) this.active.add(`${playbook.id}@${playbook.version}`);
  }

  activePlaybooks(): readonly Playbook[] {
    return [...this.active].map((key) => this.playbooks.get(key)!);
  }

  playbookVersion(playbookId: string, version: number): Playbook | undefined {
    return this.playbooks.get(`${playbookId}@${version}`);
  }

  accountIds(): Iterable<string> {
    return this.accounts.keys();
  }

  facts(accountId: string, today: string): AccountFacts | null {
    const entry = this.accounts.get(accountId);
    if (!entry || (this.userId !== null && entry.account.ownerId !== this.userId)) return null;
    const account = { ...entry.account, ...this.fieldValues.get(accountId) } as Account;
    const tasks = [...this.tasks.values()].filter((task) => task.accountId === accountId);
    return accountFacts({
      account,
      assessment: { health: null, healthBand: entry.healthBand ?? 'none', risk: entry.risk ?? null, expansion: entry.expansion ?? null, history: [] },
      alerts: entry.alerts ?? [],
      tasks,
      activePlaybooks: this.executionsOf(accountId).filter((e) => ACTIVE_STATUSES.has(e.status)).map((e) => e.playbookName),
      primaryContact: { name: 'Pat Champion', email: `pat@${account.domain || 'example.com'}` },
      usage: entry.usage ?? [],
      today,
    });
  }

  executionsOf(accountId: string): readonly ExecutionState[] {
    return [...this.executions.values()].filter((e) => e.accountId === accountId);
  }

  execution(id: string): ExecutionState | undefined {
    return this.executions.get(id);
  }

  dueExecutions(now: string): readonly ExecutionState[] {
    const due = (e: ExecutionState) =>
      (e.nextWakeAt !== '' && e.nextWakeAt <= now) || (e.status === 'waiting' && e.awaitingTaskId !== '' && this.taskStatus(e.awaitingTaskId) !== 'open');
    return [...this.executions.values()].filter((e) => due(e) && this.facts(e.accountId, now.slice(0, 10)) !== null);
  }

  taskStatus(taskId: string): string | undefined {
    return this.tasks.get(taskId)?.status;
  }

  async saveExecution(state: ExecutionState): Promise<void> {
    this.saves++;
    this.executions.set(state.id, structuredClone(state));
  }

  port: EffectPort = {
    apply: async (effect, context) => {
      if (this.failing.has(effect.kind)) throw new Error(`${effect.kind} refused`);
      this.applied.push({ executionId: context.executionId, stepId: context.stepId, effect });
      switch (effect.kind) {
        case 'create-task': {
          const existed = this.tasks.get(effect.task.id);
          this.tasks.set(effect.task.id, existed ?? { ...effect.task, status: 'open', accountId: context.accountId, executionId: context.executionId });
          return async () => {
            if (!existed) this.tasks.delete(effect.task.id);
          };
        }
        case 'log-activity': {
          const existed = this.activities.get(effect.id);
          this.activities.set(effect.id, { subject: effect.subject, accountId: context.accountId });
          return async () => {
            if (!existed) this.activities.delete(effect.id);
          };
        }
        case 'update-field': {
          const before = { ...this.fieldValues.get(context.accountId) };
          this.fieldValues.set(context.accountId, { ...before, [effect.field]: effect.value });
          return async () => {
            this.fieldValues.set(context.accountId, before);
          };
        }
        case 'notify':
          this.notifications.push(effect.body);
          return async () => undefined;
        case 'webhook':
          this.webhooks.push(effect.idempotencyKey);
          return async () => undefined;
      }
    },
  };

  completeTask(id: string): void {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`no task ${id}`);
    this.tasks.set(id, { ...task, status: 'done' });
  }
}

let n = 0;
export function testAccount(fields: Partial<Account> = {}): Account {
  n++;
  const id = fields.id ?? `acc${n}`;
  return {
    id, ownerId: 'u1', teamId: 't1', updatedAt: '', fieldStamps: {}, externalId: id, name: `Account ${id}`, domain: `${id}.example.com`,
    industry: 'SaaS', region: 'EMEA', tier: 'Mid-Market', status: 'active', lifecycleStage: 'adoption', ownerName: 'Una Owner', plan: 'Pro',
    seatsPurchased: 100, seatsActive: 80, mrr: 2000, contractStart: '2025-01-01', renewalDate: '2027-01-01', createdAt: '2025-01-01T00:00:00.000Z',
    ...fields,
  };
}

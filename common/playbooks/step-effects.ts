import type { TaskPriority, TaskType } from './playbook-definition';

/** A task a step asks for; its id is derived from the execution, step and visit, so re-running a step rewrites it. */
export interface TaskDraft {
  id: string;
  title: string;
  detail: string;
  type: TaskType;
  priority: TaskPriority;
  dueDate: string;
  assignee: 'account-owner' | { userId: string; name: string };
  /** A ready email draft (email steps): opening it is the task. */
  mailto: string;
}

/** What a step does outside the execution. The engine's edges carry these out (effect-port.ts). */
export type StepEffect =
  | { kind: 'create-task'; task: TaskDraft }
  | { kind: 'update-field'; field: string; value: string | number }
  | { kind: 'log-activity'; id: string; subject: string; body: string; occurredAt: string }
  | { kind: 'notify'; title: string; body: string }
  | { kind: 'webhook'; url: string; body: string; idempotencyKey: string };

/** Carries out one effect and returns how to undo it (a failing later effect of the same step rolls it back). */
export interface EffectPort {
  apply(effect: StepEffect, context: { executionId: string; accountId: string; stepId: string }): Promise<() => Promise<void>>;
}

export function describeEffect(effect: StepEffect): string {
  switch (effect.kind) {
    case 'create-task':
      return effect.task.mailto ? `email draft "${effect.task.title}" (task due ${effect.task.dueDate})` : `task "${effect.task.title}" due ${effect.task.dueDate}`;
    case 'update-field':
      return `set ${effect.field} to ${String(effect.value)}`;
    case 'log-activity':
      return `log "${effect.subject}"`;
    case 'notify':
      return `notify "${effect.body}"`;
    case 'webhook':
      return `call ${effect.url}`;
  }
}

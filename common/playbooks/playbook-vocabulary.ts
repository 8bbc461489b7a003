/**
 * The words a playbook's stored documents use (outcomes, task types and priorities, step types), without zod: the
 * database schemas (tasks, executions) import them from here, so the app's entry chunk, which opens the book, does not
 * load and evaluate zod and the playbook's parsers before IndexedDB starts reading (playbook-definition.ts re-exports
 * them and checks STEP_TYPES against its step schema).
 */

export const OUTCOMES = ['saved', 'renewed', 'expanded', 'churned', 'no-effect'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const TASK_TYPES = ['risk', 'opportunity', 'lifecycle', 'manual'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const TASK_PRIORITIES = ['high', 'medium', 'low'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const STEP_TYPES = ['create-task', 'schedule-meeting', 'email', 'update-field', 'log-activity', 'notify', 'webhook', 'wait', 'branch', 'end'] as const;

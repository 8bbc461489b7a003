import type { SyncFields } from '../model/sync-fields';
import type { TaskPriority, TaskType } from '../playbooks/playbook-definition';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskComment {
  by: string;
  at: string;
  text: string;
}

/**
 * A call to action on an account. Scoped like the account's other documents (`ownerId` = the account's owner, so
 * it follows the account when it moves); `assigneeId` is who should do it. `executionId` / `stepId` link it to the
 * playbook step that created it ('' for a task a person made): completing it advances that execution. `meetingId`
 * links a task made from a meeting's next steps to that meeting.
 */
export interface Task extends SyncFields {
  accountId: string;
  accountName: string;
  executionId: string;
  stepId: string;
  title: string;
  detail: string;
  type: TaskType;
  priority: TaskPriority;
  dueDate: string;
  status: TaskStatus;
  assigneeId: string;
  assigneeName: string;
  /** A ready email draft (mailto link) for email steps; '' otherwise. */
  mailto: string;
  comments: TaskComment[];
  createdAt: string;
  completedAt: string;
  /** The meeting (activity id) whose logged next steps created this task; absent otherwise (tasks v1). */
  meetingId?: string;
}

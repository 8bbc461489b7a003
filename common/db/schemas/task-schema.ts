import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { TASK_PRIORITIES, TASK_TYPES } from '../../playbooks/playbook-vocabulary';
import { TASK_STATUSES, type Task } from '../../tasks/task';
import { ID_MAX, isoDate, syncProperties, syncRequired } from './sync-properties';

/** A call to action; indexed by due date ("my day" reads overdue, today and upcoming as ranges) and account. */
export const taskSchema: RxJsonSchema<Task> = {
  title: 'task',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    accountId: { type: 'string', maxLength: ID_MAX },
    accountName: { type: 'string', maxLength: 500 },
    executionId: { type: 'string', maxLength: ID_MAX },
    stepId: { type: 'string', maxLength: 40 },
    title: { type: 'string', maxLength: 300 },
    detail: { type: 'string', maxLength: 2000 },
    type: { type: 'string', enum: [...TASK_TYPES] },
    priority: { type: 'string', enum: [...TASK_PRIORITIES] },
    dueDate: isoDate,
    status: { type: 'string', enum: [...TASK_STATUSES] },
    assigneeId: { type: 'string', maxLength: ID_MAX },
    assigneeName: { type: 'string', maxLength: 200 },
    mailto: { type: 'string', maxLength: 12000 },
    comments: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { by: { type: 'string', maxLength: 200 }, at: { type: 'string', maxLength: 32 }, text: { type: 'string', maxLength: 2000 } },
        required: ['by', 'at', 'text'],
      },
    },
    createdAt: { type: 'string', maxLength: 32 },
    completedAt: { type: 'string', maxLength: 32 },
    meetingId: { type: 'string', maxLength: ID_MAX },
  },
  required: [...syncRequired, 'accountId', 'accountName', 'executionId', 'stepId', 'title', 'detail', 'type', 'priority', 'dueDate', 'status', 'assigneeId', 'assigneeName', 'mailto', 'comments', 'createdAt', 'completedAt'],
  indexes: ['dueDate', 'accountId'],
};

/** v0 -> v1: tasks gain the optional `meetingId` (a meeting's next steps); absent on v0 tasks, so an identity migration. */
export const taskMigrations: MigrationStrategies = {
  1: (old: Record<string, unknown>) => old,
};

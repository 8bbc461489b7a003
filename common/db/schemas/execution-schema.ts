import type { RxJsonSchema } from 'rxdb';
import { EXECUTION_STATUSES, LOG_STATUSES, type Execution } from '../../playbooks/execution';
import { OUTCOMES, STEP_TYPES } from '../../playbooks/playbook-vocabulary';
import { ID_MAX, syncProperties, syncRequired } from './sync-properties';

const instantOrNone = { type: 'string', maxLength: 32 } as const;

/** One run of a playbook version on an account; `nextWakeAt` is indexed so the due executions are one range read. */
export const executionSchema: RxJsonSchema<Execution> = {
  title: 'playbook execution',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    accountId: { type: 'string', maxLength: ID_MAX },
    accountName: { type: 'string', maxLength: 500 },
    playbookId: { type: 'string', maxLength: 60 },
    playbookVersion: { type: 'integer', minimum: 1, maximum: 100000 },
    playbookName: { type: 'string', maxLength: 200 },
    occurrence: { type: 'string', maxLength: 200 },
    triggerHolds: { type: 'boolean' },
    status: { type: 'string', enum: [...EXECUTION_STATUSES] },
    currentStepId: { type: 'string', maxLength: 40 },
    stepEnteredAt: instantOrNone,
    nextWakeAt: instantOrNone,
    awaitingTaskId: { type: 'string', maxLength: 256 },
    pausedFrom: { type: 'string', enum: ['', 'running', 'waiting'] },
    log: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          stepId: { type: 'string', maxLength: 40 },
          type: { type: 'string', enum: [...STEP_TYPES] },
          status: { type: 'string', enum: [...LOG_STATUSES] },
          at: instantOrNone,
          detail: { type: 'string', maxLength: 2000 },
        },
        required: ['stepId', 'type', 'status', 'at', 'detail'],
      },
    },
    outcome: { type: 'string', enum: ['', ...OUTCOMES] },
    error: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: { code: { type: 'string', enum: ['PLAY001'] }, stepId: { type: 'string', maxLength: 40 }, message: { type: 'string', maxLength: 2000 } },
      required: ['code', 'stepId', 'message'],
    },
    startedAt: instantOrNone,
    finishedAt: instantOrNone,
  },
  required: [
    ...syncRequired, 'accountId', 'accountName', 'playbookId', 'playbookVersion', 'playbookName', 'occurrence', 'triggerHolds', 'status',
    'currentStepId', 'stepEnteredAt', 'nextWakeAt', 'awaitingTaskId', 'pausedFrom', 'log', 'outcome', 'error', 'startedAt', 'finishedAt',
  ],
  indexes: ['nextWakeAt', 'accountId'],
};

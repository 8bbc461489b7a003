import type { SyncFields } from '../model/sync-fields';
import type { Outcome, StepType } from './playbook-definition';

export const EXECUTION_STATUSES = ['running', 'waiting', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export const ACTIVE_STATUSES: ReadonlySet<ExecutionStatus> = new Set(['running', 'waiting', 'paused']);

export const LOG_STATUSES = ['done', 'skipped', 'timed-out', 'failed', 'waiting'] as const;
export interface ExecutionLogEntry {
  stepId: string;
  type: StepType;
  status: (typeof LOG_STATUSES)[number];
  /** When it happened in the execution's time (a step caught up after sleep carries the time it was due). */
  at: string;
  detail: string;
}

/** Error code of a failed step: it rolled back what it did and stopped the execution. */
export const PLAY001 = 'PLAY001';

/**
 * One run of one playbook version on one account for one trigger occurrence. Id: `executionId(...)`, the same on
 * every device. The engine's state, in and out of the pure step reducer; stored as a document of `executions`.
 */
export interface ExecutionState {
  id: string;
  accountId: string;
  accountName: string;
  playbookId: string;
  playbookVersion: number;
  playbookName: string;
  /** What started it, e.g. `renewal:2027-03-01`, `alert:risk-above:<raisedAt>`, `segment-enter:2026-06-15`. */
  occurrence: string;
  /** A state trigger (segment, condition, score change) still holds for the account: no new start until it lapses. */
  triggerHolds: boolean;
  status: ExecutionStatus;
  /** The step it is at ('' once finished). */
  currentStepId: string;
  /** When the current step began waiting ('' when it has not begun). */
  stepEnteredAt: string;
  /** When the engine must look at it next; '' when nothing is due (paused, waiting for a person, finished). */
  nextWakeAt: string;
  /** The task a step waits for ('' when none). */
  awaitingTaskId: string;
  /** The status to go back to on resume. */
  pausedFrom: '' | 'running' | 'waiting';
  log: ExecutionLogEntry[];
  outcome: '' | Outcome;
  error: { code: typeof PLAY001; stepId: string; message: string } | null;
  startedAt: string;
  finishedAt: string;
}

export type Execution = ExecutionState & SyncFields;

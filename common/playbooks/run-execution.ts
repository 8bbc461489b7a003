import type { AccountFacts } from '../segments/account-facts';
import { PLAY001, type ExecutionState } from './execution';
import { stepById, type Playbook } from './playbook-definition';
import type { EffectPort } from './step-effects';
import { stepOnce } from './step-reducer';

export interface RunInputs {
  playbook: Playbook;
  /** The account's facts on the day of `at`. */
  factsAt(at: string): AccountFacts;
  taskStatus(taskId: string): string | undefined;
  port: EffectPort;
  /** The real time: steps are run at the time they were due, never later than this. */
  now: string;
  /** Stop once the next step is due after this time (catch-up hands over to another execution due earlier). */
  horizon?: string;
}

/** Guards against a runaway: validation refuses wait-less loops, so a sound playbook never gets near it. */
const MAX_STEPS_PER_RUN = 500;

/**
 * Runs an execution until it waits: each step at the time it became due (so after a week asleep, a 2-day wait then a
 * 3-day wait end on days 2 and 5, in order), its effects carried out through the port. When an effect fails, the
 * step's earlier effects are undone in reverse order and the execution stops with PLAY001 and the reason; the log
 * shows the failed step. Returns the new state (the caller stores it).
 */
export async function runExecution(initial: ExecutionState, inputs: RunInputs): Promise<ExecutionState> {
  let state = initial;
  for (let n = 0; n < MAX_STEPS_PER_RUN; n++) {
    if (n > 0 && inputs.horizon !== undefined && state.nextWakeAt !== '' && state.nextWakeAt > inputs.horizon) return state;
    const at = state.nextWakeAt !== '' && state.nextWakeAt < inputs.now ? state.nextWakeAt : inputs.now;
    const result = stepOnce(state, inputs.playbook, { at, facts: inputs.factsAt(at), taskStatus: inputs.taskStatus });
    if (result.kind === 'idle') return result.execution;
    const undo: (() => Promise<void>)[] = [];
    try {
      for (const effect of result.effects) {
        undo.push(await inputs.port.apply(effect, { executionId: state.id, accountId: state.accountId, stepId: result.stepId }));
      }
    } catch (error) {
      const rollbackProblems: string[] = [];
      for (const revert of undo.reverse()) {
        try {
          await revert();
        } catch (rollbackError) {
          rollbackProblems.push((rollbackError as Error).message);
        }
      }
      return failed(state, inputs.playbook, result.stepId, at, (error as Error).message, rollbackProblems);
    }
    state = result.execution;
  }
  return failed(state, inputs.playbook, state.currentStepId, inputs.now, `more than ${MAX_STEPS_PER_RUN} steps without a wait`, []);
}

function failed(state: ExecutionState, playbook: Playbook, stepId: string, at: string, reason: string, rollbackProblems: string[]): ExecutionState {
  const step = stepById(playbook, stepId);
  const rolledBack = rollbackProblems.length ? ` Rolling back failed too: ${rollbackProblems.join('; ')}.` : ' What it did was rolled back.';
  const message = `Step "${step?.title ?? stepId}" (${step?.type ?? 'unknown'}) failed: ${reason}.${rolledBack}`;
  return {
    ...state,
    status: 'failed',
    nextWakeAt: '',
    error: { code: PLAY001, stepId, message },
    log: [...state.log, { stepId, type: step?.type ?? 'end', status: 'failed', at, detail: `${PLAY001}: ${message}` }],
    finishedAt: at,
  };
}

/** Pause keeps where it is; resume makes it due at once (a wait's end is recomputed from when it began). */
export function pauseExecution(state: ExecutionState): ExecutionState {
  if (state.status !== 'running' && state.status !== 'waiting') return state;
  return { ...state, pausedFrom: state.status, status: 'paused', nextWakeAt: '' };
}

export function resumeExecution(state: ExecutionState, now: string): ExecutionState {
  if (state.status !== 'paused') return state;
  return { ...state, status: state.pausedFrom || 'running', pausedFrom: '', nextWakeAt: state.awaitingTaskId ? '' : now };
}

export function cancelExecution(state: ExecutionState, now: string): ExecutionState {
  if (state.status === 'completed' || state.status === 'failed' || state.status === 'cancelled') return state;
  return { ...state, status: 'cancelled', nextWakeAt: '', finishedAt: now, log: [...state.log, { stepId: state.currentStepId, type: 'end', status: 'skipped', at: now, detail: 'cancelled by a person' }] };
}

/** Skips the current step: it does nothing and the execution goes on (a branch takes its "else"). */
export function skipStep(state: ExecutionState, playbook: Playbook, now: string): ExecutionState {
  const step = stepById(playbook, state.currentStepId);
  if (!step || step.type === 'end' || !(state.status === 'running' || state.status === 'waiting' || state.status === 'paused')) return state;
  const next = step.type === 'branch' ? step.else : step.next;
  return {
    ...state,
    log: [...state.log, { stepId: step.id, type: step.type, status: 'skipped', at: now, detail: 'skipped by a person' }],
    currentStepId: next,
    stepEnteredAt: '',
    awaitingTaskId: '',
    status: state.status === 'paused' ? 'paused' : 'running',
    pausedFrom: state.status === 'paused' ? 'running' : '',
    nextWakeAt: state.status === 'paused' ? '' : now,
  };
}

/** A person sets (or corrects) the outcome of a finished execution. */
export function setOutcome(state: ExecutionState, outcome: ExecutionState['outcome']): ExecutionState {
  return { ...state, outcome };
}

import type { AccountFacts } from '../segments/account-facts';
import { matchesCondition } from '../segments/evaluate-condition';
import type { ExecutionLogEntry, ExecutionState } from './execution';
import { mailtoLink, renderTemplate } from './merge-fields';
import { stepById, type Playbook, type PlaybookStep } from './playbook-definition';
import type { StepEffect, TaskDraft } from './step-effects';
import { addDays, dayOf } from './time';

export interface StepContext {
  /** The execution's "now": the real time, or the time a step was due while catching up after sleep. */
  at: string;
  facts: AccountFacts;
  /** The status of a task the execution created ('open', 'done', 'cancelled'), undefined when unknown. */
  taskStatus(taskId: string): string | undefined;
}

export type StepResult =
  /** Nothing to do until `execution.nextWakeAt` (or a person acts). `execution` may carry a new wake time. */
  | { kind: 'idle'; execution: ExecutionState }
  /** The step produced effects; once they are carried out, the execution is `execution`. */
  | { kind: 'step'; stepId: string; effects: StepEffect[]; execution: ExecutionState };

const log = (state: ExecutionState, step: PlaybookStep, status: ExecutionLogEntry['status'], at: string, detail: string): ExecutionLogEntry[] => [
  ...state.log,
  { stepId: step.id, type: step.type, status, at, detail },
];

/** Into the next step, due at once. */
function moveTo(state: ExecutionState, step: PlaybookStep, nextId: string, at: string, detail: string, status: ExecutionLogEntry['status'] = 'done'): ExecutionState {
  return { ...state, log: log(state, step, status, at, detail), currentStepId: nextId, stepEnteredAt: '', awaitingTaskId: '', status: 'running', nextWakeAt: at };
}

function visitsOf(state: ExecutionState, stepId: string): number {
  return state.log.filter((entry) => entry.stepId === stepId && entry.status !== 'waiting').length;
}

function taskFor(state: ExecutionState, step: PlaybookStep, ctx: StepContext): TaskDraft | null {
  const id = `${state.id}:${step.id}:${visitsOf(state, step.id) + 1}`;
  const f = ctx.facts;
  switch (step.type) {
    case 'create-task':
      return {
        id,
        title: renderTemplate(step.task.title, f),
        detail: renderTemplate(step.task.detail, f),
        type: step.task.taskType,
        priority: step.task.priority,
        dueDate: dayOf(addDays(ctx.at, step.task.dueInDays)),
        assignee: step.task.assignee,
        mailto: '',
      };
    case 'schedule-meeting':
      return { id, title: `Schedule: ${renderTemplate(step.meeting.title, f)}`, detail: 'Schedule this meeting with the account (the calendar is not connected yet).', type: 'lifecycle', priority: 'medium', dueDate: dayOf(addDays(ctx.at, step.meeting.dueInDays)), assignee: 'account-owner', mailto: '' };
    case 'email': {
      const to = renderTemplate(step.email.to, f);
      const subject = renderTemplate(step.email.subject, f);
      return { id, title: `Send email: ${subject}`, detail: `To ${to}`, type: 'manual', priority: 'medium', dueDate: dayOf(ctx.at), assignee: 'account-owner', mailto: mailtoLink(to, subject, renderTemplate(step.email.body, f)) };
    }
    default:
      return null;
  }
}

function finish(state: ExecutionState, step: PlaybookStep & { type: 'end' }, at: string): ExecutionState {
  const outcome = step.outcome === 'from-revenue' ? '' : step.outcome;
  return { ...state, log: log(state, step, 'done', at, outcome ? `ended: ${outcome}` : 'ended'), status: 'completed', currentStepId: '', stepEnteredAt: '', nextWakeAt: '', awaitingTaskId: '', outcome, finishedAt: at };
}

/**
 * The step reducer: given an execution, its playbook version and the account's facts at `ctx.at`, what happens next.
 * Pure: state in, state and effects out. Call it again after carrying out the effects (runExecution does) until it
 * answers idle. A step that waits (days, a condition with a timeout, a task) answers idle with the wake time.
 */
export function stepOnce(state: ExecutionState, playbook: Playbook, ctx: StepContext): StepResult {
  if (state.status !== 'running' && state.status !== 'waiting') return { kind: 'idle', execution: state };
  const step = stepById(playbook, state.currentStepId);
  if (!step) {
    return { kind: 'idle', execution: { ...state, status: 'failed', nextWakeAt: '', error: { code: 'PLAY001', stepId: state.currentStepId, message: `Step "${state.currentStepId}" is not in version ${playbook.version} of "${playbook.name}"` }, finishedAt: ctx.at } };
  }
  const { at } = ctx;
  const entering = state.stepEnteredAt === '';
  switch (step.type) {
    case 'create-task':
    case 'schedule-meeting':
    case 'email': {
      if (entering) {
        const task = taskFor(state, step, ctx)!;
        const effects: StepEffect[] = [{ kind: 'create-task', task }];
        // An email is a draft for the person to send (mailto) and a line on the account's timeline.
        if (task.mailto) effects.push({ kind: 'log-activity', id: `${task.id}:log`, subject: `Email drafted: ${task.title.replace(/^Send email: /, '')}`, body: task.detail, occurredAt: at });
        const awaits = step.type !== 'email' && step.awaitCompletion;
        const execution = awaits
          ? { ...state, log: log(state, step, 'waiting', at, `waiting for task "${task.title}"`), stepEnteredAt: at, awaitingTaskId: task.id, status: 'waiting' as const, nextWakeAt: '' }
          : moveTo(state, step, step.next, at, task.mailto ? `email draft ready: ${task.title}` : `task "${task.title}" due ${task.dueDate}`);
        return { kind: 'step', stepId: step.id, effects, execution };
      }
      const status = ctx.taskStatus(state.awaitingTaskId);
      if (status === 'done' || status === 'cancelled') {
        return { kind: 'step', stepId: step.id, effects: [], execution: moveTo(state, step, step.next, at, `task ${status === 'done' ? 'completed' : 'cancelled'}`) };
      }
      return { kind: 'idle', execution: state.nextWakeAt === '' ? state : { ...state, nextWakeAt: '' } };
    }
    case 'update-field':
      return { kind: 'step', stepId: step.id, effects: [{ kind: 'update-field', field: step.update.field, value: step.update.value }], execution: moveTo(state, step, step.next, at, `${step.update.field} set to ${String(step.update.value)}`) };
    case 'log-activity': {
      const subject = renderTemplate(step.activity.subject, ctx.facts);
      const id = `${state.id}:${step.id}:${visitsOf(state, step.id) + 1}`;
      return { kind: 'step', stepId: step.id, effects: [{ kind: 'log-activity', id, subject, body: renderTemplate(step.activity.body, ctx.facts), occurredAt: at }], execution: moveTo(state, step, step.next, at, `logged "${subject}"`) };
    }
    case 'notify': {
      const body = renderTemplate(step.notify.message, ctx.facts);
      return { kind: 'step', stepId: step.id, effects: [{ kind: 'notify', title: state.playbookName, body }], execution: moveTo(state, step, step.next, at, `notified: ${body}`) };
    }
    case 'webhook': {
      const key = `${state.id}:${step.id}:${visitsOf(state, step.id) + 1}`;
      return { kind: 'step', stepId: step.id, effects: [{ kind: 'webhook', url: step.webhook.url, body: renderTemplate(step.webhook.body, ctx.facts), idempotencyKey: key }], execution: moveTo(state, step, step.next, at, `called ${step.webhook.url}`) };
    }
    case 'wait': {
      const { days, until, timeoutDays } = step.wait;
      if (until && matchesCondition(until, ctx.facts)) {
        return { kind: 'step', stepId: step.id, effects: [], execution: moveTo(state, step, step.next, at, 'condition holds') };
      }
      const span = until ? (timeoutDays ?? 0) : (days ?? 0);
      const enteredAt = entering ? at : state.stepEnteredAt;
      const wakeAt = addDays(enteredAt, span);
      if (wakeAt <= at) {
        return until
          ? { kind: 'step', stepId: step.id, effects: [], execution: moveTo(state, step, step.timeoutNext ?? step.next, wakeAt, `timed out after ${span} days`, 'timed-out') }
          : { kind: 'step', stepId: step.id, effects: [], execution: moveTo(state, step, step.next, wakeAt, `waited ${span} days`) };
      }
      if (entering) {
        return { kind: 'step', stepId: step.id, effects: [], execution: { ...state, log: log(state, step, 'waiting', at, until ? `waiting up to ${span} days for a condition` : `waiting ${span} days`), stepEnteredAt: at, status: 'waiting', nextWakeAt: wakeAt } };
      }
      return { kind: 'idle', execution: state.nextWakeAt === wakeAt ? state : { ...state, nextWakeAt: wakeAt } };
    }
    case 'branch': {
      const taken = matchesCondition(step.branch.if, ctx.facts);
      return { kind: 'step', stepId: step.id, effects: [], execution: moveTo(state, step, taken ? step.then : step.else, at, taken ? 'condition held: then' : 'condition did not hold: else') };
    }
    case 'end':
      return { kind: 'step', stepId: step.id, effects: [], execution: finish(state, step, at) };
  }
}

/** A new execution at the playbook's start, due at once. */
export function newExecution(init: Pick<ExecutionState, 'id' | 'accountId' | 'accountName' | 'occurrence' | 'triggerHolds'>, playbook: Playbook, at: string): ExecutionState {
  return {
    ...init,
    playbookId: playbook.id,
    playbookVersion: playbook.version,
    playbookName: playbook.name,
    status: 'running',
    currentStepId: playbook.start,
    stepEnteredAt: '',
    nextWakeAt: at,
    awaitingTaskId: '',
    pausedFrom: '',
    log: [],
    outcome: '',
    error: null,
    startedAt: at,
    finishedAt: '',
  };
}

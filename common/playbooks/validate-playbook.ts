import { checkCondition, type Condition } from '../segments/segment-condition';
import { unknownMergeFields } from './merge-fields';
import { pauses, playbookSchema, STEP_TYPES, successors, type Playbook, type PlaybookStep } from './playbook-definition';

export interface PlaybookProblem {
  /** Where: a JSON path such as `steps[2].next` or `trigger.condition.conditions[0]`. */
  path: string;
  message: string;
}

export type PlaybookCheck = { ok: true; playbook: Playbook } | { ok: false; problems: PlaybookProblem[] };

const refused = (problems: PlaybookProblem[]): PlaybookCheck => ({ ok: false, problems });

function describeStep(playbook: { steps: readonly { id?: unknown }[] }, index: number): string {
  const id = playbook.steps[index]?.id;
  return typeof id === 'string' ? `steps[${index}] ("${id}")` : `steps[${index}]`;
}

/**
 * Checks a playbook from outside (JSON text from a paste or file, or the builder's object) and says what is wrong and
 * where: bad JSON, an unknown step type, a missing field, a step pointing nowhere, an unreachable step, a loop with
 * no wait, an unknown merge field, a condition on an unknown field. Nothing is stored unless this answers ok.
 */
export function validatePlaybook(input: unknown): PlaybookCheck {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return refused([{ path: '(root)', message: `not valid JSON: ${(error as Error).message}` }]);
    }
  }
  // An unknown step type first, by name: zod's discriminated union would only say "invalid input".
  const rawSteps = (value as { steps?: unknown })?.steps;
  if (Array.isArray(rawSteps)) {
    const unknown = rawSteps.flatMap((step, index) => {
      const type = (step as { type?: unknown })?.type;
      return typeof type === 'string' && !(STEP_TYPES as readonly string[]).includes(type)
        ? [{ path: `steps[${index}].type`, message: `unknown step type "${type}" (known: ${STEP_TYPES.join(', ')})` }]
        : [];
    });
    if (unknown.length) return refused(unknown);
  }
  const parsed = playbookSchema.safeParse(value);
  if (!parsed.success) {
    return refused(
      parsed.error.issues.map((issue) => ({
        path: issue.path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}${at ? '.' : ''}${String(key)}`), '') || '(root)',
        message: issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'missing' : issue.message,
      })),
    );
  }
  const problems = checkGraph(parsed.data);
  return problems.length ? refused(problems) : { ok: true, playbook: parsed.data };
}

function conditionsOf(step: PlaybookStep): { path: string; condition: Condition }[] {
  if (step.type === 'branch') return [{ path: 'branch.if', condition: step.branch.if }];
  if (step.type === 'wait' && step.wait.until) return [{ path: 'wait.until', condition: step.wait.until }];
  return [];
}

function templatesOf(step: PlaybookStep): { path: string; text: string }[] {
  switch (step.type) {
    case 'create-task':
      return [{ path: 'task.title', text: step.task.title }, { path: 'task.detail', text: step.task.detail }];
    case 'schedule-meeting':
      return [{ path: 'meeting.title', text: step.meeting.title }];
    case 'email':
      return [{ path: 'email.to', text: step.email.to }, { path: 'email.subject', text: step.email.subject }, { path: 'email.body', text: step.email.body }];
    case 'log-activity':
      return [{ path: 'activity.subject', text: step.activity.subject }, { path: 'activity.body', text: step.activity.body }];
    case 'notify':
      return [{ path: 'notify.message', text: step.notify.message }];
    case 'webhook':
      return [{ path: 'webhook.body', text: step.webhook.body }];
    default:
      return [];
  }
}

function checkGraph(playbook: Playbook): PlaybookProblem[] {
  const problems: PlaybookProblem[] = [];
  const index = new Map<string, number>();
  playbook.steps.forEach((step, i) => {
    if (index.has(step.id)) problems.push({ path: `steps[${i}].id`, message: `step id "${step.id}" is used twice (also ${describeStep(playbook, index.get(step.id)!)})` });
    else index.set(step.id, i);
  });
  if (!index.has(playbook.start)) problems.push({ path: 'start', message: `the start step "${playbook.start}" is not a step` });

  const triggerCondition = 'condition' in playbook.trigger ? playbook.trigger.condition : undefined;
  if (triggerCondition) for (const p of checkCondition(triggerCondition)) problems.push({ path: `trigger.condition${p.path === '(root)' ? '' : `.${p.path}`}`, message: p.message });
  if (playbook.filter) for (const p of checkCondition(playbook.filter)) problems.push({ path: `filter${p.path === '(root)' ? '' : `.${p.path}`}`, message: p.message });

  playbook.steps.forEach((step, i) => {
    const where = describeStep(playbook, i);
    const links: [string, string | undefined][] =
      step.type === 'branch' ? [['then', step.then], ['else', step.else]] : step.type === 'end' ? [] : [['next', step.next]];
    if (step.type === 'wait') links.push(['timeoutNext', step.timeoutNext]);
    for (const [field, target] of links) {
      if (target !== undefined && !index.has(target)) problems.push({ path: `steps[${i}].${field}`, message: `${where}.${field} points to "${target}", which is not a step` });
    }
    if (step.type === 'wait') {
      if (step.wait.days === undefined && step.wait.until === undefined) problems.push({ path: `steps[${i}].wait`, message: `${where} waits for nothing: give it days or an "until" condition` });
      if (step.wait.until && step.wait.timeoutDays === undefined) problems.push({ path: `steps[${i}].wait.timeoutDays`, message: `${where} waits until a condition: it needs a timeout in days` });
      if (step.timeoutNext && !step.wait.until) problems.push({ path: `steps[${i}].timeoutNext`, message: `${where} has a timeout branch but no "until" condition` });
    }
    for (const { path, condition } of conditionsOf(step)) {
      for (const p of checkCondition(condition)) problems.push({ path: `steps[${i}].${path}${p.path === '(root)' ? '' : `.${p.path}`}`, message: `${where}: ${p.message}` });
    }
    for (const { path, text } of templatesOf(step)) {
      for (const name of unknownMergeFields(text)) problems.push({ path: `steps[${i}].${path}`, message: `${where} uses unknown merge field {{${name}}}` });
    }
  });
  if (problems.length) return problems;

  // Reachability from the start.
  const reached = new Set<string>();
  const queue = [playbook.start];
  while (queue.length) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...successors(playbook.steps[index.get(id)!]!));
  }
  playbook.steps.forEach((step, i) => {
    if (!reached.has(step.id)) problems.push({ path: `steps[${i}]`, message: `${describeStep(playbook, i)} cannot be reached from the start step "${playbook.start}"` });
  });

  // A loop must pass through a step that waits (time or a person), or it would run forever in one go.
  const cycle = findBusyCycle(playbook, index);
  if (cycle) problems.push({ path: `steps[${index.get(cycle[0]!)}]`, message: `steps ${cycle.map((id) => `"${id}"`).join(' → ')} form a loop with no wait: add a wait step (days > 0) or a task it waits for` });
  return problems;
}

/** A cycle of steps none of which pauses, as the ids along it (first repeated at the end), or null. */
function findBusyCycle(playbook: Playbook, index: Map<string, number>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    const step = playbook.steps[index.get(id)!]!;
    if (pauses(step)) return null;
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    path.push(id);
    for (const next of successors(step)) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const step of playbook.steps) {
    const found = visit(step.id);
    if (found) return found;
  }
  return null;
}

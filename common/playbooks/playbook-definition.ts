import { z } from 'zod';
import { ALERT_RULES, EDITABLE_ACCOUNT_FIELDS, featureKeyProblem, storedFeatureKey } from '../model';
import { conditionSchema } from '../segments/segment-condition';
import { OUTCOMES, STEP_TYPES, TASK_PRIORITIES, TASK_TYPES } from './playbook-vocabulary';

/**
 * A playbook: a trigger and a graph of steps. One stored document per version (`<playbookId>@<version>`); an
 * execution runs on the version it started with. Parsed with zod at every boundary (builder, store, paste), then
 * checked for what zod cannot see (validate-playbook.ts).
 */

export { OUTCOMES, STEP_TYPES, TASK_PRIORITIES, TASK_TYPES, type Outcome, type TaskPriority, type TaskType } from './playbook-vocabulary';

const stepId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a step id is 1-40 letters, digits, - or _');
const text = (max: number) => z.string().max(max);
const base = { id: stepId, title: text(200).optional() };

export const stepSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('create-task'),
    task: z.object({
      title: text(200).min(1),
      detail: text(2000).default(''),
      taskType: z.enum(TASK_TYPES),
      priority: z.enum(TASK_PRIORITIES),
      dueInDays: z.number().int().min(0).max(365),
      /** Who gets it: the account owner (default) or a named user. */
      assignee: z.union([z.literal('account-owner'), z.object({ userId: z.string().min(1).max(128), name: text(200) })]).default('account-owner'),
    }),
    /** Wait for the task to be completed before the next step. */
    awaitCompletion: z.boolean().default(false),
    next: stepId,
  }),
  z.object({
    ...base,
    /** Until the calendar lands: a task of type lifecycle saying which meeting to schedule. */
    type: z.literal('schedule-meeting'),
    meeting: z.object({ title: text(200).min(1), dueInDays: z.number().int().min(0).max(365) }),
    awaitCompletion: z.boolean().default(false),
    next: stepId,
  }),
  z.object({
    ...base,
    type: z.literal('email'),
    email: z.object({ to: text(500).min(1), subject: text(300).min(1), body: text(5000) }),
    next: stepId,
  }),
  z.object({
    ...base,
    type: z.literal('update-field'),
    update: z.object({ field: z.enum(EDITABLE_ACCOUNT_FIELDS), value: z.union([z.string().max(500), z.number().finite()]) }),
    next: stepId,
  }),
  z.object({ ...base, type: z.literal('log-activity'), activity: z.object({ subject: text(300).min(1), body: text(2000).default('') }), next: stepId }),
  z.object({ ...base, type: z.literal('notify'), notify: z.object({ message: text(500).min(1) }), next: stepId }),
  z.object({
    ...base,
    type: z.literal('webhook'),
    webhook: z.object({ url: z.string().url().max(2000), body: text(5000).default('') }),
    next: stepId,
  }),
  z.object({
    ...base,
    type: z.literal('wait'),
    wait: z.object({
      /** Wait this many days (or, with `until`, at most `timeoutDays`). */
      days: z.number().int().min(0).max(365).optional(),
      until: conditionSchema.optional(),
      timeoutDays: z.number().int().min(1).max(365).optional(),
    }),
    next: stepId,
    /** Where a wait `until` goes when it times out. */
    timeoutNext: stepId.optional(),
  }),
  z.object({ ...base, type: z.literal('branch'), branch: z.object({ if: conditionSchema }), then: stepId, else: stepId }),
  z.object({ ...base, type: z.literal('end'), outcome: z.union([z.enum(OUTCOMES), z.literal('from-revenue')]).default('from-revenue') }),
]);

export type PlaybookStep = z.infer<typeof stepSchema>;
export type StepType = PlaybookStep['type'];
// The zod-free STEP_TYPES (playbook-vocabulary.ts) name exactly the step schema's types, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const STEP_TYPES_MATCH_SCHEMA: Same<(typeof STEP_TYPES)[number], StepType> = true;

/**
 * The feature a product-event trigger counts: one of the six product features or a key of the team's own (an event
 * name the six do not mean, as usage months store it: common/model/feature-keys.ts). A synonym of one of the six is
 * that feature (`storedFeatureKey`, the table the import and the ingestion count with); a name that is not a key is
 * refused, saying the key its events are counted under. A key the book has no events of is allowed (the trigger
 * waits for them).
 */
const triggerFeature = z
  .string()
  .superRefine((name, ctx) => {
    const problem = featureKeyProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((key) => storedFeatureKey(key) ?? key);

export const triggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segment-enter'), segmentName: text(200), condition: conditionSchema }),
  z.object({ kind: z.literal('segment-leave'), segmentName: text(200), condition: conditionSchema }),
  z.object({ kind: z.literal('condition'), condition: conditionSchema }),
  z.object({ kind: z.literal('score-change'), score: z.enum(['health', 'risk', 'expansion']), direction: z.enum(['up', 'down']), points: z.number().int().min(1).max(100), days: z.number().int().min(1).max(366) }),
  z.object({ kind: z.literal('alert-raised'), rule: z.enum(ALERT_RULES).optional() }),
  z.object({ kind: z.literal('renewal-date'), daysBefore: z.number().int().min(0).max(730) }),
  z.object({ kind: z.literal('contract-start'), daysAfter: z.number().int().min(0).max(730) }),
  /** The account's product events of one feature (of the six or the team's own) this month reach `atLeast` (from the ingestion's rollup or an import). */
  z.object({ kind: z.literal('product-event'), feature: triggerFeature, atLeast: z.number().int().min(1).max(10_000_000) }),
  z.object({ kind: z.literal('manual') }),
]);
export type PlaybookTrigger = z.infer<typeof triggerSchema>;

export const playbookSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'a playbook id is 1-60 letters, digits, - or _'),
  version: z.number().int().min(1),
  name: text(200).min(1, 'a playbook needs a name'),
  description: text(2000).default(''),
  trigger: triggerSchema,
  /** Extra conditions every start must meet (the builder's "trigger conditions"), e.g. tier is Enterprise. */
  filter: conditionSchema.optional(),
  start: stepId,
  steps: z.array(stepSchema).min(1, 'a playbook needs at least one step').max(200),
  /** A playbook is not started twice on one account while an earlier run is still going. */
});
export type Playbook = z.infer<typeof playbookSchema>;
/** What the builder edits before it is checked (zod input type: defaults may be absent). */
export type PlaybookInput = z.input<typeof playbookSchema>;

export function stepById(playbook: Playbook, id: string): PlaybookStep | undefined {
  return playbook.steps.find((step) => step.id === id);
}

/** The ids a step can go to next. */
export function successors(step: PlaybookStep): string[] {
  switch (step.type) {
    case 'end':
      return [];
    case 'branch':
      return [step.then, step.else];
    case 'wait':
      return step.timeoutNext ? [step.next, step.timeoutNext] : [step.next];
    default:
      return [step.next];
  }
}

/** Does this step hold an execution until time passes or a person acts (so a loop through it is not a busy loop)? */
export function pauses(step: PlaybookStep): boolean {
  if (step.type === 'wait') return (step.wait.days ?? 0) > 0 || (step.wait.until !== undefined && (step.wait.timeoutDays ?? 0) > 0);
  if (step.type === 'create-task' || step.type === 'schedule-meeting') return step.awaitCompletion;
  return false;
}

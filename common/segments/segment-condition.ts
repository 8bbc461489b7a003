import { z } from 'zod';
import { OPERATORS_BY_KIND, segmentField } from './segment-fields';

export const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'includes', 'excludes', 'empty', 'notEmpty'] as const;
export type Operator = (typeof OPERATORS)[number];

export type ConditionValue = string | number | null | readonly string[];

/** One test of one field, e.g. `{ field: 'riskChange', days: 30, op: 'gt', value: 20 }`. */
export interface RuleCondition {
  kind: 'rule';
  field: string;
  op: Operator;
  value?: ConditionValue;
  /** Window of a score change, in days. */
  days?: number;
}

/** All (and) or any (or) of its conditions; groups nest. An empty "all" matches everything, an empty "any" nothing. */
export interface GroupCondition {
  kind: 'group';
  match: 'all' | 'any';
  conditions: Condition[];
}

export type Condition = RuleCondition | GroupCondition;

const ruleSchema = z.object({
  kind: z.literal('rule'),
  field: z.string().min(1).max(120),
  op: z.enum(OPERATORS),
  value: z.union([z.string().max(500), z.number().finite(), z.null(), z.array(z.string().max(500)).max(100)]).optional(),
  days: z.number().int().min(1).max(366).optional(),
});

export const conditionSchema: z.ZodType<Condition, Condition> = z.lazy(() =>
  z.union([
    ruleSchema,
    z.object({ kind: z.literal('group'), match: z.enum(['all', 'any']), conditions: z.array(conditionSchema).max(50) }),
  ]),
) as z.ZodType<Condition, Condition>;

export interface ConditionProblem {
  /** Where, e.g. `conditions[1].conditions[0]`. */
  path: string;
  message: string;
}

/** The problems zod cannot see: unknown fields, an operator the field does not take, a value of the wrong kind. */
export function checkCondition(condition: Condition, path = ''): ConditionProblem[] {
  if (condition.kind === 'group') {
    return condition.conditions.flatMap((child, index) => checkCondition(child, `${path}${path ? '.' : ''}conditions[${index}]`));
  }
  const at = path || '(root)';
  const spec = segmentField(condition.field);
  if (!spec) return [{ path: at, message: `unknown field "${condition.field}"` }];
  if (!OPERATORS_BY_KIND[spec.kind].includes(condition.op)) {
    return [{ path: at, message: `"${spec.label}" cannot be compared with "${condition.op}" (use ${OPERATORS_BY_KIND[spec.kind].join(', ')})` }];
  }
  if (spec.windowed && condition.days === undefined) return [{ path: at, message: `"${spec.label}" needs a window in days` }];
  if (condition.op === 'empty' || condition.op === 'notEmpty') return [];
  const value = condition.value;
  if (value === undefined || value === null || value === '') return [{ path: at, message: `"${spec.label}" needs a value` }];
  if (condition.op === 'in') {
    if (!Array.isArray(value)) return [{ path: at, message: `"one of" needs a list of values` }];
  } else if (spec.kind === 'number' && typeof value !== 'number') {
    return [{ path: at, message: `"${spec.label}" is a number; "${String(value)}" is not` }];
  }
  if (spec.options && spec.kind !== 'list') {
    const values = Array.isArray(value) ? value : [value];
    const bad = values.find((v) => !spec.options!.includes(String(v)));
    if (bad !== undefined) return [{ path: at, message: `"${String(bad)}" is not a ${spec.label} (one of ${spec.options.join(', ')})` }];
  }
  return [];
}

/** Parses and checks a condition from outside (a stored segment, a pasted playbook). */
export function parseCondition(input: unknown): { ok: true; condition: Condition } | { ok: false; problems: ConditionProblem[] } {
  const parsed = conditionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message })) };
  }
  const problems = checkCondition(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, condition: parsed.data };
}

export const MATCH_ALL: GroupCondition = { kind: 'group', match: 'all', conditions: [] };

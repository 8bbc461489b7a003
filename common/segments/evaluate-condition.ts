import { dayBefore, factValue, scoreChangeSince, type AccountFacts } from './account-facts';
import type { Condition, ConditionValue, Operator, RuleCondition } from './segment-condition';

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

const text = (v: unknown): string => String(v).toLowerCase();

/** One operator on one value. A missing value only passes `empty` and `neq`. Text compares without case. */
function compare(actual: string | number | null | readonly string[], op: Operator, expected: ConditionValue | undefined): boolean {
  if (op === 'empty') return isEmpty(actual);
  if (op === 'notEmpty') return !isEmpty(actual);
  if (Array.isArray(actual)) {
    if (op === 'includes') return actual.includes(String(expected));
    if (op === 'excludes') return !actual.includes(String(expected));
    return false;
  }
  if (actual === null) return op === 'neq';
  switch (op) {
    case 'eq':
      return typeof actual === 'number' ? actual === Number(expected) : text(actual) === text(expected);
    case 'neq':
      return typeof actual === 'number' ? actual !== Number(expected) : text(actual) !== text(expected);
    case 'gt':
      return typeof actual === 'number' && actual > Number(expected);
    case 'gte':
      return typeof actual === 'number' && actual >= Number(expected);
    case 'lt':
      return typeof actual === 'number' && actual < Number(expected);
    case 'lte':
      return typeof actual === 'number' && actual <= Number(expected);
    case 'contains':
      return text(actual).includes(text(expected));
    case 'in':
      return Array.isArray(expected) && expected.some((v) => text(v) === text(actual));
    default:
      return false;
  }
}

/** Does the account match the condition? The plain, recursive definition (the compiled form must agree with it). */
export function matchesCondition(condition: Condition, facts: AccountFacts): boolean {
  if (condition.kind === 'group') {
    return condition.match === 'all'
      ? condition.conditions.every((child) => matchesCondition(child, facts))
      : condition.conditions.some((child) => matchesCondition(child, facts));
  }
  return compare(factValue(facts, condition.field, condition.days), condition.op, condition.value);
}

export type CompiledCondition = (facts: AccountFacts) => boolean;

function compileRule(rule: RuleCondition): CompiledCondition {
  const { field, days, op } = rule;
  const read = fieldReader(field, days);
  // Numbers against a number: one comparison per account, no dispatch on the operator.
  if (typeof rule.value === 'number' && (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte')) {
    const n = rule.value;
    switch (op) {
      case 'gt':
        return (facts) => {
          const v = read(facts);
          return typeof v === 'number' && v > n;
        };
      case 'gte':
        return (facts) => {
          const v = read(facts);
          return typeof v === 'number' && v >= n;
        };
      case 'lt':
        return (facts) => {
          const v = read(facts);
          return typeof v === 'number' && v < n;
        };
      case 'lte':
        return (facts) => {
          const v = read(facts);
          return typeof v === 'number' && v <= n;
        };
    }
  }
  // Lower-case the expected values once rather than on every account.
  const expected = Array.isArray(rule.value) ? rule.value.map((v) => v.toLowerCase()) : rule.value;
  if (op === 'in') {
    const set = new Set(expected as string[]);
    return (facts) => {
      const actual = read(facts);
      // Exact first: enum values are usually written as stored, so no lower-casing per account.
      return actual !== null && !Array.isArray(actual) && (set.has(actual as string) || set.has(String(actual).toLowerCase()));
    };
  }
  if ((op === 'eq' || op === 'neq') && expected !== undefined && !Array.isArray(expected)) {
    // The same answers as compare(): numbers as numbers, text without case (lower-cased once here, and not at all
    // when the stored value is written as expected), a missing value only passes neq, a list neither.
    const asNumber = Number(expected);
    const asText = text(expected);
    const equal = op === 'eq';
    return (facts) => {
      const actual = read(facts);
      if (actual === null) return !equal;
      if (typeof actual === 'number') return (actual === asNumber) === equal;
      if (typeof actual !== 'string') return compare(actual, op, expected);
      return (actual === expected || actual.toLowerCase() === asText) === equal;
    };
  }
  return (facts) => compare(read(facts), op, expected);
}

/** A reader of one field, chosen once per rule (the common account fields read directly). */
function fieldReader(field: string, days: number | undefined): (facts: AccountFacts) => ReturnType<typeof factValue> {
  switch (field) {
    case 'risk':
      return (f) => f.risk;
    case 'health':
      return (f) => f.health;
    case 'expansion':
      return (f) => f.expansion;
    case 'healthBand':
      return (f) => f.healthBand;
    case 'tier':
      return (f) => f.account.tier;
    case 'lifecycleStage':
      return (f) => f.account.lifecycleStage;
    case 'mrr':
      return (f) => f.account.mrr;
    case 'seatUtilization':
      return (f) => f.derived.seatUtilization;
    case 'daysToRenewal':
      return (f) => f.derived.daysToRenewal;
    case 'daysSinceContractStart':
      return (f) => f.derived.daysSinceContractStart;
    case 'healthChange':
    case 'riskChange':
    case 'expansionChange':
      return changeReader(field.slice(0, -'Change'.length) as 'health' | 'risk' | 'expansion', days ?? 30);
    default:
      return (f) => factValue(f, field, days);
  }
}

/** A score change over a window, its cutoff date worked out once per day rather than once per account. */
function changeReader(score: 'health' | 'risk' | 'expansion', days: number): (facts: AccountFacts) => number | null {
  let today = '';
  let cutoff: string | null = null;
  return (facts) => {
    if (facts.today !== today) {
      today = facts.today;
      cutoff = dayBefore(today, days);
    }
    return cutoff === null ? null : scoreChangeSince(facts, score, cutoff);
  };
}

/** A condition turned into one closure per rule, for evaluating 50 segments over a whole book. */
export function compileCondition(condition: Condition): CompiledCondition {
  if (condition.kind === 'rule') return compileRule(condition);
  const children = condition.conditions.map(compileCondition);
  if (condition.match === 'all') {
    return (facts) => {
      for (const child of children) if (!child(facts)) return false;
      return true;
    };
  }
  return (facts) => {
    for (const child of children) if (child(facts)) return true;
    return false;
  };
}

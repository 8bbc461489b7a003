import type { Condition, GroupCondition, RuleCondition } from '../segments/segment-condition';
import type { GridViewState } from './grid-view';

/**
 * The Accounts grid's column filters as a segment condition ("Save as segment"), where a segment can say the same
 * thing: the answer matches exactly the accounts the grid's filters keep (grid-view-segment.test.ts checks it on
 * random books). What a segment cannot say is refused, naming the filter: the free-text search (it looks at domain
 * and external id, which segments do not) and a renewal date range (fixed dates; a live segment uses days to renewal).
 */
const TEXT_FIELDS: Readonly<Record<string, string>> = { name: 'name', owner: 'ownerName', industry: 'industry', region: 'region' };
const ENUM_FIELDS: Readonly<Record<string, string>> = { tier: 'tier', status: 'status', stage: 'lifecycleStage' };
const NUMBER_FIELDS: Readonly<Record<string, string>> = {
  seats: 'seatsActive',
  mrr: 'mrr',
  arr: 'arr',
  daysToRenewal: 'daysToRenewal',
  health: 'health',
  risk: 'risk',
  expansion: 'expansion',
};

export type GridSegmentResult = { ok: true; condition: GroupCondition } | { ok: false; problems: string[] };

/**
 * `extra` (a segment the grid is filtered by) joins the filters under "all". An empty filter value filters nothing
 * and is left out; no filter at all is refused (a segment of the whole book is not what a person means to save).
 */
export function gridFiltersAsCondition(view: Pick<GridViewState, 'filters' | 'search'>, extra: Condition | null = null): GridSegmentResult {
  const problems: string[] = [];
  const conditions: Condition[] = extra ? [extra] : [];
  if (view.search.trim() !== '') problems.push('The search box cannot be part of a segment (it also looks at domain and external id): clear it, or filter the Name column instead');
  for (const { id, value } of view.filters) {
    if (typeof value === 'string') {
      const query = value.trim();
      if (query === '') continue;
      if (TEXT_FIELDS[id]) conditions.push({ kind: 'rule', field: TEXT_FIELDS[id]!, op: 'contains', value: query });
      else if (ENUM_FIELDS[id]) conditions.push({ kind: 'rule', field: ENUM_FIELDS[id]!, op: 'eq', value });
      else problems.push(`The ${id} filter cannot be part of a segment`);
    } else if ('min' in value) {
      if (value.min === null && value.max === null) continue;
      if (id === 'seatUse') {
        // The grid filters the seat use rounded to a whole percent: round(x) ≥ m is x ≥ m − 0.5, round(x) ≤ M is x < M + 0.5.
        if (value.min !== null) conditions.push(rule('seatUtilization', 'gte', value.min - 0.5));
        if (value.max !== null) conditions.push(rule('seatUtilization', 'lt', value.max + 0.5));
      } else if (NUMBER_FIELDS[id]) {
        if (value.min !== null) conditions.push(rule(NUMBER_FIELDS[id]!, 'gte', value.min));
        if (value.max !== null) conditions.push(rule(NUMBER_FIELDS[id]!, 'lte', value.max));
      } else problems.push(`The ${id} filter cannot be part of a segment`);
    } else {
      if (!value.from && !value.to) continue;
      problems.push(id === 'renewalDate' ? 'A renewal date range is fixed dates and cannot be part of a live segment: filter Days to renewal instead' : `The ${id} filter cannot be part of a segment`);
    }
  }
  if (problems.length) return { ok: false, problems };
  if (conditions.length === 0) return { ok: false, problems: ['Filter the grid first: a segment saved from the grid is its filters'] };
  return { ok: true, condition: { kind: 'group', match: 'all', conditions } };
}

function rule(field: string, op: RuleCondition['op'], value: number): RuleCondition {
  return { kind: 'rule', field, op, value };
}

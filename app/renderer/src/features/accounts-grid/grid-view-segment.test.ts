import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateInRange, enumEquals, numberInRange, textContains, type DateRange, type NumberRange } from '../../../../../common/book-views/grid-filters';
import type { GridViewState } from '../../../../../common/book-views/grid-view';
import { gridFiltersAsCondition } from '../../../../../common/book-views/grid-view-segment';
import { ACCOUNT_STATUSES, ACCOUNT_TIERS, LIFECYCLE_STAGES, type Account, type RiskAssessment } from '../../../../../common/model';
import { accountFacts } from '../../../../../common/segments/account-facts';
import { compileCondition } from '../../../../../common/segments/evaluate-condition';
import { parseCondition } from '../../../../../common/segments/segment-condition';
import { useAssessmentsStore } from '../../stores/assessments-store';
import { ACCOUNT_COLUMNS } from './grid-columns';

const TODAY = '2026-06-15';
type Filter = GridViewState['filters'][number];

const accountArb = (id: string) =>
  fc.record({
    name: fc.constantFrom('Acme Corp', 'Globex', 'Initech Ltd', ''),
    ownerName: fc.constantFrom('Dana', 'Lee', 'dana k'),
    industry: fc.constantFrom('Software', 'Retail'),
    region: fc.constantFrom('EMEA', 'NA', 'APAC'),
    tier: fc.constantFrom(...ACCOUNT_TIERS),
    status: fc.constantFrom(...ACCOUNT_STATUSES),
    lifecycleStage: fc.constantFrom(...LIFECYCLE_STAGES),
    seatsPurchased: fc.integer({ min: 0, max: 200 }),
    seatsActive: fc.integer({ min: 0, max: 220 }),
    mrr: fc.integer({ min: 0, max: 20_000 }),
    renewalDays: fc.integer({ min: -30, max: 400 }),
    risk: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  }).map(({ renewalDays, risk, ...r }) => ({
    account: {
      ...r, id, ownerId: 'u1', teamId: 't1', updatedAt: '', fieldStamps: {}, externalId: id, domain: `${id}.example`, plan: 'Pro', contractStart: '2025-01-01',
      renewalDate: new Date(Date.UTC(2026, 5, 15 + renewalDays)).toISOString().slice(0, 10), createdAt: '',
    } as Account,
    risk,
  }));

const range = (min: number, max: number): fc.Arbitrary<NumberRange> => fc.record({ min: fc.option(fc.integer({ min, max }), { nil: null }), max: fc.option(fc.integer({ min, max }), { nil: null }) });
const filterArb: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({ id: fc.constantFrom('name', 'owner', 'industry', 'region'), value: fc.constantFrom('acme', ' Dana ', 'corp', 'em', 'x', '') }),
  fc.record({ id: fc.constant('tier'), value: fc.constantFrom(...ACCOUNT_TIERS) }),
  fc.record({ id: fc.constant('status'), value: fc.constantFrom(...ACCOUNT_STATUSES) }),
  fc.record({ id: fc.constant('stage'), value: fc.constantFrom(...LIFECYCLE_STAGES) }),
  fc.record({ id: fc.constantFrom('seats', 'seatUse', 'health', 'risk', 'expansion'), value: range(0, 120) }),
  fc.record({ id: fc.constantFrom('mrr', 'arr'), value: range(0, 100_000) }),
  fc.record({ id: fc.constant('daysToRenewal'), value: range(-40, 400) }),
);

/** What the grid keeps: every filter of the view through the column's own value and the grid's own tests. */
function gridKeeps(account: Account, filters: readonly Filter[]): boolean {
  return filters.every(({ id, value }) => {
    const column = ACCOUNT_COLUMNS.find((c) => c.id === id)!;
    const v = column.value(account, { today: TODAY });
    switch (column.kind) {
      case 'text':
        return textContains(v, value as string);
      case 'enum':
        return enumEquals(v, value as string);
      case 'number':
        return numberInRange(v as number | undefined, value as NumberRange);
      case 'date':
        return dateInRange(v as string | undefined, value as DateRange);
    }
  });
}

describe('grid filters as a segment', () => {
  it('keeps exactly the accounts the grid keeps, on random books and filters (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(accountArb('a'), { minLength: 1, maxLength: 15 }), fc.array(filterArb, { minLength: 1, maxLength: 4 }), (rows, filters) => {
        const book = rows.map((row, i) => ({ ...row, account: { ...row.account, id: `acc${i}` } }));
        const assessments = new Map(book.map(({ account, risk }) => [account.id, { accountId: account.id, health: risk === null ? null : 100 - risk, healthBand: 'none', risk, expansion: risk } as unknown as RiskAssessment]));
        useAssessmentsStore.setState({ byAccount: assessments, scores: assessments });
        const result = gridFiltersAsCondition({ filters, search: '' });
        const meaningful = filters.some(({ value }) => (typeof value === 'string' ? value.trim() !== '' : Object.values(value).some((v) => v !== null)));
        if (!meaningful) {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(parseCondition(result.condition)).toMatchObject({ ok: true });
        const test = compileCondition(result.condition);
        for (const { account } of book) {
          const facts = accountFacts({ account, assessment: assessments.get(account.id)!, today: TODAY });
          expect(test(facts), `${account.id} with ${JSON.stringify(filters)}`).toBe(gridKeeps(account, filters));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('joins the segment the grid is filtered by, and refuses what a segment cannot say', () => {
    const segment = { kind: 'rule', field: 'risk', op: 'gte', value: 70 } as const;
    expect(gridFiltersAsCondition({ filters: [{ id: 'tier', value: 'Enterprise' }], search: '' }, segment)).toEqual({
      ok: true,
      condition: { kind: 'group', match: 'all', conditions: [segment, { kind: 'rule', field: 'tier', op: 'eq', value: 'Enterprise' }] },
    });
    expect(gridFiltersAsCondition({ filters: [], search: '' }, segment)).toMatchObject({ ok: true });
    const refused = gridFiltersAsCondition({ filters: [{ id: 'renewalDate', value: { from: '2026-07-01', to: null } }], search: 'acme' });
    expect(refused).toEqual({ ok: false, problems: [expect.stringContaining('search box'), expect.stringContaining('Days to renewal')] });
    expect(gridFiltersAsCondition({ filters: [], search: ' ' })).toEqual({ ok: false, problems: [expect.stringContaining('Filter the grid first')] });
  });
});

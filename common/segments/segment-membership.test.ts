import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_TIERS, HEALTH_BANDS, LIFECYCLE_STAGES, type Account } from '../model';
import { accountFacts, type AccountFacts } from './account-facts';
import { compileCondition, matchesCondition } from './evaluate-condition';
import { parseCondition, type Condition } from './segment-condition';
import { SegmentMembership } from './segment-membership';

const TODAY = '2026-06-15';

const accountArb = (id: string) =>
  fc.record({
    tier: fc.constantFrom(...ACCOUNT_TIERS),
    lifecycleStage: fc.constantFrom(...LIFECYCLE_STAGES),
    region: fc.constantFrom('EMEA', 'NA', 'APAC'),
    mrr: fc.integer({ min: 0, max: 50_000 }),
    seatsPurchased: fc.integer({ min: 0, max: 500 }),
    seatsActive: fc.integer({ min: 0, max: 500 }),
    renewalDays: fc.integer({ min: -30, max: 400 }),
    ownerId: fc.constantFrom('u1', 'u2'),
    band: fc.constantFrom(...HEALTH_BANDS),
    risk: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    riskBefore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    alerts: fc.subarray(['risk-above', 'health-drop', 'renewal-red'] as const),
    tasks: fc.array(fc.record({ status: fc.constantFrom('open', 'done'), dueDate: fc.constantFrom('2026-06-01', '2026-07-01') }), { maxLength: 3 }),
    segment: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }),
  }).map((r): AccountFacts => {
    const renewal = new Date(Date.UTC(2026, 5, 15 + r.renewalDays)).toISOString().slice(0, 10);
    const account = {
      id, ownerId: r.ownerId, teamId: 't1', updatedAt: '', fieldStamps: {}, externalId: id, name: `Acme ${id}`, domain: '', industry: 'SaaS',
      region: r.region, tier: r.tier, status: 'active', lifecycleStage: r.lifecycleStage, ownerName: r.ownerId, plan: 'Pro',
      seatsPurchased: r.seatsPurchased, seatsActive: r.seatsActive, mrr: r.mrr, contractStart: '2025-01-01', renewalDate: renewal, createdAt: '',
      customFields: r.segment === null ? {} : { segment: r.segment },
    } as Account & { customFields: Record<string, string> };
    return accountFacts({
      account,
      assessment: {
        health: null, healthBand: r.band, risk: r.risk, expansion: null,
        history: [{ date: '2026-05-01', health: null, risk: r.riskBefore, expansion: null }],
      },
      alerts: r.alerts.map((rule) => ({ rule, raisedAt: '2026-06-01T00:00:00.000Z', status: 'open' as const })),
      tasks: r.tasks,
      today: TODAY,
    });
  });

const ruleArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ kind: fc.constant('rule' as const), field: fc.constant('tier'), op: fc.constantFrom('eq' as const, 'neq' as const), value: fc.constantFrom(...ACCOUNT_TIERS) }),
  fc.record({ kind: fc.constant('rule' as const), field: fc.constant('lifecycleStage'), op: fc.constant('in' as const), value: fc.subarray([...LIFECYCLE_STAGES], { minLength: 1 }) }),
  fc.record({ kind: fc.constant('rule' as const), field: fc.constantFrom('mrr', 'arr', 'seatUtilization', 'daysToRenewal', 'risk', 'openAlerts', 'openTasks', 'overdueTasks'), op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const, 'eq' as const, 'empty' as const), value: fc.integer({ min: -10, max: 40_000 }) }),
  fc.record({ kind: fc.constant('rule' as const), field: fc.constant('riskChange'), days: fc.integer({ min: 1, max: 60 }), op: fc.constantFrom('gt' as const, 'lt' as const), value: fc.integer({ min: -50, max: 50 }) }),
  fc.record({ kind: fc.constant('rule' as const), field: fc.constant('healthBand'), op: fc.constant('eq' as const), value: fc.constantFrom(...HEALTH_BANDS) }),
  fc.record({ kind: fc.constant('rule' as const), field: fc.constant('openAlertRules'), op: fc.constantFrom('includes' as const, 'excludes' as const), value: fc.constantFrom('risk-above', 'renewal-red') }),
  fc.record({ kind: fc.constant('rule' as const), field: fc.constant('custom.segment'), op: fc.constantFrom('eq' as const, 'empty' as const, 'contains' as const), value: fc.constantFrom('a', 'b') }),
  fc.record({ kind: fc.constant('rule' as const), field: fc.constant('region'), op: fc.constant('contains' as const), value: fc.constantFrom('em', 'A') }),
);

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    ruleArb,
    fc.record({ kind: fc.constant('group' as const), match: fc.constantFrom('all' as const, 'any' as const), conditions: fc.array(tie('c'), { maxLength: 3 }) }),
  ),
})).c;

const brute = (condition: Condition, book: Map<string, AccountFacts>) =>
  new Set([...book.values()].filter((facts) => matchesCondition(condition, facts)).map((facts) => facts.accountId));

describe('segment membership', () => {
  it('matches a brute-force filter of the book after any sequence of account changes (fast-check)', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `acc${i}`);
    const updateArb = fc.constantFrom(...ids).chain((id) => fc.oneof(accountArb(id), fc.constant({ removed: id } as const)));
    fc.assert(
      fc.property(fc.array(conditionArb, { minLength: 1, maxLength: 4 }), fc.tuple(...ids.map(accountArb)), fc.array(updateArb, { maxLength: 30 }), (conditions, initial, updates) => {
        const book = new Map(initial.map((facts) => [facts.accountId, facts]));
        const membership = new SegmentMembership();
        membership.setSegments(conditions.map((condition, i) => ({ id: `s${i}`, name: `S${i}`, condition })), book.values());
        for (const update of updates) {
          if ('removed' in update) {
            book.delete(update.removed);
            membership.remove(update.removed);
          } else {
            book.set(update.accountId, update);
            membership.update(update);
          }
        }
        conditions.forEach((condition, i) => {
          expect(new Set(membership.members(`s${i}`))).toEqual(brute(condition, book));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('compiles a condition to the same answers as the plain evaluation', () => {
    fc.assert(
      fc.property(conditionArb, accountArb('x'), (condition, facts) => {
        expect(compileCondition(condition)(facts)).toBe(matchesCondition(condition, facts));
      }),
      { numRuns: 500 },
    );
  });

  it('every generated condition passes validation (the generator speaks the catalogue)', () => {
    fc.assert(fc.property(conditionArb, (condition) => {
      expect(parseCondition(condition)).toMatchObject({ ok: true });
    }), { numRuns: 200 });
  });

  it('reports enter and leave as an account crosses a threshold', () => {
    const membership = new SegmentMembership();
    const risky: Condition = { kind: 'group', match: 'all', conditions: [{ kind: 'rule', field: 'risk', op: 'gt', value: 70 }] };
    membership.setSegments([{ id: 'risky', name: 'Risky', condition: risky }]);
    const facts = fc.sample(accountArb('a1'), { numRuns: 1, seed: 3 })[0]!;
    expect(membership.update({ ...facts, risk: 80 })).toEqual([{ segmentId: 'risky', accountId: 'a1', change: 'enter' }]);
    expect(membership.update({ ...facts, risk: 85 })).toEqual([]);
    expect(membership.update({ ...facts, risk: 20 })).toEqual([{ segmentId: 'risky', accountId: 'a1', change: 'leave' }]);
    expect(membership.count('risky')).toBe(0);
  });

  it('keeps counts and members right as accounts arrive beyond the first book, leave and come back', () => {
    const membership = new SegmentMembership();
    const risky: Condition = { kind: 'rule', field: 'risk', op: 'gte', value: 50 };
    membership.setSegments([{ id: 'risky', name: 'Risky', condition: risky }]);
    const base = fc.sample(accountArb('a'), { numRuns: 1, seed: 5 })[0]!;
    const expected = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const facts = { ...base, accountId: `n${i}`, risk: i % 3 === 0 ? 80 : 10 };
      membership.update(facts);
      if (facts.risk === 80) expected.add(facts.accountId);
    }
    for (let i = 0; i < 300; i += 2) {
      membership.remove(`n${i}`);
      expected.delete(`n${i}`);
    }
    membership.update({ ...base, accountId: 'n0', risk: 90 });
    expected.add('n0');
    expect(membership.count('risky')).toBe(expected.size);
    expect(new Set(membership.members('risky'))).toEqual(expected);
    expect(membership.has('risky', 'n0')).toBe(true);
    expect(membership.has('risky', 'n6')).toBe(false);
  });

  it('refuses an unknown field, a wrong operator and a wrong value, saying where', () => {
    const bad = {
      kind: 'group', match: 'all', conditions: [
        { kind: 'rule', field: 'tier', op: 'eq', value: 'Enterprise' },
        { kind: 'group', match: 'any', conditions: [{ kind: 'rule', field: 'helth', op: 'gt', value: 3 }] },
        { kind: 'rule', field: 'tier', op: 'gt', value: 3 },
        { kind: 'rule', field: 'mrr', op: 'gt', value: 'lots' },
        { kind: 'rule', field: 'riskChange', op: 'gt', value: 5 },
      ],
    };
    const result = parseCondition(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'conditions[1].conditions[0]', message: 'unknown field "helth"' },
      { path: 'conditions[2]', message: expect.stringContaining('"Tier" cannot be compared with "gt"') },
      { path: 'conditions[3]', message: expect.stringContaining('"MRR ($)" is a number') },
      { path: 'conditions[4]', message: expect.stringContaining('needs a window in days') },
    ]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../common/db/testing/test-database';
import { stampNew } from '../../../../common/db/stamp-writes';
import type { RiskAssessment } from '../../../../common/model';
import { bindAssessmentsStore, useAssessmentsStore } from './assessments-store';

const assessment = (accountId: string, risk: number): RiskAssessment =>
  stampNew({
    id: accountId, accountId, ownerId: 'u-ann', teamId: 'team', scoredAt: '2026-03-01T00:00:00.000Z', health: 70, healthBand: 'green' as const,
    measures: [], churnProbability: risk / 100, risk, expansion: 40, riskFactors: [], expansionFactors: [], modelVersion: 'm1',
    predictedAt: '2026-03-01T00:00:00.000Z', history: [{ date: '2026-03-01', health: 70, risk, expansion: 40 }],
  }) as unknown as RiskAssessment;

/** The store's state once `accountId`'s stored assessment is as `done` wants it. */
const until = (accountId: string, done: (a: RiskAssessment | undefined) => boolean) =>
  new Promise<ReturnType<typeof useAssessmentsStore.getState>>((resolve) => {
    const check = (s: ReturnType<typeof useAssessmentsStore.getState>) => done(s.byAccount.get(accountId)) && (off(), resolve(s), true);
    const off = useAssessmentsStore.subscribe(check);
    check(useAssessmentsStore.getState());
  });

describe('the scores store', () => {
  const opened = openTestDatabase('assessments-store');
  afterAll(async () => (await opened).close());

  it('keeps the same scores map (and revision) when only an account\'s factors are stored, and a new one when a score changes', async () => {
    const db = await opened;
    await db.riskassessments.bulkInsert([assessment('a1', 20), assessment('a2', 60)]);
    const unbind = bindAssessmentsStore(db);
    try {
      const first = await until('a2', (a) => a !== undefined);
      expect(first.byAccount.get('a1')?.risk).toBe(20);

      // Opening an account stores its exact factors: the factors change, no score does.
      const doc = await db.riskassessments.findOne('a1').exec();
      const factors = [{ feature: 'logins', value: 3, points: 12, text: 'Logins fell' }];
      await doc!.incrementalPatch({ riskFactors: factors });
      const afterFactors = await until('a1', (a) => a?.riskFactors.length === 1);
      expect(afterFactors.byAccount).not.toBe(first.byAccount);
      expect(afterFactors.revision).toBe(first.revision);
      expect(afterFactors.scores).toBe(first.scores);
      expect(afterFactors.scores.get('a1')?.risk).toBe(20);

      // A score that changes gives a new scores map and revision.
      const again = await db.riskassessments.findOne('a1').exec();
      await again!.incrementalPatch({ risk: 35, churnProbability: 0.35 });
      const afterRisk = await until('a1', (a) => a?.risk === 35);
      expect(afterRisk.scores).not.toBe(first.scores);
      expect(afterRisk.scores.get('a1')?.risk).toBe(35);
      expect(afterRisk.revision).toBe(first.revision + 1);
    } finally {
      unbind();
    }
  });
});

import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { createOutpostDatabase } from '../db/create-database';
import { predictProbability, trainGradientBoostedTrees } from '../ml/gradient-boosted-trees';
import { readCommittedArtifacts } from './testing/model-artifacts.node';
import { alertFeedbackOf, FEEDBACK_RULE, feedbackWeights, matchFeedback } from './alert-feedback';
import { readAlertFeedback, readBookHistories, renewalExamplesOf, runRetrainJob } from './retrain-job';
import { feedbackBook } from './testing/feedback-book';

const book = feedbackBook();
const shipped = readCommittedArtifacts();
const job = (feedback: ReturnType<typeof alertFeedbackOf> | undefined) =>
  runRetrainJob({
    histories: book.histories,
    current: { churn: shipped.churn.trees, expansion: shipped.expansion.trees },
    createdAt: '2026-07-01T09:00:00Z',
    seed: 1,
    leadDays: 30,
    data: 'feedback book',
    ...(feedback ? { feedback } : {}),
  });

describe('"this alert was wrong" in retraining', () => {
  it('matches an item to the renewal after it, within the horizon, and labels it by the outcome', () => {
    const feedback = [
      { accountId: 'a', rule: 'risk-above' as const, raisedAt: '2025-01-01T00:00:00Z', feedbackAt: '2025-02-01T00:00:00Z' },
      { accountId: 'b', rule: 'health-drop' as const, raisedAt: '2025-01-01T00:00:00Z', feedbackAt: '2025-02-01T00:00:00Z' },
      { accountId: 'c', rule: 'risk-above' as const, raisedAt: '2025-01-01T00:00:00Z', feedbackAt: '2025-02-01T00:00:00Z' },
      { accountId: 'd', rule: 'risk-above' as const, raisedAt: '2025-01-01T00:00:00Z', feedbackAt: '2025-05-01T00:00:00Z' },
      { accountId: 'e', rule: 'risk-above' as const, raisedAt: '2024-01-01T00:00:00Z', feedbackAt: '2024-01-02T00:00:00Z' },
    ];
    const examples = [
      { accountId: 'a', date: '2025-04-01', outcome: 'renewal' }, // renewed after the item: confirmed
      { accountId: 'b', date: '2025-04-01', outcome: 'churn' }, // churned anyway: the outcome stands
      { accountId: 'c', date: '2025-04-01', outcome: 'contraction' },
      { accountId: 'd', date: '2025-04-01', outcome: 'renewal' }, // the item came after the renewal: hindsight, not used
      { accountId: 'e', date: '2025-04-01', outcome: 'renewal' }, // 455 days before: beyond the horizon
      { accountId: 'f', date: '2025-04-01', outcome: 'renewal' }, // no feedback
    ];
    const matched = matchFeedback(examples, feedback);
    expect(matched.map((m) => m?.label)).toEqual(['confirmed-negative', 'contradicted', 'contracted', undefined, undefined, undefined]);
    expect([...feedbackWeights(matched)]).toEqual([FEEDBACK_RULE.confirmedNegativeWeight, 1, 1, 1, 1, 1]);
  });

  it('reads only the alerts marked wrong', () => {
    const items = alertFeedbackOf(book.alerts);
    expect(items.length).toBe(book.alerts.length);
    expect(alertFeedbackOf(book.alerts.map((a) => ({ ...a, feedback: undefined })))).toEqual([]);
  });

  it('weights the churn training renewals the feedback confirmed, counts them on the card, and changes the churn trees only', () => {
    const feedback = alertFeedbackOf(book.alerts);
    const withFeedback = job(feedback);
    const without = job(undefined);
    const card = withFeedback.files.models.churn.card;
    // Expected from the book itself: the training renewals (card's training window) an item precedes within 180 days.
    const examples = renewalExamplesOf(book.histories, 30);
    const training = examples.filter((e) => e.date <= card.trainingWindow.to);
    const matched = matchFeedback(training, feedback);
    const confirmed = matched.filter((m) => m?.label === 'confirmed-negative').length;
    const contradicted = matched.filter((m) => m?.label === 'contradicted').length;
    expect(confirmed).toBeGreaterThan(20);
    expect(contradicted).toBeGreaterThan(0);
    expect(card.feedback).toEqual({
      markedWrong: feedback.length,
      used: confirmed + contradicted,
      confirmedNegatives: confirmed,
      contradicted,
      contracted: 0,
      weight: FEEDBACK_RULE.confirmedNegativeWeight,
      horizonDays: FEEDBACK_RULE.horizonDays,
    });
    // Items on later renewals (calibration, test) and the two that must never count are not used.
    expect(card.feedback!.used).toBeLessThan(feedback.length);
    expect(without.files.models.churn.card.feedback).toBeUndefined();
    // Ignoring the feedback would give the same churn trees; the expansion model is never weighted.
    expect(JSON.stringify(withFeedback.files.models.churn.trees.trees)).not.toBe(JSON.stringify(without.files.models.churn.trees.trees));
    expect(JSON.stringify(withFeedback.files.models.expansion.trees)).toBe(JSON.stringify(without.files.models.expansion.trees));
    // The holdout is the same book, unweighted: the same renewals and labels measured for both.
    expect(withFeedback.files.models.churn.card.testWindow).toEqual(without.files.models.churn.card.testWindow);
  });

  it('uses no feedback given after the training cut: items on calibration and test renewals change nothing', () => {
    const feedback = alertFeedbackOf(book.alerts);
    const without = job(undefined);
    const cut = without.files.models.churn.card.trainingWindow.to;
    const examples = renewalExamplesOf(book.histories, 30);
    const later = new Set(examples.filter((e) => e.date > cut).map((e) => e.accountId));
    const onLater = feedback.filter((f) => later.has(f.accountId));
    expect(onLater.length).toBeGreaterThan(5);
    const result = job(onLater);
    expect(result.files.models.churn.card.feedback).toMatchObject({ markedWrong: onLater.length, used: 0, confirmedNegatives: 0 });
    expect(JSON.stringify(result.files.models.churn.trees.trees)).toBe(JSON.stringify(without.files.models.churn.trees.trees));
  });
});

describe('the feedback as the Models page reads it from the local database', () => {
  it('reads the alerts marked wrong from RxDB and the retrain on the stored book uses them as on the plain book', async () => {
    const db = await createOutpostDatabase({ name: `alert-feedback-${process.pid}-${Date.now()}`, storage: getRxStorageMemory() });
    try {
      await db.accounts.bulkInsert(book.histories.map((h) => h.account));
      await db.usage.bulkInsert(book.histories.flatMap((h) => h.usage));
      await db.activities.bulkInsert(book.histories.flatMap((h) => h.activities));
      await db.revenue.bulkInsert(book.histories.flatMap((h) => h.revenue));
      const { feedback: _f, feedbackAt: _at, ...open } = book.alerts[0]!;
      await db.alerts.bulkInsert([...book.alerts, { ...open, id: 'health-drop:acc-0', rule: 'health-drop', status: 'open' }]);
      const feedback = await readAlertFeedback(db);
      expect(feedback.length).toBe(book.alerts.length);
      const stored = runRetrainJob({
        histories: await readBookHistories(db),
        current: { churn: shipped.churn.trees, expansion: shipped.expansion.trees },
        createdAt: '2026-07-01T09:00:00Z',
        seed: 1,
        leadDays: 30,
        data: 'feedback book',
        feedback,
      });
      expect(stored.files.models.churn.card.feedback).toEqual(job(alertFeedbackOf(book.alerts)).files.models.churn.card.feedback);
    } finally {
      await db.remove();
    }
  }, 30_000);
});

describe('row weights in the gradient-boosted trees', () => {
  it('a weighted negative region gets a lower probability than the same data unweighted', () => {
    const rows = Array.from({ length: 400 }, (_, i) => [i % 2, (i * 37) % 100]);
    const labels = rows.map((r, i) => (r[0] === 1 ? (i % 4 === 1 ? 1 : 0) : i % 8 === 0 ? 1 : 0));
    const weights = rows.map((r, i) => (r[0] === 1 && labels[i] === 0 ? 3 : 1));
    const plain = trainGradientBoostedTrees({ featureNames: ['x', 'y'], rows, labels }, { seed: 1, trees: 20 });
    const weighted = trainGradientBoostedTrees({ featureNames: ['x', 'y'], rows, labels, weights }, { seed: 1, trees: 20 });
    expect(predictProbability(weighted, [1, 50])).toBeLessThan(predictProbability(plain, [1, 50]) - 0.1);
    expect(() => trainGradientBoostedTrees({ featureNames: ['x', 'y'], rows, labels, weights: weights.map(() => 0) })).toThrow(/weight 0 is 0/);
  });
});

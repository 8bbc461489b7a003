import { generateDemoBook } from '../common/demo/generate-demo-book';
import type { AccountHistory } from '../common/intelligence/account-features';
import { renewalExamplesOf, runRetrainJob } from '../common/intelligence/retrain-job';
import { readCommittedArtifacts } from '../common/intelligence/testing/model-artifacts.node';
import type { Figure } from './figure';
import { spread } from './spread';

/**
 * The in-app retrain end to end on a book of `accounts` (the support-led profile): features before each renewal from
 * the raw histories, training, calibration and evaluation of both models against the shipped ones, exactly as the
 * Models page's worker runs it (runRetrainJob), here on Node's main thread. Storage: none — the histories are
 * generated into memory first (not timed), as the page hands them to its worker after reading the book.
 */
export async function benchRetrain(accounts: number, runs: number): Promise<Figure[]> {
  const histories: AccountHistory[] = [...generateDemoBook({ seed: 12, accounts, asOf: '2026-06-30', profile: 'support-led' })];
  const shipped = readCommittedArtifacts();
  const request = { histories, current: { churn: shipped.churn.trees, expansion: shipped.expansion.trees }, createdAt: '2026-06-30T18:00:00Z', seed: 1, leadDays: 30, data: 'bench' };
  const total: number[] = [];
  const features: number[] = [];
  let last: ReturnType<typeof runRetrainJob> | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    renewalExamplesOf(histories, 30);
    features.push((performance.now() - start) / 1000);
    const jobStart = performance.now();
    last = runRetrainJob(request);
    total.push((performance.now() - jobStart) / 1000);
  }
  const churn = last!.comparison.churn;
  return [
    ...spread(`retrain end to end, ${accounts.toLocaleString('en')} accounts (${last!.renewals} renewals; memory, no database)`, total, 's', 2),
    ...spread(`retrain: features alone, ${accounts.toLocaleString('en')} accounts`, features, 's', 2),
    { name: 'retrain: candidate churn ROC-AUC on the holdout', value: Number(churn.candidate.rocAuc.toFixed(3)), unit: '' },
    { name: 'retrain: candidate churn ECE on the holdout', value: Number(churn.candidate.expectedCalibrationError.toFixed(3)), unit: '' },
    { name: 'retrain: shipped churn ROC-AUC on the same holdout', value: Number(churn.current.rocAuc.toFixed(3)), unit: '' },
  ];
}

/// <reference lib="webworker" />
/**
 * Retrains the churn and expansion models off the UI thread (the Models page): features from the book's history,
 * the time-based retrain with calibration, and the comparison with the current models. Cancel = terminate.
 */
import { NotEnoughOutcomesError } from '../../../../../common/intelligence/retrain';
import { type RetrainJobRequest, runRetrainJob } from '../../../../../common/intelligence/retrain-job';
import type { RetrainWorkerMessage } from './retrain-client';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<RetrainJobRequest>) => {
  const post = (message: RetrainWorkerMessage) => self.postMessage(message);
  try {
    const result = runRetrainJob(event.data, (step, done, total) => post({ type: 'progress', step, done, total }));
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error), notEnoughOutcomes: error instanceof NotEnoughOutcomesError });
  }
};

import type { HoldoutEvaluation } from './model-evaluation';

/** Who may promote a model (the sync server's roles). */
export type PromotingRole = 'admin' | 'cs-manager' | 'cs-rep' | 'viewer';

export const PROMOTING_ROLES: readonly PromotingRole[] = ['admin', 'cs-manager'];

/** The candidate must rank better by this much (ROC-AUC) ... */
export const MIN_AUC_GAIN = 0.005;
/** ... and be no worse calibrated than the current model by more than this (ECE). */
export const MAX_ECE_LOSS = 0.01;
/** An override must say why, in at least this many characters. */
export const MIN_REASON_LENGTH = 10;

export type PromotionDecision =
  | { readonly promote: true; readonly basis: 'better' | 'override'; readonly reason: string }
  | { readonly promote: false; readonly reason: string };

export interface PromotionRequest {
  readonly candidate: HoldoutEvaluation;
  /** The current model on the same holdout; absent when the team has none that can score this book. */
  readonly current?: HoldoutEvaluation;
  readonly role: PromotingRole;
  /** A CS Manager's or Admin's reason to promote a candidate that is not better. */
  readonly overrideReason?: string;
}

/** Whether the candidate is better than the current model on the same holdout, and why (or why not). */
export function candidateIsBetter(candidate: HoldoutEvaluation, current: HoldoutEvaluation | undefined): { better: boolean; reason: string } {
  if (!Number.isFinite(candidate.rocAuc)) return { better: false, reason: 'The candidate could not be measured (the holdout has only one kind of outcome)' };
  if (!current || !Number.isFinite(current.rocAuc)) return { better: true, reason: 'There is no current model measured on this holdout' };
  const gain = candidate.rocAuc - current.rocAuc;
  const eceLoss = candidate.expectedCalibrationError - current.expectedCalibrationError;
  const f = (x: number) => x.toFixed(3);
  if (gain < MIN_AUC_GAIN) return { better: false, reason: `ROC-AUC ${f(candidate.rocAuc)} is not better than the current ${f(current.rocAuc)} (needs +${MIN_AUC_GAIN})` };
  if (eceLoss > MAX_ECE_LOSS) return { better: false, reason: `Calibration error ${f(candidate.expectedCalibrationError)} is worse than the current ${f(current.expectedCalibrationError)}` };
  return { better: true, reason: `ROC-AUC ${f(current.rocAuc)} → ${f(candidate.rocAuc)}, calibration error ${f(current.expectedCalibrationError)} → ${f(candidate.expectedCalibrationError)}` };
}

/**
 * The promote rule: only Admins and CS Managers promote; a candidate that is better on the same holdout is promoted,
 * one that is not only with an override reason (recorded with the promotion).
 */
export function decidePromotion(request: PromotionRequest): PromotionDecision {
  if (!PROMOTING_ROLES.includes(request.role)) return { promote: false, reason: 'Only Admins and CS Managers can promote a model' };
  const { better, reason } = candidateIsBetter(request.candidate, request.current);
  if (better) return { promote: true, basis: 'better', reason };
  const override = request.overrideReason?.trim() ?? '';
  if (override.length >= MIN_REASON_LENGTH) return { promote: true, basis: 'override', reason: override };
  return { promote: false, reason: `${reason}. To promote it anyway, give a reason (at least ${MIN_REASON_LENGTH} characters).` };
}

/** The least a retrain needs: outcomes of both kinds, enough of each for a holdout that means something. */
export const MINIMUM_OUTCOMES = { total: 300, positives: 50, negatives: 50 } as const;

export type OutcomeCheck = { readonly enough: true } | { readonly enough: false; readonly message: string };

/** Whether a book has enough outcomes to retrain on, said plainly when not (the scorecard keeps working). */
export function checkMinimumOutcomes(labels: ArrayLike<number>, what = 'churned'): OutcomeCheck {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  const negatives = labels.length - positives;
  const { total, positives: minPositives, negatives: minNegatives } = MINIMUM_OUTCOMES;
  if (labels.length >= total && positives >= minPositives && negatives >= minNegatives) return { enough: true };
  return {
    enough: false,
    message:
      `Retraining needs at least ${total} renewals with a known outcome, ${minPositives} of them ${what} and ${minNegatives} not; ` +
      `this book has ${labels.length} (${positives} ${what}, ${negatives} not). The health scorecard and the current model keep working.`,
  };
}

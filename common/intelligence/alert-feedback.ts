import type { Alert } from '../model';

/**
 * How "this alert was wrong" feeds the churn retrain (documented in docs/ARCHITECTURE.md, "Learning from the CSMs").
 *
 * Every alert rule (risk above, health drop, renewal at risk) says "this account may churn"; a CSM marking one wrong
 * says "it will not". The renewal that follows settles who was right:
 * - renewed or expanded → a **confirmed negative**: the CSM knew something the features did not show. That training
 *   renewal gets weight `confirmedNegativeWeight` (it counts as that many copies in the churn trees' loss), so the
 *   trees learn the pattern the CSM saw as safe;
 * - churned anyway → **contradicted**: the outcome stands (a churn nobody saw coming is exactly what the model must
 *   learn); weight 1, counted on the card;
 * - contracted → neither (the alert precision counts it as the alert being right): weight 1.
 * The outcome is always the label; feedback only weights. Feedback is never a feature (it does not exist for the
 * accounts being scored).
 *
 * No future leaks past the holdout cut: a feedback item counts only for a renewal *after* it (at most
 * `horizonDays` after: feedback on today's risk says nothing about a renewal years later), and only training-split
 * renewals are weighted, so every item used was given before the last training outcome, before every calibration and
 * test outcome. Calibration and the holdout metrics see the book as it is, unweighted: the Platt step, fitted on its
 * own split, undoes the shift of the base rate the weights cause, so "30 % risk" still means 30 %. The expansion
 * model is trained without weights (the alerts are about churn).
 */
export interface AlertFeedback {
  readonly accountId: string;
  readonly rule: Alert['rule'];
  readonly raisedAt: string;
  /** When the person said the alert was wrong. */
  readonly feedbackAt: string;
}

export interface FeedbackRule {
  /** A feedback item counts for a renewal at most this many days after it. */
  readonly horizonDays: number;
  /** The weight of a training renewal the feedback confirmed (the account renewed or expanded). */
  readonly confirmedNegativeWeight: number;
}

export const FEEDBACK_RULE: FeedbackRule = { horizonDays: 180, confirmedNegativeWeight: 3 };

export type FeedbackLabel = 'confirmed-negative' | 'contradicted' | 'contracted';

/** What a retrain did with the feedback: shown on the churn model's card (Models page). */
export interface FeedbackUse {
  /** Alerts marked "this alert was wrong" handed to the retrain. */
  readonly markedWrong: number;
  /** Of those, the items that matched a training renewal (and so were used). */
  readonly used: number;
  /** Training renewals the feedback confirmed: weighted `weight` each. */
  readonly confirmedNegatives: number;
  /** Training renewals that churned although a CSM had marked the alert wrong: weight 1, the outcome stands. */
  readonly contradicted: number;
  /** Training renewals that contracted after the feedback: weight 1. */
  readonly contracted: number;
  readonly weight: number;
  readonly horizonDays: number;
}

/** The "this alert was wrong" items of the alerts collection. */
export function alertFeedbackOf(alerts: readonly Pick<Alert, 'accountId' | 'rule' | 'raisedAt' | 'feedback' | 'feedbackAt'>[]): AlertFeedback[] {
  return alerts.flatMap((a) => (a.feedback === 'wrong' && a.feedbackAt ? [{ accountId: a.accountId, rule: a.rule, raisedAt: a.raisedAt, feedbackAt: a.feedbackAt }] : []));
}

/** What the feedback needs of a training example: whose renewal, when, and how it ended. */
export interface FeedbackTarget {
  readonly accountId?: string;
  readonly date: string;
  readonly outcome?: string;
}

export interface MatchedFeedback {
  readonly label: FeedbackLabel;
  /** How many feedback items matched this renewal. */
  readonly items: number;
}

const DAY = 86_400_000;

/**
 * The feedback that bears on each example (undefined where none does): items on the same account given before its
 * renewal date and at most `horizonDays` before it. Pure; position for position with `examples`.
 */
export function matchFeedback(examples: readonly FeedbackTarget[], feedback: readonly AlertFeedback[], rule: FeedbackRule = FEEDBACK_RULE): (MatchedFeedback | undefined)[] {
  const byAccount = new Map<string, number[]>();
  for (const item of feedback) {
    const at = Date.parse(item.feedbackAt);
    if (Number.isNaN(at)) continue;
    const list = byAccount.get(item.accountId) ?? [];
    list.push(at);
    byAccount.set(item.accountId, list);
  }
  return examples.map((example) => {
    const given = example.accountId === undefined ? undefined : byAccount.get(example.accountId);
    if (!given) return undefined;
    const outcomeAt = Date.parse(example.date.slice(0, 10));
    const items = given.filter((at) => at < outcomeAt && outcomeAt - at <= rule.horizonDays * DAY).length;
    if (items === 0) return undefined;
    const label: FeedbackLabel = example.outcome === 'churn' ? 'contradicted' : example.outcome === 'contraction' ? 'contracted' : 'confirmed-negative';
    return { label, items };
  });
}

/** The churn trees' row weights for the training split: `weight` for a confirmed negative, 1 for every other row. */
export function feedbackWeights(matched: readonly (MatchedFeedback | undefined)[], rule: FeedbackRule = FEEDBACK_RULE): Float64Array {
  return Float64Array.from(matched, (m) => (m?.label === 'confirmed-negative' ? rule.confirmedNegativeWeight : 1));
}

/** The card's summary of what the training split took from the feedback. */
export function feedbackUse(markedWrong: number, trainMatched: readonly (MatchedFeedback | undefined)[], rule: FeedbackRule = FEEDBACK_RULE): FeedbackUse {
  let used = 0;
  let confirmedNegatives = 0;
  let contradicted = 0;
  let contracted = 0;
  for (const m of trainMatched) {
    if (!m) continue;
    used += m.items;
    if (m.label === 'confirmed-negative') confirmedNegatives++;
    else if (m.label === 'contradicted') contradicted++;
    else contracted++;
  }
  return { markedWrong, used, confirmedNegatives, contradicted, contracted, weight: rule.confirmedNegativeWeight, horizonDays: rule.horizonDays };
}

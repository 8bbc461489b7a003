import type { Account } from '../model';
import { annualRecurringRevenue } from '../model/derived-fields';
import type { ScoresByAccount } from './book-scores';
import type { MrrMovements } from './mrr-waterfall';

/** Expansion propensity (0-100) from which an active account is in the expansion pipeline (the model's 0.5). */
export const EXPANSION_PIPELINE_THRESHOLD = 50;

export interface ExpansionPipeline {
  accounts: number;
  /** Their current ARR (what the pipeline is built on). */
  arr: number;
}

/** Active accounts whose expansion propensity is at least the threshold. */
export function expansionPipeline(accounts: readonly Account[], scores: ScoresByAccount): ExpansionPipeline {
  const result = { accounts: 0, arr: 0 };
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    const expansion = scores.get(account.id)?.expansion;
    if (expansion === null || expansion === undefined || expansion < EXPANSION_PIPELINE_THRESHOLD) continue;
    result.accounts++;
    result.arr += annualRecurringRevenue(account.mrr);
  }
  return result;
}

export interface ExpansionAgainstTarget {
  /** 12 × the waterfall's expansion MRR over the period. */
  expansionArr: number;
  /** The manager's target for the period (ARR); null when none is set. */
  targetArr: number | null;
  /** expansionArr / targetArr; null without a (positive) target. */
  percentOfTarget: number | null;
}

export function expansionAgainstTarget(movements: Pick<MrrMovements, 'expansion'>, targetArr: number | null): ExpansionAgainstTarget {
  const expansionArr = annualRecurringRevenue(movements.expansion);
  return { expansionArr, targetArr, percentOfTarget: targetArr !== null && targetArr > 0 ? expansionArr / targetArr : null };
}

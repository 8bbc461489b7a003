import type { Account } from '../model';
import type { ScoresByAccount } from './book-scores';
import { lastDayOf, type IsoMonth } from './calendar';

export interface ScoreTrendPoint {
  month: IsoMonth;
  /** Mean health of the accounts with a health point on or before the month's close (its latest one). */
  meanHealth: number | null;
  /** Mean risk (0-100 churn probability) likewise. */
  meanRisk: number | null;
  accounts: number;
}

/** Health and risk trend per month from the accounts' daily score history (the last point of each month). */
export function scoreTrend(accounts: readonly Account[], scores: ScoresByAccount, months: readonly IsoMonth[]): ScoreTrendPoint[] {
  const sums = months.map(() => ({ health: 0, healthN: 0, risk: 0, riskN: 0, accounts: 0 }));
  const ends = months.map(lastDayOf);
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    const history = scores.get(account.id)?.history;
    if (!history?.length) continue;
    let i = 0;
    let health: number | null = null;
    let risk: number | null = null;
    for (let m = 0; m < months.length; m++) {
      while (i < history.length && history[i]!.date <= ends[m]!) {
        const point = history[i++]!;
        if (point.health !== null) health = point.health;
        if (point.risk !== null) risk = point.risk;
      }
      const sum = sums[m]!;
      if (health !== null) {
        sum.health += health;
        sum.healthN++;
      }
      if (risk !== null) {
        sum.risk += risk;
        sum.riskN++;
      }
      if (health !== null || risk !== null) sum.accounts++;
    }
  }
  return months.map((month, m) => {
    const s = sums[m]!;
    return { month, meanHealth: s.healthN ? s.health / s.healthN : null, meanRisk: s.riskN ? s.risk / s.riskN : null, accounts: s.accounts };
  });
}

import type { RiskAssessment } from './risk-assessment';

/**
 * The scores of a stored risk assessment, as the book-wide views read them (the grid's score columns, segment facts,
 * the dashboard's and the console's figures): health and its band, churn probability, risk, expansion, whether the
 * data was recent enough, and the history of change points. Not the factors, measures, model version or stamps: an
 * account opened asks for exact (TreeSHAP) factors and stores them, which changes none of the scores.
 */
export function sameScores(a: RiskAssessment, b: RiskAssessment): boolean {
  if (a === b) return true;
  if (
    a.accountId !== b.accountId ||
    a.health !== b.health ||
    a.healthBand !== b.healthBand ||
    a.churnProbability !== b.churnProbability ||
    a.risk !== b.risk ||
    a.expansion !== b.expansion ||
    a.dataState !== b.dataState ||
    a.history.length !== b.history.length
  ) {
    return false;
  }
  for (let i = 0; i < a.history.length; i++) {
    const p = a.history[i]!;
    const q = b.history[i]!;
    if (p !== q && (p.date !== q.date || p.health !== q.health || p.risk !== q.risk || p.expansion !== q.expansion)) return false;
  }
  return true;
}

/**
 * The scores view after a read of the stored assessments: `previous` itself (the same map) when every account has the
 * same scores as in it and no account came or went, else `next`. Book-wide work kept per scores map (sort keys, segment
 * facts, KPIs) is then found again after a write that changed no score, instead of redone over the whole book.
 */
export function keepScoresView(
  previous: ReadonlyMap<string, RiskAssessment>,
  next: ReadonlyMap<string, RiskAssessment>,
): ReadonlyMap<string, RiskAssessment> {
  if (previous.size !== next.size) return next;
  for (const [accountId, assessment] of next) {
    const before = previous.get(accountId);
    if (!before || !sameScores(before, assessment)) return next;
  }
  return previous;
}

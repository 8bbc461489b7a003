import { useMemo } from 'react';
import type { Account, RiskAssessment } from '../../../../../common/model';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import { accountFacts, type AccountFacts } from '../../../../../common/segments/account-facts';
import { RecentResults } from '../../../../../common/memo/recent-results';
import { useAccountsStore } from '../../stores/accounts-store';
import { useAssessmentsStore } from '../../stores/assessments-store';

/** The last book version's facts, kept across the Segments page's mounts and shared with the grid's segment filter. */
const recent = new RecentResults<readonly AccountFacts[]>(1);

/** The facts of every account in the book today (the same array while the book, its scores and the day are the same). */
export function bookFacts(accounts: readonly Account[], scores: ReadonlyMap<string, RiskAssessment>): readonly AccountFacts[] {
  const today = todayIsoDate();
  return recent.get([accounts, scores, today], () => accounts.map((account) => accountFacts({ account, assessment: scores.get(account.id) ?? null, today })));
}

/** The facts of every account in the book today, from the live accounts and scores stores. */
export function useBookFacts(): readonly AccountFacts[] {
  const accounts = useAccountsStore((s) => s.accounts);
  const scores = useAssessmentsStore((s) => s.scores);
  return useMemo(() => bookFacts(accounts, scores), [accounts, scores]);
}

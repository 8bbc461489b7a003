import { useMemo } from 'react';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import { accountFacts, type AccountFacts } from '../../../../../common/segments/account-facts';
import { RecentResults } from '../../../../../common/memo/recent-results';
import { useAccountsStore } from '../../stores/accounts-store';
import { useAssessmentsStore } from '../../stores/assessments-store';
import type { Condition } from '../../../../../common/segments/segment-condition';

/** The last book version's facts, kept across the Segments page's mounts. */
const recent = new RecentResults<readonly AccountFacts[]>(1);

/** The facts of every account in the book today, from the live accounts and assessments stores. */
export function useBookFacts(): readonly AccountFacts[] {
  const accounts = useAccountsStore((s) => s.accounts);
  const assessments = useAssessmentsStore((s) => s.scores);
  return useMemo(() => {
    const today = todayIsoDate();
    return recent.get([accounts, assessments, today], () => accounts.map((account) => accountFacts({ account, assessment: assessments.get(account.id) ?? null, today })));
  }, [accounts, assessments]);
}

/** Member counts per book version (the facts array) and condition, so the saved segments' counts are not redone on every visit. */
const counts = new WeakMap<readonly AccountFacts[], Map<string, number>>();

/** How many of `facts` match `condition`, `test` being its compiled form. */
export function memberCount(facts: readonly AccountFacts[], condition: Condition, test: (facts: AccountFacts) => boolean): number {
  let byCondition = counts.get(facts);
  if (!byCondition) counts.set(facts, (byCondition = new Map()));
  const key = JSON.stringify(condition);
  let count = byCondition.get(key);
  if (count === undefined) {
    count = 0;
    for (const f of facts) if (test(f)) count++;
    byCondition.set(key, count);
  }
  return count;
}

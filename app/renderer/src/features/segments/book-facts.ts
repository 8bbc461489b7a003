import { useMemo } from 'react';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import { accountFacts, type AccountFacts } from '../../../../../common/segments/account-facts';
import { useAccountsStore } from '../../stores/accounts-store';
import { useAssessmentsStore } from '../../stores/assessments-store';

/** The facts of every account in the book today, from the live accounts and assessments stores. */
export function useBookFacts(): readonly AccountFacts[] {
  const accounts = useAccountsStore((s) => s.accounts);
  const assessments = useAssessmentsStore((s) => s.byAccount);
  return useMemo(() => {
    const today = todayIsoDate();
    return accounts.map((account) => accountFacts({ account, assessment: assessments.get(account.id) ?? null, today }));
  }, [accounts, assessments]);
}

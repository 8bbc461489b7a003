import { useMemo } from 'react';
import type { Account } from '../../../../../common/model';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import { accountFacts } from '../../../../../common/segments/account-facts';
import { compileCondition } from '../../../../../common/segments/evaluate-condition';
import type { Condition } from '../../../../../common/segments/segment-condition';
import { useAssessmentsStore } from '../../stores/assessments-store';

/**
 * A segment as the grid's row test: an account is kept when its facts today (account and stored scores) match the
 * segment's condition, the same test the Segments page counts members with. Null when no segment is chosen.
 */
export function useSegmentTest(condition: Condition | null): ((account: Account) => boolean) | null {
  const assessments = useAssessmentsStore((s) => s.scores);
  return useMemo(() => {
    if (!condition) return null;
    const test = compileCondition(condition);
    const today = todayIsoDate();
    return (account: Account) => test(accountFacts({ account, assessment: assessments.get(account.id) ?? null, today }));
  }, [condition, assessments]);
}

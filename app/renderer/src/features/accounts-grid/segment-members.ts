import { useMemo } from 'react';
import type { Account } from '../../../../../common/model';
import type { Condition } from '../../../../../common/segments/segment-condition';
import { segmentMembers } from '../../../../../common/segments/segment-members';
import { useAccountsStore } from '../../stores/accounts-store';
import { useAssessmentsStore } from '../../stores/assessments-store';
import { bookFacts } from '../segments/book-facts';

/**
 * A segment as the grid's row test: an account is kept when it is among the segment's members today (its facts from
 * the account and its stored scores), the same members the Segments page counts: evaluated once per book version and
 * condition (common/segments/segment-members.ts) and shared with that page. Null when no segment is chosen.
 */
export function useSegmentTest(condition: Condition | null): ((account: Account) => boolean) | null {
  const accounts = useAccountsStore((s) => s.accounts);
  const scores = useAssessmentsStore((s) => s.scores);
  // The book's facts only while a segment is chosen (the grid without one never builds them).
  const ids = useMemo(() => (condition ? segmentMembers(bookFacts(accounts, scores), condition).ids : null), [condition, accounts, scores]);
  return useMemo(() => (ids ? (account: Account) => ids.has(account.id) : null), [ids]);
}

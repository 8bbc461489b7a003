import { useMemo } from 'react';
import type { ComparableAccount, InterventionStep } from '../../../../../common/analytics/intervention-success';
import { interventionInputsFrom } from '../../../../../common/analytics/intervention-steps';
import type { ScoresByAccount } from '../../../../../common/analytics/book-scores';
import type { MrrHistory } from '../../../../../common/analytics/mrr-history';
import type { DateRange } from '../../../../../common/analytics/time-range';
import type { Account } from '../../../../../common/model';
import { RecentResults } from '../../../../../common/memo/recent-results';
import { useExecutions } from '../playbooks/playbook-data';

const NONE = { steps: [], comparable: [] };
/** Kept per book version, executions and range, across the console's mounts. */
const recent = new RecentResults<{ steps: readonly InterventionStep[]; comparable: readonly ComparableAccount[] }>(4);

/** The intervention outcomes the console measures: every playbook execution on the slice's accounts, live. */
export function useInterventionInputs(
  accounts: readonly Account[],
  histories: readonly MrrHistory[] | null,
  scores: ScoresByAccount,
  range: DateRange,
): { steps: readonly InterventionStep[]; comparable: readonly ComparableAccount[] } {
  const executions = useExecutions();
  return useMemo(
    () =>
      histories && executions?.length
        ? recent.get([accounts, histories, scores, executions, range.start, range.end], () => interventionInputsFrom({ accounts, histories, scores, executions, range }))
        : NONE,
    [accounts, histories, scores, executions, range],
  );
}

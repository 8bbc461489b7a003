import { useMemo } from 'react';
import type { ComparableAccount, InterventionStep } from '../../../../../common/analytics/intervention-success';
import { interventionInputsFrom } from '../../../../../common/analytics/intervention-steps';
import type { ScoresByAccount } from '../../../../../common/analytics/book-scores';
import type { MrrHistory } from '../../../../../common/analytics/mrr-history';
import type { DateRange } from '../../../../../common/analytics/time-range';
import type { Account } from '../../../../../common/model';
import { useExecutions } from '../playbooks/playbook-data';

const NONE = { steps: [], comparable: [] };

/** The intervention outcomes the console measures: every playbook execution on the slice's accounts, live. */
export function useInterventionInputs(
  accounts: readonly Account[],
  histories: readonly MrrHistory[] | null,
  scores: ScoresByAccount,
  range: DateRange,
): { steps: readonly InterventionStep[]; comparable: readonly ComparableAccount[] } {
  const executions = useExecutions();
  return useMemo(
    () => (histories && executions?.length ? interventionInputsFrom({ accounts, histories, scores, executions, range }) : NONE),
    [accounts, histories, scores, executions, range],
  );
}

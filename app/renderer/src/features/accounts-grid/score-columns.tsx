import type { AccountColumn, AccountColumnValue } from './account-columns';
import { useAssessmentsStore } from '../../stores/assessments-store';
import '../../components/score-display.css';

/** The latest stored scores of an account (joined by account id from the scores store). */
const assessmentOf = (accountId: string) => useAssessmentsStore.getState().byAccount.get(accountId);

const score = (value: AccountColumnValue) => (typeof value === 'number' ? String(value) : '');

/** Health, Risk and Expansion: the stored risk assessment of each account, joined by account id. */
export const SCORE_COLUMNS: readonly AccountColumn[] = [
  {
    id: 'health',
    label: 'Health',
    kind: 'number',
    width: 110,
    align: 'end',
    value: (a) => assessmentOf(a.id)?.health ?? undefined,
    format: score,
    render: (value, a) => {
      const band = assessmentOf(a.id)?.healthBand ?? 'none';
      return typeof value === 'number' ? (
        <span className={`band-chip band-${band}`} title={`Health ${value} (${band})`}>
          {value}
        </span>
      ) : (
        ''
      );
    },
  },
  {
    id: 'risk',
    label: 'Risk',
    kind: 'number',
    width: 110,
    align: 'end',
    value: (a) => assessmentOf(a.id)?.risk ?? undefined,
    format: score,
  },
  {
    id: 'expansion',
    label: 'Expansion',
    kind: 'number',
    width: 110,
    align: 'end',
    value: (a) => assessmentOf(a.id)?.expansion ?? undefined,
    format: score,
  },
];

import type { AccountColumn, AccountColumnValue } from './account-columns';
import { useAssessmentsStore } from '../../stores/assessments-store';
import '../../components/score-display.css';

/** The latest stored scores of an account (joined by account id from the scores store). */
const assessmentOf = (accountId: string) => useAssessmentsStore.getState().byAccount.get(accountId);

const score = (value: AccountColumnValue) => (typeof value === 'number' ? String(value) : '');

/**
 * Why a model score cell is blank, said in the cell: a churned account is not scored, an account whose data is
 * older than the feature windows has "no recent data", one not scored yet (e.g. just imported) says so, and a scored
 * account without a health score has too few health measures with data.
 */
function blankScoreReason(account: { id: string; status: string }): { text: string; title: string } {
  if (account.status === 'churned') return { text: 'churned', title: 'Churned accounts are not scored' };
  const assessment = assessmentOf(account.id);
  if (assessment?.dataState === 'not-enough-recent-data') {
    return { text: 'no recent data', title: 'Not enough recent data: no usage in 30 days and no touch or ticket in 90, so no score rather than a misleading one' };
  }
  if (account.status !== 'active') return { text: account.status, title: `${account.status} accounts are not scored` };
  if (assessment) return { text: 'not enough data', title: 'Too few of the health measures have data for this account to give a health score' };
  return { text: 'not scored yet', title: 'Scores appear once the book has been scored on this device' };
}

const modelScore = (value: AccountColumnValue, account: { id: string; status: string }) => {
  if (typeof value === 'number') return String(value);
  const reason = blankScoreReason(account);
  return (
    <span className="muted score-reason" title={reason.title}>
      {reason.text}
    </span>
  );
};

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
      if (typeof value !== 'number') return modelScore(value, a);
      const band = assessmentOf(a.id)?.healthBand ?? 'none';
      return (
        <span className={`band-chip band-${band}`} title={`Health ${value} (${band})`}>
          {value}
        </span>
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
    render: modelScore,
  },
  {
    id: 'expansion',
    label: 'Expansion',
    kind: 'number',
    width: 110,
    align: 'end',
    value: (a) => assessmentOf(a.id)?.expansion ?? undefined,
    format: score,
    render: modelScore,
  },
];

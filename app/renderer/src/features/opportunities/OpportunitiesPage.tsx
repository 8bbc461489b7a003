import { useMemo } from 'react';
import { Link } from 'wouter';
import { useAccountsStore } from '../../stores/accounts-store';
import { useAssessmentsStore } from '../../stores/assessments-store';
import { formatSeatUse, formatSeats, formatUsd } from '../../../../../common/format/format';
import { seatUtilizationPercent } from '../../../../../common/model/derived-fields';
import { factorAsOf } from '../../../../../common/intelligence/assessment';
import '../../components/data-table.css';

/** Propensity (0-100) from which an account is listed as an expansion opportunity (the model's 0.5 threshold). */
export const OPPORTUNITY_THRESHOLD = 50;


/** Accounts with a high expansion propensity, with the reasons the model gives. */
export function OpportunitiesPage() {
  const accounts = useAccountsStore((s) => s.accounts);
  const byAccount = useAssessmentsStore((s) => s.byAccount);
  const rows = useMemo(
    () =>
      accounts
        .filter((a) => a.status === 'active')
        .flatMap((account) => {
          const assessment = byAccount.get(account.id);
          return assessment?.expansion !== null && assessment?.expansion !== undefined && assessment.expansion >= OPPORTUNITY_THRESHOLD
            ? [{ account, assessment }]
            : [];
        })
        .sort((a, b) => b.assessment.expansion! - a.assessment.expansion!),
    [accounts, byAccount],
  );
  return (
    <div className="page">
      <h1>Opportunities</h1>
      <p className="muted">Accounts whose expansion propensity is {OPPORTUNITY_THRESHOLD} or more, highest first, with the model&apos;s reasons.</p>
      {rows.length === 0 ? (
        <div className="empty-state" data-testid="opportunities-empty">
          {accounts.length === 0 ? (
            <p>
              The book has no accounts yet. Import them from the <Link href="/accounts">Accounts</Link> page (Import CSV); each active
              account is scored on this device and listed here when its expansion propensity reaches {OPPORTUNITY_THRESHOLD}.
            </p>
          ) : byAccount.size === 0 ? (
            <p className="muted" aria-busy="true">
              Scoring the book… Opportunities are listed as soon as the accounts have expansion scores.
            </p>
          ) : (
            <p>
              No account is above the threshold right now. Expansion propensity rises with seat use, usage growth and
              engaged champions; see an account&apos;s Expansion signals on its page.
            </p>
          )}
        </div>
      ) : (
        <table className="data-table" aria-label="Expansion opportunities">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">Expansion</th>
              <th scope="col" className="num">Seats</th>
              <th scope="col" className="num">Seat use</th>
              <th scope="col" className="num">MRR</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ account, assessment }) => (
              <tr key={account.id}>
                <td>
                  <Link href={`/accounts/${encodeURIComponent(account.id)}`}>{account.name}</Link>
                </td>
                <td className="num">{assessment.expansion}</td>
                <td className="num nowrap" data-column="seats">
                  {formatSeats(account.seatsActive, account.seatsPurchased)}
                </td>
                <td className="num" data-column="seatUse">
                  {formatSeatUse(seatUtilizationPercent(account))}
                </td>
                <td className="num">{formatUsd(account.mrr)}</td>
                <td>
                  {assessment.expansionFactors
                    .filter((f) => f.points > 0)
                    .slice(0, 3)
                    .map((f) => `${factorAsOf(f, assessment.scoredAt, new Date().toISOString()).text} (+${Math.round(f.points)})`)
                    .join('; ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

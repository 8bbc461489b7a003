import { useMemo } from 'react';
import { Link } from 'wouter';
import { useAccountsStore } from '../../stores/accounts-store';
import { useAssessmentsStore } from '../../stores/assessments-store';

/** Propensity (0-100) from which an account is listed as an expansion opportunity (the model's 0.5 threshold). */
export const OPPORTUNITY_THRESHOLD = 50;

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

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
        <p className="muted">{byAccount.size === 0 ? 'Scoring the book…' : 'No account is above the threshold right now.'}</p>
      ) : (
        <table className="data-table" aria-label="Expansion opportunities">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Expansion</th>
              <th scope="col">Seats</th>
              <th scope="col">MRR</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ account, assessment }) => (
              <tr key={account.id}>
                <td>
                  <Link href={`/accounts/${encodeURIComponent(account.id)}`}>{account.name}</Link>
                </td>
                <td>{assessment.expansion}</td>
                <td>
                  {account.seatsActive} / {account.seatsPurchased}
                </td>
                <td>{usd.format(account.mrr)}</td>
                <td>
                  {assessment.expansionFactors
                    .filter((f) => f.points > 0)
                    .slice(0, 3)
                    .map((f) => `${f.text} (+${Math.round(f.points)})`)
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

import { useMemo } from 'react';
import { Link } from 'wouter';
import { useAccountsStore } from '../../stores/accounts-store';
import { summarizeBook } from '../../../../../common/analytics/book-summary';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import { ACCOUNT_TIERS } from '../../../../../common/model';
import './dashboard-page.css';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('en-US');

/** The book at a glance: size, revenue, upcoming renewals and the tier mix. */
export function DashboardPage() {
  const { accounts, loaded } = useAccountsStore();
  const summary = useMemo(() => summarizeBook(accounts, todayIsoDate()), [accounts]);

  if (!loaded) {
    return (
      <div className="page" aria-busy="true">
        <h1>Dashboard</h1>
        <p className="muted">Loading your book…</p>
      </div>
    );
  }

  return (
    <div className="page dashboard-page">
      <h1>Dashboard</h1>
      <section className="dashboard-stats" aria-label="Book summary">
        <Stat label="Active accounts" value={count.format(summary.activeAccounts)} detail={`of ${count.format(summary.totalAccounts)} in the book`} testId="stat-active-accounts" />
        <Stat label="Total MRR" value={usd.format(summary.mrr)} testId="stat-mrr" />
        <Stat label="Total ARR" value={usd.format(summary.arr)} testId="stat-arr" />
        <Stat label="Renewals in 30 days" value={count.format(summary.renewalsNext30)} testId="stat-renewals-30" />
        <Stat label="Renewals in 90 days" value={count.format(summary.renewalsNext90)} testId="stat-renewals-90" />
      </section>

      <div className="dashboard-panels">
        <section className="dashboard-panel" aria-labelledby="upcoming-renewals-title">
          <h2 id="upcoming-renewals-title">Next renewals</h2>
          {summary.upcomingRenewals.length === 0 ? (
            <p className="muted">No upcoming renewals.</p>
          ) : (
            <table className="data-table" data-testid="upcoming-renewals">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Tier</th>
                  <th scope="col" className="num">MRR</th>
                  <th scope="col">Renewal</th>
                  <th scope="col" className="num">In</th>
                </tr>
              </thead>
              <tbody>
                {summary.upcomingRenewals.map(({ account, daysToRenewal }) => (
                  <tr key={account.id}>
                    <td>
                      <Link href={`/accounts/${encodeURIComponent(account.id)}`}>{account.name}</Link>
                    </td>
                    <td>{account.tier}</td>
                    <td className="num">{usd.format(account.mrr)}</td>
                    <td>{account.renewalDate}</td>
                    <td className="num">{daysToRenewal === 0 ? 'today' : `${daysToRenewal} d`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="dashboard-panel" aria-labelledby="by-tier-title">
          <h2 id="by-tier-title">Active accounts by tier</h2>
          <table className="data-table" data-testid="accounts-by-tier">
            <thead>
              <tr>
                <th scope="col">Tier</th>
                <th scope="col" className="num">Accounts</th>
                <th scope="col" className="num">MRR</th>
                <th scope="col">Share of accounts</th>
              </tr>
            </thead>
            <tbody>
              {ACCOUNT_TIERS.map((tier) => {
                const { accounts: n, mrr } = summary.byTier[tier];
                const share = summary.activeAccounts ? n / summary.activeAccounts : 0;
                return (
                  <tr key={tier}>
                    <th scope="row">{tier}</th>
                    <td className="num">{count.format(n)}</td>
                    <td className="num">{usd.format(mrr)}</td>
                    <td>
                      <span className="tier-bar" aria-label={`${Math.round(share * 100)}%`}>
                        <span style={{ width: `${share * 100}%` }} />
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p>
            <Link href="/accounts">Open the full book →</Link>
          </p>
        </section>
      </div>
    </div>
  );
}

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="dashboard-stat" data-testid={testId}>
      <div className="dashboard-stat-label muted">{label}</div>
      <div className="dashboard-stat-value">{value}</div>
      {detail && <div className="muted dashboard-stat-detail">{detail}</div>}
    </div>
  );
}

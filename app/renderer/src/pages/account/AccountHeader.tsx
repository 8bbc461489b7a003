import { annualRecurringRevenue, daysToRenewal, todayIsoDate } from '../../../../../common/book/derived-fields';
import { Link } from 'wouter';
import type { Account } from '../../../../../common/model';
import { formatDaysToRenewal } from '../../../../../common/account/renewal';
import { formatIsoDate, formatUsd } from '../../../../../common/account/format';

export function AccountHeader({ account }: { account: Account }) {
  const days = daysToRenewal(account.renewalDate, todayIsoDate());
  return (
    <header className="account-header" data-testid="account-header">
      <Link href="/accounts" className="back-link">
        ← Back to accounts
      </Link>
      <div className="account-title">
        <h1>{account.name}</h1>
        <span className="badge">{account.tier}</span>
        <span className={`badge status-${account.status}`}>{account.status === 'active' ? 'Active' : 'Churned'}</span>
      </div>
      <dl className="header-facts">
        <div>
          <dt>Owner</dt>
          <dd>{account.ownerName || 'Unassigned'}</dd>
        </div>
        <div>
          <dt>MRR</dt>
          <dd>{formatUsd(account.mrr)}</dd>
        </div>
        <div>
          <dt>ARR</dt>
          <dd>{formatUsd(annualRecurringRevenue(account.mrr))}</dd>
        </div>
        <div>
          <dt>Renewal</dt>
          <dd>
            {formatIsoDate(account.renewalDate)}{' '}
            <span className={days === null ? 'muted' : days < 0 ? 'renewal-overdue' : days <= 90 ? 'renewal-soon' : 'muted'}>
              ({formatDaysToRenewal(days)})
            </span>
          </dd>
        </div>
      </dl>
      <p className="muted score-slot" data-slot="risk-health">
        Health and risk scores arrive with on-device scoring.
      </p>
    </header>
  );
}

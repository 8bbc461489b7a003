import { daysToRenewal, todayIsoDate } from '../../../../../common/model/derived-fields';
import { Link } from 'wouter';
import { RecurringRevenueFacts } from './RecurringRevenueFacts';
import type { Account } from '../../../../../common/model';
import { formatDaysToRenewal } from '../../../../../common/workbench/renewal';
import { formatIsoDate } from '../../../../../common/format/format';

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
        <RecurringRevenueFacts mrr={account.mrr} />
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

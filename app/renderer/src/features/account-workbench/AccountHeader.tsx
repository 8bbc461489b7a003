import { daysToRenewal, seatUtilizationPercent, todayIsoDate } from '../../../../../common/model/derived-fields';
import { Link } from 'wouter';
import { RecurringRevenueFacts } from './RecurringRevenueFacts';
import type { Account } from '../../../../../common/model';
import { formatDaysToRenewal } from '../../../../../common/workbench/renewal';
import { formatIsoDate, formatSeatUse, formatSeats } from '../../../../../common/format/format';

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
          <dt>Seats</dt>
          <dd data-testid="header-seats">
            {formatSeats(account.seatsActive, account.seatsPurchased)}{' '}
            <span className="muted">({formatSeatUse(seatUtilizationPercent(account))} in use)</span>
          </dd>
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
    </header>
  );
}

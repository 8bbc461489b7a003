import { RecurringRevenueFacts } from './RecurringRevenueFacts';
import type { Account, RevenueEvent, RevenueEventKind } from '../../../../../common/model';
import { mrrGrowth, revenueEventsNewestFirst } from '../../../../../common/workbench/mrr-growth';
import { formatCount, formatIsoDate, formatPercentChange, formatUsd } from '../../../../../common/format/format';
import { todayIsoDate } from '../../../../../common/model/derived-fields';

const EVENT_LABELS: Record<RevenueEventKind, string> = {
  invoice_paid: 'Invoice paid',
  payment_failed: 'Payment failed',
  renewal: 'Renewal',
  expansion: 'Expansion',
  contraction: 'Contraction',
  churn: 'Churn',
};
const ALARMING: ReadonlySet<RevenueEventKind> = new Set(['payment_failed', 'contraction', 'churn']);

function growthText(events: readonly RevenueEvent[], mrr: number): string {
  const growth = mrrGrowth(events, mrr, todayIsoDate());
  if (!growth) return 'Not enough history';
  if (growth.rate === null) return `from ${formatUsd(growth.from)}`;
  return `${formatPercentChange(growth.rate)} (from ${formatUsd(growth.from)})`;
}

export function RevenuePanel({ account, events }: { account: Account; events: readonly RevenueEvent[] | undefined }) {
  const sorted = events ? revenueEventsNewestFirst(events) : [];
  const utilisation = account.seatsPurchased > 0 ? Math.round((account.seatsActive / account.seatsPurchased) * 100) : null;
  return (
    <section className="panel" aria-labelledby="revenue-heading">
      <h2 id="revenue-heading">Revenue</h2>
      <dl className="stat-grid">
        <RecurringRevenueFacts mrr={account.mrr} />
        <div>
          <dt>MRR growth (12 months)</dt>
          <dd>{events ? growthText(events, account.mrr) : '…'}</dd>
        </div>
        <div>
          <dt>Contract start</dt>
          <dd>{formatIsoDate(account.contractStart)}</dd>
        </div>
        <div>
          <dt>Renewal</dt>
          <dd>{formatIsoDate(account.renewalDate)}</dd>
        </div>
        <div>
          <dt>Seats active / purchased</dt>
          <dd>
            {formatCount(account.seatsActive)} / {formatCount(account.seatsPurchased)}
            {utilisation !== null && <span className="muted"> ({utilisation}%)</span>}
          </dd>
        </div>
      </dl>
      <h3>Revenue events</h3>
      {events === undefined ? (
        <p className="muted">Loading…</p>
      ) : sorted.length === 0 ? (
        <p className="muted">No revenue events recorded.</p>
      ) : (
        <div className="table-scroll revenue-events">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Event</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  MRR after
                </th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((event) => (
                <tr key={event.id}>
                  <td className="nowrap">{formatIsoDate(event.date)}</td>
                  <td className={ALARMING.has(event.kind) ? 'error-text' : undefined}>{EVENT_LABELS[event.kind]}</td>
                  <td className="num">{formatUsd(event.amount)}</td>
                  <td className="num">{formatUsd(event.mrrAfter)}</td>
                  <td>{event.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import type { RevenueEvent, RevenueEventKind } from '../model';
import type { AccountSimulation } from './account-simulation';
import type { BookWindow } from './book-window';
import { dayToIsoDate } from './demo-dates';
import { churnReasons } from './story-text';
import type { Random } from '../random/seeded-random';
import { withSyncFields } from './sync-stamp';

const FAILURE_NOTES = ['Card declined', 'Insufficient funds', 'Bank transfer returned', 'Card expired'] as const;

/** Invoices (paid, or failed and retried), and the renewal outcome on the renewal date. */
export function buildRevenueEvents(sim: AccountSimulation, window: BookWindow, rng: Random): RevenueEvent[] {
  const { profile, renewal } = sim;
  const owner = { ownerId: profile.ownerId, teamId: window.teamId };
  const months = profile.billing === 'monthly' ? 1 : 3;
  const mrrOn = (day: number) => (renewal && day >= renewal.day ? renewal.mrrAfter : (renewal?.mrrBefore ?? sim.mrrNow));
  const rows: { day: number; kind: RevenueEventKind; amount: number; mrrAfter: number; note: string }[] = [];

  const failures = new Map(sim.paymentFailures.map((failure) => [failure.invoiceDay, failure]));
  for (const day of sim.invoiceDays) {
    const mrr = mrrOn(day);
    const amount = mrr * months;
    const period = months === 1 ? 'Monthly' : 'Quarterly';
    const failure = failures.get(day);
    if (!failure) {
      rows.push({ day, kind: 'invoice_paid', amount, mrrAfter: mrr, note: `${period} invoice` });
      continue;
    }
    const reason = rng.pick(FAILURE_NOTES);
    failure.failureDays.forEach((failedOn, attempt) => {
      rows.push({ day: failedOn, kind: 'payment_failed', amount, mrrAfter: mrr, note: `${reason} (attempt ${attempt + 1})` });
    });
    if (failure.paidDay !== undefined) {
      rows.push({ day: failure.paidDay, kind: 'invoice_paid', amount, mrrAfter: mrr, note: `${period} invoice, paid after retry` });
    }
  }

  if (renewal) {
    const change = renewal.mrrAfter - renewal.mrrBefore;
    const note =
      renewal.outcome === 'churn'
        ? `Did not renew: ${churnReasons(sim, renewal).join('; ')}`
        : renewal.outcome === 'renewal'
          ? `Renewed for 12 months at ${renewal.seatsAfter} seats`
          : `Renewed for 12 months, ${renewal.seatsBefore} to ${renewal.seatsAfter} seats`;
    rows.push({ day: renewal.day, kind: renewal.outcome, amount: change, mrrAfter: renewal.mrrAfter, note });
  }

  rows.sort((a, b) => a.day - b.day);
  return rows.map((row, n) =>
    withSyncFields(
      {
        id: `${profile.id}:rev-${n + 1}`,
        externalId: `${profile.externalId}-R${n + 1}`,
        accountId: profile.id,
        kind: row.kind,
        date: dayToIsoDate(row.day),
        amount: row.amount,
        mrrAfter: row.mrrAfter,
        note: row.note,
      },
      owner,
      window.stamp,
    ),
  );
}

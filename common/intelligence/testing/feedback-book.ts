import type { Alert } from '../../model';
import { createRandom } from '../../random/seeded-random';
import type { AccountHistory } from '../account-features';
import { handAccount, handActivity, handHistory, handRevenue, handUsage } from './hand-built';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const month = (ms: number) => iso(ms).slice(0, 7);

export interface FeedbackBook {
  readonly histories: AccountHistory[];
  /** Alerts with "this alert was wrong" on them, as the alerts collection holds them. */
  readonly alerts: Alert[];
}

/**
 * A hand-made book for the feedback tests: `accounts` accounts renewing one every 2 days from 2024-01-01. Half of
 * them had three high-severity tickets 50 days before the renewal; of those 60 % churned, of the others 10 %. A CSM
 * marked the risk alert wrong 60 days before the renewal on every ticket account that then renewed and on one in
 * ten of those that churned. Two more items must never count: one given 10 days after its renewal, one 400 days
 * before it.
 */
export function feedbackBook(accounts = 400, seed = 5): FeedbackBook {
  const random = createRandom(seed);
  const histories: AccountHistory[] = [];
  const alerts: Alert[] = [];
  const start = Date.UTC(2024, 0, 1);
  const alert = (accountId: string, raisedAt: number, feedbackAt: number): Alert => ({
    ownerId: 'me', teamId: 'local', updatedAt: '0000000000000:00000:test', fieldStamps: {},
    id: `risk-above:${accountId}`, accountId, accountName: accountId, rule: 'risk-above', severity: 'critical', title: 'Churn risk', detail: '',
    raisedAt: iso(raisedAt), status: 'dismissed', feedback: 'wrong', feedbackAt: iso(feedbackAt), handledBy: 'csm',
  });
  for (let i = 0; i < accounts; i++) {
    const id = `acc-${i}`;
    const renewal = start + i * 2 * DAY;
    const tickets = i % 2 === 0;
    const draw = random();
    const churned = tickets ? draw < 0.6 : draw < 0.1;
    const months = [...new Set([120, 90, 60, 30].map((back) => month(renewal - back * DAY)))];
    const usage = months.map((m) => handUsage(id, m, 20 + (i % 7), { reports: 10 + (i % 5) }));
    const activities = tickets ? [0, 1, 2].map((k) => handActivity(id, 'support_ticket', iso(renewal - (50 + k) * DAY), { ticket: { severity: 'high', status: 'open' } })) : [];
    activities.push(handActivity(id, 'call', iso(renewal - (40 + (i % 30)) * DAY)));
    const revenue = [handRevenue(id, churned ? 'churn' : 'renewal', iso(renewal).slice(0, 10), churned ? 0 : 1000)];
    histories.push(handHistory({ account: handAccount({ id, externalId: `EXT-${i}`, name: `Account ${i}`, status: churned ? 'churned' : 'active' }), usage, activities, revenue }));
    if (tickets && (!churned || random() < 0.1)) alerts.push(alert(id, renewal - 70 * DAY, renewal - 60 * DAY));
    else if (i === 1) alerts.push(alert(id, renewal - 5 * DAY, renewal + 10 * DAY));
    else if (i === 3) alerts.push(alert(id, renewal - 410 * DAY, renewal - 400 * DAY));
  }
  return { histories, alerts };
}

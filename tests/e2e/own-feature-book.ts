import { createRandom } from '../../common/random/seeded-random';

const DAY = 86_400_000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const on15th = (ms: number, monthsBack: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 15);
};

/**
 * A team's exports (accounts, outcomes, product events as CSV text) whose churn follows a feature of its own:
 * "Dashboards Shared" (none of the six product features) fades over the three months before a churn, while "API
 * Call" stays level for everyone. `renewed` past accounts (one every 2 days up to six weeks ago, 40 % churned) teach
 * a retrain that story; `current` open accounts (renewal ahead, usage until two days ago) are scored with it: the
 * even ones have stopped sharing dashboards (their names end in "fading"). Dates count back from `now`.
 */
export function ownFeatureBookCsv(now = Date.now(), renewed = 330, current = 24, seed = 17): { name: string; text: string }[] {
  const random = createRandom(seed);
  const accounts = ['account_id,account_name,seats,status,renewal_date'];
  const outcomes = ['event_id,account_id,event_type,date'];
  const events = ['account_id,user_id,event_name,count,timestamp'];
  const usage = (id: string, at: number, fading: boolean) => {
    events.push(`${id},${id}-u1,API Call,${Math.round(60 * (0.8 + 0.4 * random()))},${date(at)}T10:00:00Z`);
    events.push(`${id},${id}-u2,Dashboards Shared,${Math.round(40 * (fading ? 0.15 + 0.2 * random() : 0.6 + 0.6 * random()))},${date(at)}T12:00:00Z`);
  };
  const start = now - 700 * DAY;
  for (let i = 0; i < renewed; i++) {
    const id = `OF-${String(i).padStart(4, '0')}`;
    const renewal = start + i * 2 * DAY;
    const churned = random() < 0.4;
    accounts.push(`${id},Own Feature Account ${i},${20 + (i % 30)},${churned ? 'churned' : 'active'},${date(churned ? renewal : renewal + 365 * DAY)}`);
    outcomes.push(`O-${i},${id},${churned ? 'Churned' : 'Renewed'},${date(renewal)}`);
    for (let back = 6; back >= 1; back--) usage(id, on15th(renewal, back), churned && back <= 3);
  }
  for (let j = 0; j < current; j++) {
    const id = `OF-OPEN-${j}`;
    const fading = j % 2 === 0;
    accounts.push(`${id},Open Account ${j}${fading ? ' fading' : ''},25,active,${date(now + (40 + 5 * j) * DAY)}`);
    for (let back = 6; back >= 1; back--) usage(id, on15th(now, back), fading && back <= 3);
    usage(id, now - 2 * DAY, fading);
  }
  return [
    { name: 'accounts.csv', text: accounts.join('\n') },
    { name: 'outcomes.csv', text: outcomes.join('\n') },
    { name: 'product_events.csv', text: events.join('\n') },
  ];
}

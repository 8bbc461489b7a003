import { createRandom } from '../../random/seeded-random';

const DAY = 86_400_000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Test helper: a team's exports as CSV text, with its own event names. `accounts` accounts renew one every 2 days
 * from 2024-03-01; 40 % churn. Churners' "API Call" events fall to a tenth over the two months before the renewal,
 * renewers' stay level; "Report Exported" is noise; only every third account uses "SSO Login" (the others have no
 * SSO data: missing, not zero); nothing is ever a dashboard. `driver: 'own'`: the team's own "Dashboards Shared"
 * (none of the six product features) is what fades before a churn instead (to about a third, noisily), and "API Call" stays level for everyone.
 */
export function catalogueBookCsv(accounts = 360, seed = 9, driver: 'api' | 'own' = 'api'): { accounts: string; outcomes: string; events: string } {
  const random = createRandom(seed);
  const accountRows = ['account_id,account_name,seats'];
  const outcomeRows = ['event_id,account_id,event_type,date'];
  const eventRows = ['account_id,user_id,event_name,count,timestamp'];
  const start = Date.UTC(2024, 2, 1);
  for (let i = 0; i < accounts; i++) {
    const id = `T-${String(i).padStart(4, '0')}`;
    const renewal = start + i * 2 * DAY;
    const churned = random() < 0.4;
    accountRows.push(`${id},Team Account ${i},${20 + (i % 30)}`);
    outcomeRows.push(`O-${i},${id},${churned ? 'Churned' : 'Renewed'},${date(renewal)}`);
    // Events on the 15th of each of the six months before the renewal.
    const r = new Date(renewal);
    for (let back = 6; back >= 1; back--) {
      const on = Date.UTC(r.getUTCFullYear(), r.getUTCMonth() - back, 15);
      const fading = churned && back <= 3;
      const api = Math.round((fading && driver === 'api' ? 6 : 60) * (0.8 + 0.4 * random()));
      eventRows.push(`${id},u-${i}-1,API Call,${api},${date(on)}T10:00:00Z`);
      if (driver === 'own') eventRows.push(`${id},u-${i}-3,Dashboards Shared,${Math.round(40 * (fading ? 0.15 + 0.8 * random() : 0.5 + 0.8 * random()))},${date(on)}T12:00:00Z`);
      eventRows.push(`${id},u-${i}-2,Report Exported,${1 + Math.floor(random() * 20)},${date(on)}T11:00:00Z`);
      if (i % 3 === 0) eventRows.push(`${id},u-${i}-1,SSO Login,${5 + Math.floor(random() * 10)},${date(on)}T09:00:00Z`);
    }
  }
  return { accounts: accountRows.join('\n'), outcomes: outcomeRows.join('\n'), events: eventRows.join('\n') };
}

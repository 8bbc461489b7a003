import { describe, expect, it } from 'vitest';
import { demoAccountTruth, generateDemoBook } from '../demo/generate-demo-book';
import { type AccountHistory, featuresAt, RENEWAL_FEATURES, renewalExample } from './renewal-features';

const options = { seed: 3, accounts: 300, asOf: '2026-06-30' };
const book = [...generateDemoBook(options)];

/** The history as it stood at `cutoff`: later events removed, later usage days unreported. */
function historyAt(history: AccountHistory, cutoff: number): AccountHistory {
  const before = (iso: string) => Date.parse(iso) < cutoff;
  return {
    account: history.account,
    contacts: history.contacts.map(({ departedOn, ...contact }) =>
      departedOn !== undefined && before(departedOn) ? { ...contact, departedOn } : contact,
    ),
    usage: history.usage
      .filter((month) => before(`${month.month}-01`))
      .map((month) => ({
        ...month,
        activeUsers: month.activeUsers.map((users, d) => (before(`${month.month}-${String(d + 1).padStart(2, '0')}`) ? users : null)),
      })),
    activities: history.activities.filter((a) => before(a.occurredAt)),
    revenue: history.revenue.filter((e) => before(e.date)),
  };
}

describe('renewal features', () => {
  it('labels each renewal with the simulated outcome', () => {
    let renewals = 0;
    book.forEach((bundle, index) => {
      const example = renewalExample(bundle);
      const truth = demoAccountTruth(options, index).renewal;
      expect(example?.renewalDate).toBe(truth?.date);
      if (!example || !truth) return;
      renewals++;
      expect(example.churned).toBe(truth.outcome === 'churn' ? 1 : 0);
      expect(example.features.length).toBe(RENEWAL_FEATURES.length);
    });
    expect(renewals).toBeGreaterThan(100);
  });

  it('uses nothing recorded after the cutoff', () => {
    for (const bundle of book.slice(0, 100)) {
      const example = renewalExample(bundle);
      if (!example) continue;
      const cutoff = Date.parse(example.renewalDate) - 30 * 86_400_000;
      expect(Array.from(featuresAt(historyAt(bundle, cutoff), cutoff))).toEqual(Array.from(example.features));
    }
  });
});

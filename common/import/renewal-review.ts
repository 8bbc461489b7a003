import type { IsoDate } from '../model';
import type { BookIndex } from './book-snapshot';
import type { WorkingSet } from './working-set';

/** An account the import leaves with a renewal date in the past and no outcome recorded for that renewal. */
export interface RenewalReview {
  accountId: string;
  externalId: string;
  name: string;
  renewalDate: IsoDate;
  reason: string;
}

const OUTCOME_KINDS = new Set(['renewal', 'expansion', 'contraction', 'churn']);
/** An outcome this many days before the renewal date counts for it (early renewals). */
const EARLY_DAYS = 90;

function daysBefore(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Active accounts the import touches whose renewal date is past with no renewal, expansion, contraction or churn. */
export function renewalReviews(ws: WorkingSet, index: BookIndex, now: Date): RenewalReview[] {
  const today = now.toISOString().slice(0, 10);
  const planned = ws.all();
  const events = new Map<string, { kind: string; date: string }[]>();
  const add = (accountId: string, e: { kind: string; date: string }) => {
    const list = events.get(accountId) ?? [];
    list.push(e);
    events.set(accountId, list);
  };
  for (const [accountId, list] of index.revenueByAccount) for (const e of list) add(accountId, e);
  for (const doc of planned) if (doc.collection === 'revenue') add(String(doc.after['accountId']), { kind: String(doc.after['kind']), date: String(doc.after['date']) });
  const reviews: RenewalReview[] = [];
  for (const doc of planned) {
    if (doc.collection !== 'accounts') continue;
    const a = doc.after;
    const renewal = String(a['renewalDate']);
    if (a['status'] !== 'active' || renewal >= today) continue;
    const since = daysBefore(renewal, EARLY_DAYS);
    const outcome = (events.get(doc.id) ?? []).some((e) => OUTCOME_KINDS.has(e.kind) && e.date >= since);
    if (outcome) continue;
    reviews.push({
      accountId: doc.id, externalId: String(a['externalId']), name: String(a['name']), renewalDate: renewal,
      reason: `renewal date ${renewal} is past and no renewal, expansion or churn is recorded for it`,
    });
  }
  return reviews.sort((x, y) => x.renewalDate.localeCompare(y.renewalDate));
}

import { afterAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase } from '../../../../../common/db/testing/test-database';
import { stampNew } from '../../../../../common/db/stamp-writes';
import type { Activity, RevenueEvent } from '../../../../../common/model';
import { loadAnalyticsData, useAnalyticsData } from './analytics-data-store';

const owner = { ownerId: 'u-ann', teamId: 'team' };
const revenue = (id: string, accountId: string, date: string, mrrAfter: number): RevenueEvent =>
  stampNew({ id, ...owner, externalId: id, accountId, kind: 'invoice_paid' as const, date, amount: mrrAfter, mrrAfter, note: '' }) as RevenueEvent;
const activity = (id: string, accountId: string, type: Activity['type']): Activity =>
  stampNew({ id, ...owner, externalId: '', accountId, type, occurredAt: '2026-05-01T10:00:00.000Z', subject: 's', body: '', actorName: 'Ann', result: '' }) as Activity;

describe('analytics data store', () => {
  const opened = openTestDatabase('analytics-data');
  afterAll(async () => (await opened).close());

  it('reads the history in batches, then follows a change to one account without touching the others', async () => {
    const db = await opened;
    // Several batches of 40, so the batched read pages through the primary key.
    const events = Array.from({ length: 410 }, (_, i) => revenue(`r-${String(i).padStart(5, '0')}`, `acc-${i % 50}`, '2026-01-01', 100));
    await db.revenue.bulkInsert(events);
    await db.activities.bulkInsert([activity('t-1', 'acc-1', 'call'), activity('t-2', 'acc-1', 'support_ticket'), activity('t-3', 'acc-2', 'qbr')]);

    loadAnalyticsData(db, { batchSize: 40 });
    await vi.waitFor(() => expect(useAnalyticsData.getState()).toMatchObject({ status: 'ready' }), { timeout: 20_000 });
    const first = useAnalyticsData.getState();
    expect(first.done).toBe(413);
    expect(first.total).toBe(413);
    expect(first.eventsByAccount.size).toBe(50);
    expect([...first.eventsByAccount.values()].reduce((n, list) => n + list.length, 0)).toBe(410);
    expect(first.touches.map((t) => t.type).sort()).toEqual(['call', 'qbr']);

    await db.revenue.insert(revenue('r-new', 'acc-7', '2026-02-01', 150));
    await vi.waitFor(() => expect(useAnalyticsData.getState().eventsByAccount.get('acc-7')).toHaveLength(9), { timeout: 10_000 });
    const next = useAnalyticsData.getState();
    // Only acc-7's list is new: every other account keeps its array, so its MRR history is not rebuilt.
    for (const [id, list] of next.eventsByAccount) if (id !== 'acc-7') expect(list).toBe(first.eventsByAccount.get(id));
    expect(next.touches).toBe(first.touches);
  });
});

import { describe, expect, it } from 'vitest';
import { dashboardKpis, goalProgress } from './book-analytics';
import { DEFAULT_DASHBOARD_CONFIG, parseDashboardConfig } from './dashboard-config';
import { expansionAgainstTarget, expansionPipeline } from './expansion';
import { groupEventsByAccount, MrrHistoryIndex } from './mrr-history-index';
import { mrrHistoryOf } from './mrr-history';
import { testAccount, testEvent } from './testing/book-fixtures';
import { resolveTimeRange } from './time-range';
import { sliceAccounts } from './slices';

describe('dashboard KPIs', () => {
  it('counts renewals due within 90 days with their ARR and the expansion pipeline', () => {
    const a = testAccount({ renewalDate: '2026-06-01', mrr: 100 });
    const b = testAccount({ renewalDate: '2026-08-30', mrr: 200 });
    const c = testAccount({ renewalDate: '2026-08-31', mrr: 300 });
    const lapsed = testAccount({ renewalDate: '2026-05-31', mrr: 400 });
    const scores = new Map([
      [a.id, { churnProbability: 0.2, expansion: 50, healthBand: 'green' as const, history: [] }],
      [b.id, { churnProbability: 0.2, expansion: 49, healthBand: 'green' as const, history: [] }],
    ]);
    const kpis = dashboardKpis([a, b, c, lapsed], scores, '2026-06-01');
    expect([kpis.renewalsDue, kpis.renewalsDueArr]).toEqual([2, 3600]);
    expect(kpis.expansionPipeline).toEqual({ accounts: 1, arr: 1200 });
    expect(expansionPipeline([], scores)).toEqual({ accounts: 0, arr: 0 });
  });

  it('measures this quarter\'s expansion against the manager\'s target', () => {
    const a = testAccount({ contractStart: '2025-01-01', mrr: 300 });
    const histories = [mrrHistoryOf(a, [testEvent(a.id, '2025-01-01', 'invoice_paid', 100, 100), testEvent(a.id, '2026-04-20', 'expansion', 200, 300)], '2026-05-15')];
    const config = { ...DEFAULT_DASHBOARD_CONFIG, targets: { quarterlyExpansionArr: 4800 } };
    expect(goalProgress(histories, config, '2026-05-15')).toEqual({ quarterLabel: 'Q2 2026', expansionArr: 2400, targetArr: 4800, percentOfTarget: 0.5 });
    expect(expansionAgainstTarget({ expansion: 10 }, null).percentOfTarget).toBeNull();
    expect(expansionAgainstTarget({ expansion: 10 }, 0).percentOfTarget).toBeNull();
  });
});

describe('incremental histories', () => {
  it('rebuilds only the accounts whose document or events changed, and gives what a full rebuild gives', () => {
    const accounts = Array.from({ length: 50 }, (_, i) => testAccount({ id: `inc-${i}`, mrr: 100 + i }));
    let events = accounts.map((a) => testEvent(a.id, '2025-02-01', 'invoice_paid', a.mrr, a.mrr));
    let grouped = groupEventsByAccount(events);
    const index = new MrrHistoryIndex();
    index.update(accounts, grouped, '2026-06-01');
    expect(index.rebuilt).toBe(50);
    index.update(accounts, grouped, '2026-06-01');
    expect(index.rebuilt).toBe(0);

    const edited = [...accounts];
    edited[3] = { ...accounts[3]!, mrr: 999 };
    events = [...events, testEvent('inc-7', '2026-03-01', 'expansion', 50, 157)];
    grouped = groupEventsByAccount(events, grouped);
    const histories = index.update(edited, grouped, '2026-06-01');
    expect(index.rebuilt).toBe(2);
    expect(histories).toEqual(edited.map((a) => mrrHistoryOf(a, grouped.get(a.id) ?? [], '2026-06-01')));
  });
});

describe('histories kept per book version', () => {
  it('hands back the same array while nothing changed, so metrics kept by identity are found again; a new one after an edit', () => {
    const accounts = Array.from({ length: 5 }, (_, i) => testAccount({ id: `same-${i}`, mrr: 100 + i }));
    const grouped = groupEventsByAccount(accounts.map((a) => testEvent(a.id, '2025-02-01', 'invoice_paid', a.mrr, a.mrr)));
    const index = new MrrHistoryIndex();
    const first = index.update(accounts, grouped, '2026-06-01');
    expect(index.update(accounts, grouped, '2026-06-01')).toBe(first);
    // A new accounts array with the same documents (a store re-emitting) is still the same book.
    expect(index.update([...accounts], new Map(grouped), '2026-06-01')).toBe(first);
    const edited = [...accounts];
    edited[2] = { ...accounts[2]!, mrr: 7 };
    const after = index.update(edited, grouped, '2026-06-01');
    expect(after).not.toBe(first);
    expect(after[2]).not.toBe(first[2]);
    expect(index.update(accounts, grouped, '2026-06-02')).not.toBe(after);
  });
});

describe('shared dashboard configuration and slices', () => {
  it('fills defaults and refuses a bad stored value, saying which field', () => {
    expect(parseDashboardConfig({ name: 'Weekly' })).toEqual({ ok: true, config: { ...DEFAULT_DASHBOARD_CONFIG, name: 'Weekly' } });
    expect(parseDashboardConfig({ name: 'Weekly', targets: { quarterlyExpansionArr: -5 } })).toEqual({
      ok: false,
      error: expect.stringContaining('targets.quarterlyExpansionArr'),
    });
    expect(parseDashboardConfig({ name: '', timeRange: 'this-quarter' })).toMatchObject({ ok: false, error: expect.stringContaining('name') });
  });

  it('slices the book by tier, owner, region and segment', () => {
    const a = testAccount({ tier: 'SMB', ownerId: 'u1', region: 'EMEA' });
    const b = testAccount({ tier: 'Enterprise', ownerId: 'u1', region: 'APAC' });
    const c = testAccount({ tier: 'Enterprise', ownerId: 'u2', region: 'APAC' });
    const all = { tiers: [], ownerIds: [], regions: [], segmentId: null };
    expect(sliceAccounts([a, b, c], { ...all, tiers: ['Enterprise'] })).toEqual([b, c]);
    expect(sliceAccounts([a, b, c], { ...all, tiers: ['Enterprise'], ownerIds: ['u1'] })).toEqual([b]);
    expect(sliceAccounts([a, b, c], { ...all, regions: ['EMEA'] })).toEqual([a]);
    expect(sliceAccounts([a, b, c], { ...all, segmentId: 's' }, new Set([c.id]))).toEqual([c]);
  });

  it('resolves time ranges against today', () => {
    expect(resolveTimeRange('this-quarter', '2026-05-15')).toMatchObject({ start: '2026-04-01', end: '2026-05-15', fromMonth: '2026-04', toMonth: '2026-05' });
    expect(resolveTimeRange('last-quarter', '2026-01-10')).toMatchObject({ start: '2025-10-01', end: '2025-12-31', label: 'Q4 2025' });
    expect(resolveTimeRange('last-30-days', '2026-03-01')).toMatchObject({ start: '2026-01-31', end: '2026-03-01' });
    expect(resolveTimeRange('last-12-months', '2026-03-01')).toMatchObject({ start: '2025-04-01', fromMonth: '2025-04' });
  });
});

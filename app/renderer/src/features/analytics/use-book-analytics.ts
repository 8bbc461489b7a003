import { useEffect, useMemo } from 'react';
import type { Account } from '../../../../../common/model';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import type { MrrHistory } from '../../../../../common/analytics/mrr-history';
import { MrrHistoryIndex } from '../../../../../common/analytics/mrr-history-index';
import { sliceAccounts, type Slice } from '../../../../../common/analytics/slices';
import { RecentResults } from '../../../../../common/memo/recent-results';
import { useDatabase } from '../../db/database-context';
import { useAccountsStore } from '../../stores/accounts-store';
import { loadAnalyticsData, useAnalyticsData } from './analytics-data-store';

// One index for the session: an edit or a synced change rebuilds the histories of the accounts it touched only, and
// hands back the same array while nothing changed, so the pages' metrics kept per book version are found again.
const histories = new MrrHistoryIndex();
const slices = new RecentResults<{ accounts: readonly Account[]; histories: readonly MrrHistory[] | null }>(4);

/** Starts reading the book's revenue and activity history (once) and reports its progress. */
export function useAnalyticsHistory() {
  const db = useDatabase();
  useEffect(() => loadAnalyticsData(db), [db]);
  return useAnalyticsData();
}

/** Every account's MRR history, position for position with the accounts store; null until the history is read. */
export function useMrrHistories(): { accounts: readonly Account[]; histories: readonly MrrHistory[] | null } {
  const accounts = useAccountsStore((s) => s.accounts);
  const { status, eventsByAccount } = useAnalyticsHistory();
  const result = useMemo(
    () => (status === 'ready' ? histories.update(accounts, eventsByAccount, todayIsoDate()) : null),
    [accounts, eventsByAccount, status],
  );
  return { accounts, histories: result };
}

/** The slice of the book and of its histories. */
export function useSlicedBook(slice: Slice): { accounts: readonly Account[]; histories: readonly MrrHistory[] | null } {
  const { accounts, histories: all } = useMrrHistories();
  // Kept per book version and slice (not per mount): the same slice gives the same arrays when the page opens again.
  return useMemo(
    () =>
      slices.get([accounts, all, JSON.stringify(slice)], () => {
        const sliced = sliceAccounts(accounts, slice);
        if (!all || sliced === accounts) return { accounts: sliced, histories: all };
        const ids = new Set(sliced.map((a) => a.id));
        return { accounts: sliced, histories: all.filter((h) => ids.has(h.accountId)) };
      }),
    [accounts, all, slice],
  );
}

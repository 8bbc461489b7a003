import { useEffect, useMemo } from 'react';
import type { Account } from '../../../../../common/model';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import type { MrrHistory } from '../../../../../common/analytics/mrr-history';
import { MrrHistoryIndex } from '../../../../../common/analytics/mrr-history-index';
import { sliceAccounts, type Slice } from '../../../../../common/analytics/slices';
import { useDatabase } from '../../db/database-context';
import { useAccountsStore } from '../../stores/accounts-store';
import { loadAnalyticsData, useAnalyticsData } from './analytics-data-store';

// One index for the session: an edit or a synced change rebuilds the histories of the accounts it touched only.
const histories = new MrrHistoryIndex();

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
  return useMemo(() => {
    const sliced = sliceAccounts(accounts, slice);
    if (!all || sliced === accounts) return { accounts: sliced, histories: all };
    const ids = new Set(sliced.map((a) => a.id));
    return { accounts: sliced, histories: all.filter((h) => ids.has(h.accountId)) };
  }, [accounts, all, slice]);
}
